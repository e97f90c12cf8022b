import { parseWorkflowText } from '../../engine/load';
import { describeError } from '../../engine/result';
import type { Workflow } from '../../engine/workflow';
import { withoutOverlaps } from '../canvas/overlaps';
import { editorAssets } from '../images/assets';
import { imageAdded } from '../images/image-urls';

/** The example workflows shipped in `examples/`, loaded on demand. */
const files = import.meta.glob<string>('../../../examples/*.json', {
  eager: false,
  query: '?raw',
  import: 'default',
});

export interface TemplateInfo {
  /** File name without `.json`, e.g. `text-to-image`. */
  file: string;
  title: string;
}

const titleOf = (file: string): string =>
  file.replace(/[-_]+/g, ' ').replace(/^\w/, (first) => first.toUpperCase());

/**
 * File names are ASCII: an ordinal order, not localeCompare, whose first call loads Chromium's
 * collation data (10-16 ms, and this list is made when the toolbar first renders).
 */
const templateOrder = (a: string, b: string): number =>
  a === 'text-to-image' ? -1 : b === 'text-to-image' ? 1 : a < b ? -1 : a > b ? 1 : 0;

export function listTemplates(): TemplateInfo[] {
  return Object.keys(files)
    .map((path) => path.replace(/^.*\//, '').replace(/\.json$/, ''))
    .sort(templateOrder)
    .map((file) => ({ file, title: titleOf(file) }));
}

export type TemplateResult = { ok: true; workflow: Workflow } | { ok: false; message: string };

/** Parses a template and puts its embedded images in the editor's asset store. */
export async function loadTemplate(file: string): Promise<TemplateResult> {
  const entry = Object.entries(files).find(([path]) => path.endsWith(`/${file}.json`));
  if (!entry) return { ok: false, message: `no template named "${file}"` };
  const text = await entry[1]();
  const adopted = adoptWorkflowText(text);
  // The files place nodes for the CLI's eyes; on screen, bodies (and outputs) must not overlap.
  return adopted.ok ? { ok: true, workflow: withoutOverlaps(adopted.workflow) } : adopted;
}

/** Shared by templates and (later) file import: parse, validate, keep the images. */
export function adoptWorkflowText(text: string): TemplateResult {
  const parsed = parseWorkflowText(text);
  if (!parsed.ok) return { ok: false, message: parsed.error.map(describeError).join('; ') };
  for (const [hash, image] of parsed.value.assets.entries()) {
    editorAssets.putValue(image);
    imageAdded(hash);
  }
  return { ok: true, workflow: parsed.value.workflow };
}
