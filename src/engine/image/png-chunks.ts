/**
 * Read, write and remove one keyword's iTXt chunk in a PNG, leaving every other byte of the file
 * untouched. All parsing is bounded and CRC-checked.
 */

import { spliceBytes } from './bytes';
import { decodeITxtData, encodeITxtChunk, validatePngKeyword } from './png-itxt';
import { isITxtWithKeyword, type PngChunk, type PngLayout, parsePngChunks } from './png-parse';
import { err, ok, type Result } from './result';
import { DEFAULT_MAX_METADATA_BYTES } from './zlib-limited';

export interface PngTextOptions {
  /** Largest text (UTF-8 bytes, after decompression) accepted when reading or writing. */
  readonly maxTextBytes?: number;
}

interface OurChunks {
  readonly layout: PngLayout;
  readonly ours: readonly PngChunk[];
}

/** Parses the PNG, checks CRCs of all foreign chunks, and finds the iTXt chunks for `keyword`. */
function findOurChunks(bytes: Uint8Array, keyword: string): Result<OurChunks> {
  const valid = validatePngKeyword(keyword);
  if (!valid.ok) return valid;
  const parsed = parsePngChunks(bytes);
  if (!parsed.ok) return parsed;
  const ours: PngChunk[] = [];
  for (const chunk of parsed.value.chunks) {
    if (isITxtWithKeyword(bytes, chunk, keyword)) {
      ours.push(chunk);
    } else if (!chunk.crcOk) {
      return err(
        'corrupt_image',
        `The PNG file is corrupt: bad CRC in the ${chunk.type} chunk at byte ${chunk.start}.`,
      );
    }
  }
  return ok({ layout: parsed.value, ours });
}

/**
 * Returns the text stored under `keyword`, or null when the PNG has none.
 * Errors: `corrupt_image`, `corrupt_metadata`, `duplicate_metadata`, `metadata_too_large`.
 */
export function readPngTextChunk(
  bytes: Uint8Array,
  keyword: string,
  options: PngTextOptions = {},
): Result<string | null> {
  const found = findOurChunks(bytes, keyword);
  if (!found.ok) return found;
  const { ours } = found.value;
  const [chunk] = ours;
  if (chunk === undefined) return ok(null);
  if (ours.length > 1) {
    return err(
      'duplicate_metadata',
      `The PNG file contains ${ours.length} "${keyword}" text chunks; expected at most one. Re-save the image to repair it.`,
    );
  }
  if (!chunk.crcOk) {
    return err('corrupt_metadata', `The "${keyword}" metadata in the PNG file is corrupt (bad CRC).`);
  }
  return decodeITxtData(
    bytes.subarray(chunk.dataStart, chunk.dataEnd),
    options.maxTextBytes ?? DEFAULT_MAX_METADATA_BYTES,
  );
}

/**
 * Stores `text` in a single zlib-compressed iTXt chunk (inserted before IEND), replacing any
 * existing chunks with the same keyword. All other bytes are kept identical.
 */
export function writePngTextChunk(
  bytes: Uint8Array,
  keyword: string,
  text: string,
  options: PngTextOptions = {},
): Result<Uint8Array> {
  const found = findOurChunks(bytes, keyword);
  if (!found.ok) return found;
  const utf8 = new TextEncoder().encode(text);
  const max = options.maxTextBytes ?? DEFAULT_MAX_METADATA_BYTES;
  if (utf8.length > max) {
    return err('metadata_too_large', `The text to embed is ${utf8.length} bytes; the limit is ${max} bytes.`);
  }
  const chunk = encodeITxtChunk(keyword, utf8);
  // A parsed layout always ends with IEND.
  const iend = found.value.layout.chunks[found.value.layout.chunks.length - 1] as PngChunk;
  return ok(spliceBytes(bytes, found.value.ours, iend.start, chunk));
}

/** Removes every iTXt chunk with `keyword`, leaving all other bytes identical. */
export function removePngTextChunk(bytes: Uint8Array, keyword: string): Result<Uint8Array> {
  const found = findOurChunks(bytes, keyword);
  if (!found.ok) return found;
  return ok(spliceBytes(bytes, found.value.ours));
}
