/**
 * Identify PNG, JPEG and WebP images by their magic bytes and read their dimensions from the
 * header. File names and declared MIME types are never trusted.
 */

import { hasAscii, isPrefixOf, readU16BE, readU16LE, readU24LE, readU32BE, readU32LE } from './bytes';
import { describeNonImage } from './describe-non-image';
import { err, ok, type Result } from './result';

export { checkImageLimits, DEFAULT_IMAGE_LIMITS, formatByteSize, type ImageLimits } from './limits';

export type ImageMimeType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface ImageInfo {
  readonly mimeType: ImageMimeType;
  readonly width: number;
  readonly height: number;
}

export const PNG_SIGNATURE: readonly number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SOI: readonly number[] = [0xff, 0xd8, 0xff];
/** Upper bound on JPEG marker segments walked before the frame header must have appeared. */
const MAX_JPEG_SEGMENTS = 10_000;

export function sniffImage(bytes: Uint8Array): Result<ImageInfo> {
  if (bytes.length === 0) return err('empty_image', 'The file is empty (0 bytes).');
  if (isPrefixOf(bytes, 0, PNG_SIGNATURE)) return sniffPng(bytes);
  if (isPrefixOf(bytes, 0, JPEG_SOI)) return sniffJpeg(bytes);
  if (hasAscii(bytes, 0, 'RIFF') && hasAscii(bytes, 8, 'WEBP')) return sniffWebp(bytes);
  if (bytes.length < 12 && hasAscii(bytes, 0, 'RIFF'.slice(0, bytes.length))) {
    return corrupt('The file is too short to be an image (truncated RIFF/WebP header).');
  }
  const looksLike = describeNonImage(bytes);
  return err(
    'unsupported_image_type',
    looksLike
      ? `The file looks like ${looksLike}, not a PNG, JPEG or WebP image.`
      : 'The file is not a PNG, JPEG or WebP image (unrecognised format).',
  );
}

function corrupt(message: string): Result<never> {
  return err('corrupt_image', message);
}

function dims(mimeType: ImageMimeType, width: number, height: number): Result<ImageInfo> {
  if (width <= 0 || height <= 0) {
    return corrupt(`The ${mimeType} header declares an invalid size of ${width}x${height} px.`);
  }
  return ok({ mimeType, width, height });
}

function sniffPng(b: Uint8Array): Result<ImageInfo> {
  // Signature (8) + IHDR length (4) + type (4) + width (4) + height (4).
  if (b.length < 24) return corrupt('The PNG file is truncated (incomplete header).');
  if (!hasAscii(b, 12, 'IHDR') || readU32BE(b, 8) !== 13) {
    return corrupt('The PNG file is corrupt (the first chunk is not a valid IHDR).');
  }
  const width = readU32BE(b, 16);
  const height = readU32BE(b, 20);
  if (width > 0x7fffffff || height > 0x7fffffff)
    return corrupt('The PNG header declares an impossible size.');
  return dims('image/png', width, height);
}

function isSofMarker(m: number): boolean {
  return m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
}

function sniffJpeg(b: Uint8Array): Result<ImageInfo> {
  let pos = 2;
  for (let seen = 0; seen < MAX_JPEG_SEGMENTS; seen++) {
    if (pos >= b.length) return corrupt('The JPEG file is truncated before its frame header.');
    if (b[pos] !== 0xff) return corrupt(`The JPEG file is corrupt (expected a marker at byte ${pos}).`);
    while (b[pos] === 0xff) pos++; // fill bytes (past the end b[pos] is undefined)
    if (pos >= b.length) return corrupt('The JPEG file is truncated before its frame header.');
    const marker = b[pos] as number;
    pos++;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // standalone markers
    if (marker === 0xd9 || marker === 0xda || marker === 0xd8 || marker === 0x00) {
      return corrupt('The JPEG file is corrupt (no frame header before the image data).');
    }
    if (pos + 2 > b.length) return corrupt('The JPEG file is truncated inside a segment header.');
    const length = readU16BE(b, pos);
    if (length < 2) return corrupt(`The JPEG file is corrupt (invalid segment length at byte ${pos}).`);
    if (isSofMarker(marker)) {
      if (length < 8 || pos + 7 > b.length)
        return corrupt('The JPEG file is truncated inside its frame header.');
      return dims('image/jpeg', readU16BE(b, pos + 5), readU16BE(b, pos + 3));
    }
    pos += length;
  }
  return corrupt('The JPEG file has too many segments before its frame header.');
}

function sniffWebp(b: Uint8Array): Result<ImageInfo> {
  const truncated = (): Result<never> => corrupt('The WebP file is truncated (incomplete header).');
  if (b.length < 20) return truncated();
  if (hasAscii(b, 12, 'VP8 ')) {
    // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
    if (b.length < 30) return truncated();
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) {
      return corrupt('The WebP file is corrupt (bad VP8 start code).');
    }
    return dims('image/webp', readU16LE(b, 26) & 0x3fff, readU16LE(b, 28) & 0x3fff);
  }
  if (hasAscii(b, 12, 'VP8L')) {
    if (b.length < 25) return truncated();
    if (b[20] !== 0x2f) return corrupt('The WebP file is corrupt (bad VP8L signature).');
    const bits = readU32LE(b, 21);
    return dims('image/webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (hasAscii(b, 12, 'VP8X')) {
    if (b.length < 30) return truncated();
    return dims('image/webp', readU24LE(b, 24) + 1, readU24LE(b, 27) + 1);
  }
  return corrupt('The WebP file is corrupt (unknown first chunk; expected VP8, VP8L or VP8X).');
}
