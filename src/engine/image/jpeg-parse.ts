/** Bounded JPEG marker-segment walker covering the header (SOI up to SOS or EOI). */

import { readU16BE } from './bytes';
import { err, ok, type Result } from './result';

export interface JpegSegment {
  /** Marker code (second byte), e.g. 0xe0 for APP0. */
  readonly marker: number;
  /** Offset of the segment's first byte (including any 0xff fill bytes before the marker). */
  readonly start: number;
  /** Offset of the payload, just past the 2-byte length field (equals `end` for standalone markers). */
  readonly dataStart: number;
  /** Offset just past the segment. */
  readonly end: number;
}

export interface JpegLayout {
  /** Header segments after SOI, in file order, up to (not including) SOS or EOI. */
  readonly segments: readonly JpegSegment[];
  /** Offset of the SOS (or EOI) marker; everything from here on is copied verbatim. */
  readonly bodyStart: number;
}

export const DEFAULT_MAX_JPEG_SEGMENTS = 50_000;

export function parseJpegSegments(
  bytes: Uint8Array,
  maxSegments = DEFAULT_MAX_JPEG_SEGMENTS,
): Result<JpegLayout> {
  const corrupt = (message: string): Result<never> =>
    err('corrupt_image', `The JPEG file is corrupt: ${message}`);
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8)
    return corrupt('missing start-of-image marker.');
  const segments: JpegSegment[] = [];
  let pos = 2;
  // `<=`: a file with exactly maxSegments segments is fine; the error says "more than".
  while (segments.length <= maxSegments) {
    const start = pos;
    if (bytes[pos] !== 0xff) return corrupt(`expected a marker at byte ${pos}.`);
    // Fill bytes; past the end bytes[pos] is undefined, which ends the loop.
    while (bytes[pos] === 0xff) pos++;
    const marker = bytes[pos];
    if (marker === undefined) return corrupt('truncated before the image data.');
    pos++;
    if (marker === 0xda || marker === 0xd9) return ok({ segments, bodyStart: start });
    if (marker === 0x00 || marker === 0xd8)
      return corrupt(`unexpected marker 0x${marker.toString(16)} at byte ${pos - 1}.`);
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      segments.push({ marker, start, dataStart: pos, end: pos });
      continue;
    }
    if (pos + 2 > bytes.length) return corrupt('truncated inside a segment header.');
    const length = readU16BE(bytes, pos);
    if (length < 2) return corrupt(`invalid segment length ${length} at byte ${pos}.`);
    const end = pos + length;
    if (end > bytes.length) return corrupt(`the segment at byte ${start} is truncated.`);
    segments.push({ marker, start, dataStart: pos + 2, end });
    pos = end;
  }
  return corrupt(`more than ${maxSegments} header segments.`);
}
