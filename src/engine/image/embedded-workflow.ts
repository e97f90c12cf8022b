/**
 * Embed / extract Peel workflow JSON text inside image files, dispatching on the sniffed format:
 * PNG uses an iTXt chunk (keyword `peel.workflow`), JPEG uses Peel APP9 segments.
 * WebP is recognised but not supported for embedding (extraction reports no workflow).
 */

import { readJpegPeelText, removeJpegPeelText, writeJpegPeelText } from './jpeg-segments';
import { readPngTextChunk, removePngTextChunk, writePngTextChunk } from './png-chunks';
import { err, ok, type Result } from './result';
import { sniffImage } from './sniff';
import { DEFAULT_MAX_METADATA_BYTES } from './zlib-limited';

export const PEEL_WORKFLOW_KEYWORD = 'peel.workflow';

export interface EmbeddedWorkflowOptions {
  /** Largest workflow text in UTF-8 bytes (default 20 MB). */
  readonly maxTextBytes?: number;
}

function options(o: EmbeddedWorkflowOptions): { maxTextBytes: number } {
  return { maxTextBytes: o.maxTextBytes ?? DEFAULT_MAX_METADATA_BYTES };
}

/** Returns a copy of the image with `text` embedded, replacing any previously embedded workflow. */
export function embedWorkflowText(
  bytes: Uint8Array,
  text: string,
  opts: EmbeddedWorkflowOptions = {},
): Result<Uint8Array> {
  const info = sniffImage(bytes);
  if (!info.ok) return info;
  switch (info.value.mimeType) {
    case 'image/png':
      return writePngTextChunk(bytes, PEEL_WORKFLOW_KEYWORD, text, options(opts));
    case 'image/jpeg':
      return writeJpegPeelText(bytes, text, options(opts));
    case 'image/webp':
      return err(
        'unsupported_image_type',
        'Embedding a workflow in WebP images is not supported; use PNG or JPEG.',
      );
  }
}

/** Returns the embedded workflow text, or null when the image carries none. */
export function extractWorkflowText(
  bytes: Uint8Array,
  opts: EmbeddedWorkflowOptions = {},
): Result<string | null> {
  const info = sniffImage(bytes);
  if (!info.ok) return info;
  const o = options(opts);
  let result: Result<string | null>;
  switch (info.value.mimeType) {
    case 'image/png':
      result = readPngTextChunk(bytes, PEEL_WORKFLOW_KEYWORD, o);
      break;
    case 'image/jpeg':
      result = readJpegPeelText(bytes, o);
      break;
    case 'image/webp':
      return ok(null);
  }
  // Defence in depth: the container readers already cap decompression at the same limit (in
  // UTF-8 bytes, never fewer than the string's UTF-16 length), so this cannot fire today.
  // Stryker disable all: unreachable defence in depth, see above
  if (result.ok && result.value !== null && result.value.length > o.maxTextBytes) {
    return err('metadata_too_large', `The embedded workflow is larger than ${o.maxTextBytes} bytes.`);
  }
  // Stryker restore all
  return result;
}

/** Returns a copy of the image without any embedded workflow (other bytes identical). */
export function removeWorkflowText(bytes: Uint8Array): Result<Uint8Array> {
  const info = sniffImage(bytes);
  if (!info.ok) return info;
  switch (info.value.mimeType) {
    case 'image/png':
      return removePngTextChunk(bytes, PEEL_WORKFLOW_KEYWORD);
    case 'image/jpeg':
      return removeJpegPeelText(bytes);
    case 'image/webp':
      return ok(bytes);
  }
}
