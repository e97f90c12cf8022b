import type { Workflow } from '../../engine/workflow';
import { useDocumentStore } from '../store/document-store';

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
 * Downloads one image. `embedWorkflow` is the caller's switch (an export node's param); the
 * setting can still turn embedding off. `workflow` is the one that made the image (default: the
 * document). Resolves to a problem to show, or null. The workflow writer loads on the first
 * download (it is not part of first paint); the download still follows the click at once.
 */
export async function downloadImage(
  hash: string,
  fileName: string,
  embedWorkflow: boolean,
  workflow: Workflow = useDocumentStore.getState().doc,
): Promise<string | null> {
  let writer: typeof import('./image-download-bytes');
  try {
    writer = await import('./image-download-bytes');
  } catch {
    return 'Peel could not load the part that writes images (is the network down?); reload the page and download again';
  }
  const file = writer.imageBytesForDownload(hash, workflow, embedWorkflow);
  if (!file) return 'the image is no longer in memory; run again';
  saveBytes(file.bytes, fileName, file.mimeType);
  return file.problem;
}
