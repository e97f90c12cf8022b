import { DEFAULT_MAX_FILE_BYTES, type LoadResult, parseWorkflowText } from './load';
import { err, peelError } from './result';

/** Upper bound for an image that carries a workflow (its reference images may be embedded). */
export const MAX_IMPORT_IMAGE_BYTES = 64 * 1024 * 1024;

/**
 * A parser's unexpected throw as a typed error. Parsers return values; reaching the catch is a
 * bug, still reported as an error the import dialog can show.
 */
export function importGuarded(parse: () => LoadResult): LoadResult {
  try {
    return parse();
  } catch (cause) {
    return err([
      peelError('internal', `import failed: ${cause instanceof Error ? cause.message : String(cause)}`),
    ]);
  }
}

/**
 * Imports a JSON workflow file's bytes (the caller has found they are not an image). Kept apart
 * from the image readers (PNG and JPEG chunks, zlib) so the editor's first paint does not load
 * them: a link or a dropped JSON file needs none of it.
 */
export function importJsonWorkflowBytes(
  bytes: Uint8Array,
  options: { maxJsonBytes?: number } = {},
): LoadResult {
  return importGuarded(() => {
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
  });
}

export function importWorkflowText(text: string): LoadResult {
  return importGuarded(() => parseWorkflowText(text));
}
