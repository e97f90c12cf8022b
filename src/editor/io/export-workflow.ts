import { serializeWorkflow } from '../../engine/save';
import type { Workflow } from '../../engine/workflow';
import { editorAssets } from '../images/assets';

/** The workflow file text with images embedded: the seam the import/export issue builds on. */
export function workflowFileText(workflow: Workflow, embedImages = true): string {
  return serializeWorkflow(workflow, { embedImages, getImage: (hash) => editorAssets.getSync(hash) });
}
