import { embedWorkflowText } from '../../engine/image/embedded-workflow';
import { editorAssets } from '../images/assets';
import { useDocumentStore } from '../store/document-store';
import { workflowFileText } from './export-workflow';

/** Saves an image through a temporary blob URL (never a data: or javascript: URL). */
export function downloadImage(hash: string, fileName: string, embedWorkflow: boolean): string | null {
  const image = editorAssets.getSync(hash);
  if (!image) return 'the image is no longer in memory; run again';
  let bytes = image.bytes;
  let problem: string | null = null;
  if (embedWorkflow) {
    const embedded = embedWorkflowText(bytes, workflowFileText(useDocumentStore.getState().doc));
    if (embedded.ok) bytes = embedded.value;
    else problem = `saved without the workflow: ${embedded.error.message}`;
  }
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: image.mimeType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has started by the next task; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return problem;
}
