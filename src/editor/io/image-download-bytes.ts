import { exportImageWithWorkflow } from '../../engine/export-image';
import type { Result } from '../../engine/result';
import type { ImageValue } from '../../engine/values';
import type { Workflow } from '../../engine/workflow';
import { editorAssets } from '../images/assets';
import { exportSecrets, shouldEmbedWorkflow } from './export-workflow';

/**
 * The bytes of downloaded images, with the workflow written into them. Not part of first paint:
 * writing PNG and JPEG metadata needs the chunk writers and zlib (download.ts loads this on the
 * first download; the zips of a run or a batch are lazy chunks that import it directly).
 */

/** An image carrying the workflow that made it (with its reference images, the key removed). */
export function imageWithWorkflow(image: ImageValue, workflow: Workflow): Result<Uint8Array> {
  return exportImageWithWorkflow(image, workflow, {
    embedImages: true,
    getImage: (hash) => editorAssets.getSync(hash),
    secrets: exportSecrets(),
  });
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
