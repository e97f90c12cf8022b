import { extractWorkflowText } from './image/embedded-workflow';
import { sniffImage } from './image/sniff';
import { importGuarded, importJsonWorkflowBytes, MAX_IMPORT_IMAGE_BYTES } from './import-json';
import { type LoadResult, parseWorkflowText } from './load';
import { err, peelError } from './result';

export { importWorkflowText, MAX_IMPORT_IMAGE_BYTES } from './import-json';

/** Imports the workflow a PNG or JPEG carries (`bytes` sniffed as one of them). */
export function importImageWorkflowBytes(bytes: Uint8Array): LoadResult {
  return importGuarded(() => {
    const sniffed = sniffImage(bytes);
    if (!sniffed.ok) return err([peelError('invalid_format', sniffed.error.message)]);
    if (bytes.length > MAX_IMPORT_IMAGE_BYTES) {
      return err([
        peelError(
          'invalid_format',
          `the image is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is 64 MB`,
        ),
      ]);
    }
    const extracted = extractWorkflowText(bytes);
    if (!extracted.ok) return err([peelError('invalid_format', extracted.error.message)]);
    if (extracted.value === null) {
      return err([
        peelError('invalid_format', `this ${sniffed.value.mimeType} image carries no Peel workflow`),
      ]);
    }
    return parseWorkflowText(extracted.value);
  });
}

/**
 * Imports a workflow from file bytes: a JSON workflow, or a PNG/JPEG that carries one. Strict and
 * inert: it validates, never runs anything, never fetches, and answers a typed error for any input.
 */
export function importWorkflowBytes(bytes: Uint8Array, options: { maxJsonBytes?: number } = {}): LoadResult {
  return importGuarded(() =>
    sniffImage(bytes).ok ? importImageWorkflowBytes(bytes) : importJsonWorkflowBytes(bytes, options),
  );
}
