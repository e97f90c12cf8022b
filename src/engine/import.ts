import { extractWorkflowText } from './image/embedded-workflow';
import { sniffImage } from './image/sniff';
import { DEFAULT_MAX_FILE_BYTES, type LoadResult, parseWorkflowText } from './load';
import { err, peelError } from './result';

/** Upper bound for an image that carries a workflow (its reference images may be embedded). */
export const MAX_IMPORT_IMAGE_BYTES = 64 * 1024 * 1024;

/**
 * Imports a workflow from file bytes: a JSON workflow, or a PNG/JPEG that carries one. Strict and
 * inert: it validates, never runs anything, never fetches, and answers a typed error for any input.
 */
export function importWorkflowBytes(bytes: Uint8Array, options: { maxJsonBytes?: number } = {}): LoadResult {
  try {
    const sniffed = sniffImage(bytes);
    if (sniffed.ok) {
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
    }
    const maxBytes = options.maxJsonBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (bytes.length > maxBytes) {
      return err([
        peelError(
          'invalid_json',
          `the file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is ${(maxBytes / 1024 / 1024).toFixed(0)} MB`,
        ),
      ]);
    }
    return parseWorkflowText(new TextDecoder('utf-8').decode(bytes), { maxBytes });
  } catch (cause) {
    // Parsers above return values; reaching this is a bug, still reported as a typed error.
    return err([
      peelError('internal', `import failed: ${cause instanceof Error ? cause.message : String(cause)}`),
    ]);
  }
}

export function importWorkflowText(text: string): LoadResult {
  try {
    return parseWorkflowText(text);
  } catch (cause) {
    return err([
      peelError('internal', `import failed: ${cause instanceof Error ? cause.message : String(cause)}`),
    ]);
  }
}
