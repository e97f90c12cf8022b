/**
 * Builders for tiny, valid image files used by tests (here and elsewhere in the project).
 * PNGs are real RGBA images; JPEGs are real baseline greyscale images (every 8x8 block flat mid-grey).
 */

import { base64ToBytes } from './base64';
import { asciiBytes, concatBytes, writeU32BE } from './bytes';
import { crc32 } from './crc32';
import { deflateZlib } from './zlib-limited';

/** A complete PNG chunk: length, type, data, CRC. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + 12);
  writeU32BE(out, 0, data.length);
  out.set(asciiBytes(type), 4);
  out.set(data, 8);
  writeU32BE(out, 8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

const PNG_SIG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(width: number, height: number): Uint8Array {
  const d = new Uint8Array(13);
  writeU32BE(d, 0, width);
  writeU32BE(d, 4, height);
  d[8] = 8; // bit depth
  d[9] = 6; // colour type RGBA
  return pngChunk('IHDR', d);
}

export interface TestPngOptions {
  readonly width?: number;
  readonly height?: number;
  /** RGBA fill colour, default opaque red. */
  readonly rgba?: readonly [number, number, number, number];
  /** Extra complete chunks (see `pngChunk`) placed between IHDR and IDAT. */
  readonly extraChunks?: readonly Uint8Array[];
}

/** A valid 8-bit RGBA PNG filled with one colour. */
export function makeTestPng(options: TestPngOptions = {}): Uint8Array {
  const { width = 2, height = 2, rgba = [255, 0, 0, 255], extraChunks = [] } = options;
  const stride = width * 4 + 1;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(rgba, y * stride + 1 + x * 4); // filter byte 0 stays 0
  }
  const idat = pngChunk('IDAT', deflateZlib(raw));
  return concatBytes([
    PNG_SIG,
    ihdr(width, height),
    ...extraChunks,
    idat,
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** Signature + IHDR + IEND only (no pixel data): enough for sniffing huge declared sizes. */
export function makePngHeaderOnly(width: number, height: number): Uint8Array {
  return concatBytes([PNG_SIG, ihdr(width, height), pngChunk('IEND', new Uint8Array(0))]);
}

/** A JPEG marker segment with a length field: ff, marker, length, payload. */
export function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  const length = payload.length + 2;
  return concatBytes([new Uint8Array([0xff, marker, length >>> 8, length & 0xff]), payload]);
}

export interface TestJpegOptions {
  readonly width?: number;
  readonly height?: number;
  /** Adds a COM segment with this (Latin-1) text after APP0, to vary the bytes. */
  readonly comment?: string;
  /** Extra segments (see `jpegSegment`) placed right after APP0, e.g. a fake APP1/Exif. */
  readonly extraSegments?: readonly Uint8Array[];
  /** Bytes appended after EOI (some cameras append trailers). */
  readonly trailer?: Uint8Array;
}

/** A valid baseline greyscale JPEG (flat mid-grey), decodable by libjpeg and browsers. */
export function makeTestJpeg(options: TestJpegOptions = {}): Uint8Array {
  const { width = 8, height = 8, comment, extraSegments = [], trailer = new Uint8Array(0) } = options;
  const app0 = jpegSegment(0xe0, new Uint8Array([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]));
  const dqt = jpegSegment(0xdb, new Uint8Array(65).fill(1).fill(0, 0, 1));
  const sof0 = jpegSegment(
    0xc0,
    new Uint8Array([8, height >>> 8, height & 0xff, width >>> 8, width & 0xff, 1, 1, 0x11, 0]),
  );
  // One-symbol Huffman tables: DC category 0 and AC end-of-block, each coded as the single bit 0.
  const huff = (tableClass: number): Uint8Array => {
    const d = new Uint8Array(18);
    d[0] = tableClass << 4;
    d[1] = 1; // one code of length 1
    return jpegSegment(0xc4, d); // d[17] = symbol 0x00
  };
  const sos = jpegSegment(0xda, new Uint8Array([1, 1, 0x00, 0, 63, 0]));
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const entropy = new Uint8Array(Math.ceil((blocks * 2) / 8));
  const usedBits = (blocks * 2) % 8;
  if (usedBits !== 0) entropy[entropy.length - 1] = 0xff >>> usedBits; // pad with 1 bits
  const com = comment === undefined ? [] : [jpegSegment(0xfe, asciiBytes(comment))];
  return concatBytes([
    new Uint8Array([0xff, 0xd8]),
    app0,
    ...extraSegments,
    ...com,
    dqt,
    sof0,
    huff(0),
    huff(1),
    sos,
    entropy,
    new Uint8Array([0xff, 0xd9]),
    trailer,
  ]);
}

/** Real 1x1 WebP files (lossy VP8, lossless VP8L, extended VP8X with alpha). */
export const TINY_WEBP_BASE64 = {
  lossy: 'UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA',
  lossless: 'UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==',
  alpha:
    'UklGRkoAAABXRUJQVlA4WAoAAAAQAAAAAAAAAAAAQUxQSAwAAAARBxAR/Q9ERP8DAABWUDggGAAAABQBAJ0BKgEAAQAAAP4AAA3AAP7mtQAAAA==',
} as const;

export function tinyWebp(kind: keyof typeof TINY_WEBP_BASE64): Uint8Array {
  const r = base64ToBytes(TINY_WEBP_BASE64[kind]);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
