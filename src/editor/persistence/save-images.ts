import type { ImageValue } from '../../engine/values';
import type { Workflow } from '../../engine/workflow';
import { collectAssetHashes } from '../../persistence/workflow-images';
import { editorAssets } from '../images/assets';

/** Every image hash the workflow's params refer to (reference sets, uploads). */
export function workflowImageHashes(workflow: Workflow): Set<string> {
  const hashes = new Set<string>();
  for (const node of workflow.nodes) collectAssetHashes(node.params, hashes);
  return hashes;
}

/**
 * The image bytes a save should carry: those the workflow refers to that this session has not
 * stored yet (the blob store dedups by hash anyway; this just avoids copying bytes on every keystroke).
 */
export function imagesToStore(workflow: Workflow, stored: ReadonlySet<string>): ImageValue[] {
  const images: ImageValue[] = [];
  for (const hash of workflowImageHashes(workflow)) {
    if (stored.has(hash)) continue;
    const image = editorAssets.getSync(hash);
    if (image) images.push(image);
  }
  return images;
}
