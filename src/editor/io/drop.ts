import type { DragEvent } from 'react';
import { sniffImage } from '../../engine/image/sniff';
import type { AssetRef } from '../../engine/workflow';
import { acceptImageFile } from '../images/upload';
import { commands } from '../store/document-store';
import { view } from '../store/view-store';
import { type ImportOutcome, importWorkflowFile } from './import-workflow';
import { readFileBytes } from './read-file';

export const carriesFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files');

export type CanvasFilesOutcome = ImportOutcome | { ok: true; referenceSet: string; notices: string[] } | null;

/**
 * An image with no Peel workflow inside: a reference, not a workflow file. The workflow reader is
 * loaded when an image is dropped (not at first paint); if it cannot load, the image goes to the
 * import, which says so.
 */
async function isPlainImage(file: File): Promise<boolean> {
  const bytes = await readFileBytes(file).catch(() => undefined);
  if (!bytes || !sniffImage(bytes).ok) return false;
  const reader = await import('../../engine/image/embedded-workflow').catch(() => undefined);
  if (!reader) return false;
  const embedded = reader.extractWorkflowText(bytes);
  return embedded.ok && embedded.value === null;
}

/**
 * Files dropped or pasted on the canvas. A workflow file, or an image carrying one, restores that
 * workflow. Plain images become a new reference set where they landed (one undo step), so a
 * product photo dropped on the canvas is ready to wire.
 */
export async function importDroppedFiles(
  files: readonly File[],
  position: { x: number; y: number } = { x: 0, y: 0 },
): Promise<CanvasFilesOutcome> {
  const first = files[0];
  if (!first) return null;
  const plain: File[] = [];
  for (const file of files) if (await isPlainImage(file)) plain.push(file);
  if (plain.length === 0) return importWorkflowFile(first);
  const refs: AssetRef[] = [];
  const notices: string[] = [];
  for (const file of plain) {
    const accepted = await acceptImageFile(file);
    if (accepted.ok) {
      refs.push(accepted.ref);
      if (accepted.notice) notices.push(accepted.notice);
    } else notices.push(accepted.message);
  }
  if (refs.length === 0) {
    view.toast(notices.join(' '));
    return { ok: false, errors: notices.map((message) => ({ code: 'image_invalid', message })) };
  }
  const id = commands.addNode({ type: 'referenceSet', position, params: { images: refs } });
  view.select([id]);
  view.toast(
    `Added a reference set with ${refs.length} image${refs.length === 1 ? '' : 's'}${notices.length > 0 ? `. ${notices.join(' ')}` : ''}`,
  );
  return { ok: true, referenceSet: id, notices };
}
