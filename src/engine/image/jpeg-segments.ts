/**
 * Peel metadata in JPEG files: zlib-compressed UTF-8 text split across ordered APP9 segments,
 * each starting with `PEEL\0`, a format version byte, a 16-bit sequence index and a 16-bit
 * segment count. Other bytes of the file are preserved exactly.
 */

import { asciiBytes, concatBytes, hasAscii, readU16BE, spliceBytes } from './bytes';
import { type JpegLayout, type JpegSegment, parseJpegSegments } from './jpeg-parse';
import { err, ok, type Result } from './result';
import { DEFAULT_MAX_METADATA_BYTES, deflateZlib, inflateZlibLimited } from './zlib-limited';

export const PEEL_JPEG_MARKER = 0xe9; // APP9
const IDENTIFIER = 'PEEL\0';
const FORMAT_VERSION = 1;
const HEADER_LENGTH = IDENTIFIER.length + 1 + 2 + 2;
/** Max payload after the 2-byte length field is 65533 bytes. */
export const MAX_DATA_PER_SEGMENT = 65533 - HEADER_LENGTH;
const MAX_SEGMENTS = 0xffff;

export interface JpegTextOptions {
  /** Largest text (UTF-8 bytes, after decompression) accepted when reading or writing. */
  readonly maxTextBytes?: number;
}

function isOurs(bytes: Uint8Array, s: JpegSegment): boolean {
  return s.marker === PEEL_JPEG_MARKER && hasAscii(bytes, s.dataStart, IDENTIFIER);
}

function findOurs(bytes: Uint8Array): Result<{ layout: JpegLayout; ours: JpegSegment[] }> {
  const parsed = parseJpegSegments(bytes);
  if (!parsed.ok) return parsed;
  return ok({ layout: parsed.value, ours: parsed.value.segments.filter((s) => isOurs(bytes, s)) });
}

function corruptMetadata(why: string): Result<never> {
  return err('corrupt_metadata', `The Peel metadata in the JPEG file is corrupt: ${why}.`);
}

/** Collects the compressed payload from our segments, validating the sequence. */
function assemble(
  bytes: Uint8Array,
  ours: readonly JpegSegment[],
  maxCompressed: number,
): Result<Uint8Array> {
  // Callers pass at least one segment.
  const first = ours[0] as JpegSegment;
  const total = readU16BE(bytes, first.dataStart + IDENTIFIER.length + 3);
  const parts: (Uint8Array | undefined)[] = [];
  let size = 0;
  for (const s of ours) {
    const h = s.dataStart + IDENTIFIER.length;
    if (s.end - s.dataStart < HEADER_LENGTH) return corruptMetadata('a segment header is truncated');
    if (bytes[h] !== FORMAT_VERSION) return corruptMetadata(`unsupported format version ${bytes[h]}`);
    const seq = readU16BE(bytes, h + 1);
    if (total === 0 || readU16BE(bytes, h + 3) !== total)
      return corruptMetadata('inconsistent segment counts');
    if (seq >= total) return corruptMetadata(`segment index ${seq} is out of range (count ${total})`);
    if (parts[seq] !== undefined) {
      return err(
        'duplicate_metadata',
        `The JPEG file contains Peel metadata segment ${seq + 1} of ${total} twice.`,
      );
    }
    const data = bytes.subarray(s.dataStart + HEADER_LENGTH, s.end);
    size += data.length;
    if (size > maxCompressed) {
      return err(
        'metadata_too_large',
        `The Peel metadata in the JPEG file is larger than ${maxCompressed} bytes.`,
      );
    }
    parts[seq] = data;
  }
  const ordered: Uint8Array[] = [];
  for (let i = 0; i < total; i++) {
    const p = parts[i];
    if (p === undefined) return corruptMetadata(`segment ${i + 1} of ${total} is missing`);
    ordered.push(p);
  }
  return ok(concatBytes(ordered));
}

