import type { Workflow } from '../../engine/workflow';
import { editorAssets } from '../images/assets';
import { useDocumentStore } from '../store/document-store';
import { imageWithWorkflow, shouldEmbedWorkflow } from './export-workflow';

/** Saves bytes through a temporary blob URL (never a data: or javascript: URL). */
export function saveBytes(bytes: Uint8Array | string, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has started by the next task; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The bytes to save for an image: with `workflow` embedded when the "Embed workflow in images"
 * setting (and the caller's own switch) allow. A problem leaves the image as it was, with a note.
 */
export function imageBytesForDownload(
  hash: string,
  workflow: Workflow,
  embed: boolean,
): { bytes: Uint8Array; mimeType: string; problem: string | null } | null {
  const image = editorAssets.getSync(hash);
  if (!image) return null;
  if (!shouldEmbedWorkflow(embed)) return { bytes: image.bytes, mimeType: image.mimeType, problem: null };
  const embedded = imageWithWorkflow(image, workflow);
  if (embedded.ok) return { bytes: embedded.value, mimeType: image.mimeType, problem: null };
  return {
    bytes: image.bytes,
    mimeType: image.mimeType,
    problem: `saved without the workflow: ${embedded.error.message}`,
  };
}

/**
 * Downloads one image. `embedWorkflow` is the caller's switch (an export node's param); the
 * setting can still turn embedding off. `workflow` is the one that made the image (default: the
 * document). Returns a problem to show, or null.
 */
export function downloadImage(
  hash: string,
  fileName: string,
  embedWorkflow: boolean,
  workflow: Workflow = useDocumentStore.getState().doc,
): string | null {
  const file = imageBytesForDownload(hash, workflow, embedWorkflow);
  if (!file) return 'the image is no longer in memory; run again';
  saveBytes(file.bytes, fileName, file.mimeType);
  return file.problem;
}
