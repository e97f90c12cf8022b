import { type Zippable, zipSync } from 'fflate';
import { fillFilenameTemplate, nodeFileName, safeFileStem } from '../../../nodes/export/filename';
import { exportFileName } from '../../engine/file-extension';
import type { Workflow } from '../../engine/workflow';
import { editorAssets } from '../images/assets';
import { UniqueNames } from '../panels/batch/unique-names';
import type { NodeRunState } from '../store/run-store';
import { saveBytes } from './download';
import { imageBytesForDownload } from './image-download-bytes';

/** The Export node's default template: what a file gets named when no Export node wrote it. */
export const DEFAULT_OUTPUT_TEMPLATE = '{workflow}-{node}-{n}';

export interface RunZipEntry {
  name: string;
  hash: string;
  /** The Export node's "embed the workflow" switch; outputs no Export wrote are embedded (the default). */
  embed: boolean;
}

/**
 * Every image of the last run, once each, named as exporting would name it: the file name an
 * Export node gave it, else the default template ({workflow}-{node}-{n}, {n} counting each node's
 * outputs). Names never repeat in one zip (a taken name gets "-2", as on disk). Nodes are taken in
 * the document's order, so the zip lists files in the order of the graph.
 */
export function runZipEntries(
  doc: Workflow,
  nodes: Readonly<Record<string, NodeRunState>>,
  mimeTypeOf: (hash: string) => string | undefined,
  date: Date,
): RunZipEntry[] {
  const names = new UniqueNames();
  const entries: RunZipEntry[] = [];
  const included = new Set<string>();
  for (const node of doc.nodes) {
    const embed = node.params.embedWorkflow !== false;
    for (const file of nodes[node.id]?.exports ?? []) {
      entries.push({ name: names.claim(file.fileName), hash: file.hash, embed });
      included.add(file.hash);
    }
  }
  for (const node of doc.nodes) {
    const images = nodes[node.id]?.outputs?.images ?? [];
    const producer = nodeFileName({ nodeId: node.id, ...(node.label ? { label: node.label } : {}) });
    images.forEach((hash, index) => {
      if (included.has(hash)) return;
      included.add(hash);
      const baseName = fillFilenameTemplate(DEFAULT_OUTPUT_TEMPLATE, {
        workflow: doc.name,
        node: producer,
        export: producer,
        row: 1,
        n: index + 1,
        date,
      });
      entries.push({
        name: names.claim(exportFileName(baseName, mimeTypeOf(hash) ?? 'image/png')),
        hash,
        embed: true,
      });
    });
  }
  return entries;
}

/**
 * Downloads every output of the last run as one zip. Images are stored, not deflated (PNG, JPEG and
 * WebP are compressed already). Returns a problem to show, or null.
 */
export function downloadRunZip(doc: Workflow, nodes: Readonly<Record<string, NodeRunState>>): string | null {
  const entries = runZipEntries(doc, nodes, (hash) => editorAssets.getSync(hash)?.mimeType, new Date());
  if (entries.length === 0) return 'this run made no images yet';
  const files: Zippable = {};
  const notes: string[] = [];
  let missing = 0;
  for (const entry of entries) {
    const file = imageBytesForDownload(entry.hash, doc, entry.embed);
    if (!file) {
      missing++;
      continue;
    }
    if (file.problem) notes.push(`${entry.name}: ${file.problem}`);
    files[entry.name] = [file.bytes, { level: 0 }];
  }
  if (Object.keys(files).length === 0) return 'the images are no longer in memory; run again';
  saveBytes(zipSync(files), `${safeFileStem(doc.name || 'peel')}-outputs.zip`, 'application/zip');
  if (missing > 0) notes.unshift(`${missing} image(s) no longer in memory were left out`);
  return notes.length > 0 ? notes.join('; ') : null;
}