/**
 * Returns the text stored in our APP9 segments, or null when there are none.
 * Errors: `corrupt_image`, `corrupt_metadata`, `duplicate_metadata`, `metadata_too_large`.
 */
export function readJpegPeelText(bytes: Uint8Array, options: JpegTextOptions = {}): Result<string | null> {
  const found = findOurs(bytes);
  if (!found.ok) return found;
  if (found.value.ours.length === 0) return ok(null);
  const max = options.maxTextBytes ?? DEFAULT_MAX_METADATA_BYTES;
  // Compressed data can be slightly larger than its input; allow some slack for incompressible text.
  const compressed = assemble(bytes, found.value.ours, max + Math.ceil(max / 100) + 1024);
  if (!compressed.ok) return compressed;
  const text = inflateZlibLimited(compressed.value, max);
  if (!text.ok) return text;
  try {
    return ok(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(text.value));
  } catch {
    return corruptMetadata('the text is not valid UTF-8');
  }
}

function encodeSegments(compressed: Uint8Array): Result<Uint8Array> {
  const count = Math.max(1, Math.ceil(compressed.length / MAX_DATA_PER_SEGMENT));
  // Unreachable from a JS string (at most 2^30 UTF-16 units, so under 4 GB compressed), kept so
  // the 16-bit count field can never wrap.
  // Stryker disable next-line all: unreachable, see above
  if (count > MAX_SEGMENTS) return err('metadata_too_large', 'The metadata does not fit in a JPEG file.');
  const out: Uint8Array[] = [];
  const id = asciiBytes(IDENTIFIER);
  for (let seq = 0; seq < count; seq++) {
    const data = compressed.subarray(seq * MAX_DATA_PER_SEGMENT, (seq + 1) * MAX_DATA_PER_SEGMENT);
    const length = 2 + HEADER_LENGTH + data.length;
    const head = new Uint8Array([0xff, PEEL_JPEG_MARKER, length >>> 8, length & 0xff]);
    const fields = new Uint8Array([FORMAT_VERSION, seq >>> 8, seq & 0xff, count >>> 8, count & 0xff]);
    out.push(head, id, fields, data);
  }
  return ok(concatBytes(out));
}

/** Offset after SOI and any leading APP0 (JFIF) / APP1 (Exif/XMP) segments that are not ours. */
function insertionPoint(bytes: Uint8Array, layout: JpegLayout): number {
  let at = 2;
  for (const s of layout.segments) {
    if (isOurs(bytes, s)) continue;
    if (s.marker !== 0xe0 && s.marker !== 0xe1) break;
    at = s.end;
  }
  return at;
}

/**
 * Stores `text` (zlib-compressed) in APP9 segments placed after SOI/APP0/APP1, replacing any
 * earlier Peel segments. All other bytes are kept identical.
 */
export function writeJpegPeelText(
  bytes: Uint8Array,
  text: string,
  options: JpegTextOptions = {},
): Result<Uint8Array> {
  const found = findOurs(bytes);
  if (!found.ok) return found;
  const utf8 = new TextEncoder().encode(text);
  const max = options.maxTextBytes ?? DEFAULT_MAX_METADATA_BYTES;
  if (utf8.length > max) {
    return err('metadata_too_large', `The text to embed is ${utf8.length} bytes; the limit is ${max} bytes.`);
  }
  const segments = encodeSegments(deflateZlib(utf8));
  // Stryker disable next-line ConditionalExpression: encodeSegments fails only for input no string can produce
  if (!segments.ok) return segments;
  const at = insertionPoint(bytes, found.value.layout);
  return ok(spliceBytes(bytes, found.value.ours, at, segments.value));
}

/** Removes all Peel APP9 segments, leaving every other byte identical. */
export function removeJpegPeelText(bytes: Uint8Array): Result<Uint8Array> {
  const found = findOurs(bytes);
  if (!found.ok) return found;
  return ok(spliceBytes(bytes, found.value.ours));
}
