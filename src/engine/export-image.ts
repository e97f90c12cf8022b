import { type ExportOptions, exportWorkflowJson } from './export';
import { embedWorkflowText } from './image/embedded-workflow';
import { err, ok, peelError, type Result } from './result';
import type { ImageValue } from './values';
import type { Workflow } from './workflow';

// Apart from export.ts: writing into PNG and JPEG files needs the image chunk readers and zlib,
// which the editor loads only when an image is downloaded (export.ts is part of its first paint).

/** An image carrying the workflow that made it, in one metadata chunk or segment of ours. */
export function exportImageWithWorkflow(
  image: ImageValue,
  workflow: Workflow,
  options: ExportOptions = {},
): Result<Uint8Array> {
  const embedded = embedWorkflowText(image.bytes, exportWorkflowJson(workflow, options));
  if (!embedded.ok) return err(peelError('image_invalid', embedded.error.message));
  return ok(embedded.value);
}
