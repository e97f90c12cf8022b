import { create } from 'zustand';
import { sniffImage } from '../../engine/image/sniff';
import {
  importJsonWorkflowBytes,
  importWorkflowText,
  MAX_IMPORT_IMAGE_BYTES,
} from '../../engine/import-json';
import type { LoadedWorkflow, LoadResult } from '../../engine/load';
import { type PeelError, peelError } from '../../engine/result';
import type { Workflow } from '../../engine/workflow';
import { addComponentFile, isComponentFile } from '../components/import-component-file';
import { editorAssets } from '../images/assets';
import { imageAdded } from '../images/image-urls';
import { commands } from '../store/document-store';
import { runActions } from '../store/run-store';
import { view } from '../store/view-store';
import type { LinkedFile } from './open-link';
import { readFileBytes } from './read-file';

/** What the import dialog shows: errors (nothing changed) or warnings (imported). */
export interface ImportReport {
  source: string;
  ok: boolean;
  errors: PeelError[];
  warnings: string[];
}

export const useImportStore = create<{ report: ImportReport | null }>()(() => ({ report: null }));

export const closeImportReport = (): void => useImportStore.setState({ report: null });

export type ImportOutcome =
  /** `opened`: the workflow replaced the document (a component file joins it instead). */
  { ok: true; workflow: Workflow; warnings: string[]; opened: boolean } | { ok: false; errors: PeelError[] };

/**
 * Where an imported workflow goes. Default: it replaces the document (never in undo history).
 * A workflow library can swap this to open it as a new workflow instead.
 */
type Opener = (workflow: Workflow) => void;
const replaceDocument: Opener = (workflow) => {
  commands.loadWorkflow(workflow);
  runActions.reset();
  view.select([]);
  view.requestFit();
};
let opener: Opener = replaceDocument;
export function setImportedWorkflowOpener(next: Opener | null): void {
  opener = next ?? replaceDocument;
}

function adopt(loaded: LoadedWorkflow, source: string): ImportOutcome {
  for (const [hash, image] of loaded.assets.entries()) {
    editorAssets.putValue(image);
    imageAdded(hash);
  }
  const warnings = [...loaded.warnings];
  if (loaded.migratedFrom !== undefined)
    warnings.push(`upgraded from format version ${loaded.migratedFrom}; saving writes the current version`);
  // A component file joins the open workflow's components instead of replacing the workflow.
  if (isComponentFile(loaded.workflow)) {
    const added = addComponentFile(loaded.workflow);
    useImportStore.setState({
      report: warnings.length > 0 ? { source, ok: true, errors: [], warnings } : null,
    });
    view.toast(
      added.length > 0
        ? `Added component${added.length === 1 ? '' : 's'} ${added.map((name) => `"${name}"`).join(', ')} from ${source}`
        : `This workflow already has the components in ${source}`,
    );
    return { ok: true, workflow: loaded.workflow, warnings, opened: false };
  }
  opener(loaded.workflow);
  useImportStore.setState({
    report: warnings.length > 0 ? { source, ok: true, errors: [], warnings } : null,
  });
  view.toast(`Imported "${loaded.workflow.name}" from ${source}`);
  return { ok: true, workflow: loaded.workflow, warnings, opened: true };
}

/** Applies a parse result: success opens the workflow; failure changes nothing and shows why. */
function settle(result: LoadResult, source: string): ImportOutcome {
  if (result.ok) return adopt(result.value, source);
  useImportStore.setState({ report: { source, ok: false, errors: result.error, warnings: [] } });
  return { ok: false, errors: result.error };
}

/**
 * A JSON workflow file's bytes, or a PNG/JPEG's that carries one. Inert: never runs, never fetches
 * a workflow. The image readers (PNG and JPEG chunks, zlib) are their own chunk, loaded when an
 * image is imported: the first paint, and a link to a JSON file, need none of it.
 */
async function parseFileBytes(bytes: Uint8Array): Promise<LoadResult> {
  if (!sniffImage(bytes).ok) return importJsonWorkflowBytes(bytes);
  let images: typeof import('../../engine/import');
  try {
    images = await import('../../engine/import');
  } catch {
    return {
      ok: false,
      error: [
        peelError(
          'io',
          'Peel could not load the part that reads workflows from images (is the network down?); reload the page and import the image again',
        ),
      ],
    };
  }
  return images.importImageWorkflowBytes(bytes);
}

/** A JSON workflow file or a PNG/JPEG carrying one. */
export async function importWorkflowFromBytes(bytes: Uint8Array, source: string): Promise<ImportOutcome> {
  return settle(await parseFileBytes(bytes), source);
}

export function importWorkflowFromText(text: string, source = 'the clipboard'): ImportOutcome {
  return settle(importWorkflowText(text), source);
}

/** A file a link opened (`?open=`), or why it could not be fetched. */
export async function importLinkedFile(file: LinkedFile): Promise<ImportOutcome> {
  if (!file.ok) return settle({ ok: false, error: file.errors }, file.source);
  return importWorkflowFromBytes(file.bytes, file.source);
}

/** Reads a picked or dropped file; oversized files are refused before reading them. */
export async function importWorkflowFile(file: Blob & { name?: string }): Promise<ImportOutcome> {
  const source = file.name ? `"${file.name}"` : 'the dropped file';
  if (file.size > MAX_IMPORT_IMAGE_BYTES) {
    return settle(
      {
        ok: false,
        error: [
          {
            code: 'invalid_format',
            message: `the file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMPORT_IMAGE_BYTES / 1024 / 1024} MB`,
          },
        ],
      },
      source,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFileBytes(file);
  } catch {
    return settle({ ok: false, error: [{ code: 'io', message: 'the file could not be read' }] }, source);
  }
  return importWorkflowFromBytes(bytes, source);
}

/**
 * Whether pasted text is a whole workflow file (an import) rather than copied nodes (a paste).
 * Text that names the workflow format but does not parse still counts: the import shows why.
 */
export function isWorkflowFileText(text: string): boolean {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(trimmed);
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<string, unknown>).format === 'peel.workflow'
    );
  } catch {
    return /"format"\s*:\s*"peel\.workflow"/.test(trimmed.slice(0, 4096));
  }
}
