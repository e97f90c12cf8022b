import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../../src/engine/image/bytes';
import { sniffImage } from '../../../src/engine/image/sniff';
import { jpegSegment, makePngHeaderOnly } from '../../../src/engine/image/test-images';
import { expectErr, unwrap } from './helpers';

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const corrupt = (b: Uint8Array): string => expectErr(sniffImage(b), 'corrupt_image');
const unsupported = (b: Uint8Array): string => expectErr(sniffImage(b), 'unsupported_image_type');

/** A PNG signature and IHDR header with the given length field and size (no CRC needed by sniff). */
function pngHead(width: number, height: number, ihdrLength = 13): Uint8Array {
  const b = makePngHeaderOnly(1, 1).slice(0, 24);
  const v = new DataView(b.buffer);
  v.setUint32(8, ihdrLength);
  v.setUint32(16, width);
  v.setUint32(20, height);
  return b;
}

const SOI = [0xff, 0xd8];
/** SOF payload: precision, height, width, one component. */
const sof = (marker: number, width: number, height: number): Uint8Array =>
  jpegSegment(marker, new Uint8Array([8, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0]));
const jpeg = (...parts: (Uint8Array | number[])[]): Uint8Array =>
  concatBytes(parts.map((p) => (p instanceof Uint8Array ? p : new Uint8Array(p))));

describe('sniffImage: empty and RIFF prefixes', () => {
  it('says an empty file is empty', () => {
    expect(expectErr(sniffImage(new Uint8Array(0)), 'empty_image')).toBe('The file is empty (0 bytes).');
  });

  it('calls a short prefix of "RIFF" a truncated WebP header, from 1 to 11 bytes', () => {
    const msg = 'The file is too short to be an image (truncated RIFF/WebP header).';
    expect(corrupt(latin1('R'))).toBe(msg);
    expect(corrupt(latin1('RI'))).toBe(msg);
    expect(corrupt(latin1('RIFF\0\0\0\0WEB'))).toBe(msg);
    // 12 bytes are enough to see it is RIFF but not WebP.
    expect(unsupported(latin1('RIFF\0\0\0\0WEBX'))).toBe(
      'The file looks like a RIFF file that is not a WebP image, not a PNG, JPEG or WebP image.',
    );
    // Short text that is not a RIFF prefix is just unsupported.
    expect(unsupported(latin1('RX'))).toBe('The file looks like plain text, not a PNG, JPEG or WebP image.');
  });

  it('needs both RIFF and WEBP to treat a file as WebP', () => {
    expect(unsupported(latin1('RIFF\0\0\0\0AVI LIST\0\0\0\0\0\0\0\0\0\0\0\0\0\0'))).toBe(
      'The file looks like a RIFF file that is not a WebP image, not a PNG, JPEG or WebP image.',
    );
    expect(unsupported(latin1('RIFX\0\0\0\0WEBPVP8X\0\0\0\0\0\0\0\0\0\0\0\0\0\0'))).toBe(
      'The file is not a PNG, JPEG or WebP image (unrecognised format).',
    );
  });
});

describe('sniffImage: PNG header', () => {
  it('reads 24 bytes and no more', () => {
    expect(unwrap(sniffImage(pngHead(3, 2)))).toEqual({ mimeType: 'image/png', width: 3, height: 2 });
    expect(corrupt(pngHead(3, 2).subarray(0, 23))).toBe('The PNG file is truncated (incomplete header).');
  });

  it('requires IHDR of length 13 first', () => {
    expect(corrupt(pngHead(3, 2, 12))).toBe('The PNG file is corrupt (the first chunk is not a valid IHDR).');
    const b = pngHead(3, 2);
    b[12] = 0x69; // "iHDR"
    expect(corrupt(b)).toBe('The PNG file is corrupt (the first chunk is not a valid IHDR).');
  });

  it('refuses sizes above 2^31-1 on either side and zero on either side', () => {
    expect(corrupt(pngHead(0x80000000, 1))).toBe('The PNG header declares an impossible size.');
    expect(corrupt(pngHead(1, 0x80000000))).toBe('The PNG header declares an impossible size.');
    expect(unwrap(sniffImage(pngHead(0x7fffffff, 0x7fffffff)))).toEqual({
      mimeType: 'image/png',
      width: 0x7fffffff,
      height: 0x7fffffff,
    });
    expect(corrupt(pngHead(0, 5))).toBe('The image/png header declares an invalid size of 0x5 px.');
    expect(corrupt(pngHead(5, 0))).toBe('The image/png header declares an invalid size of 5x0 px.');
  });
});

describe('sniffImage: JPEG frame header', () => {
  it('skips segments below c0, DHT (c4), JPG (c8), DAC (cc) and APPn, reading SOF15 (cf) too', () => {
    // Each skipped segment has a payload that would read as a 9x9 frame if taken for SOF.
    const decoy = (m: number): Uint8Array => jpegSegment(m, new Uint8Array([8, 0, 9, 0, 9, 1, 1, 0x11, 0]));
    const file = jpeg(
      SOI,
      decoy(0xb0),
      decoy(0xc4),
      decoy(0xc8),
      decoy(0xcc),
      decoy(0xe0),
      sof(0xcf, 20, 10),
    );
    expect(unwrap(sniffImage(file))).toEqual({ mimeType: 'image/jpeg', width: 20, height: 10 });
    expect(unwrap(sniffImage(jpeg(SOI, sof(0xc2, 4, 3))))).toEqual({
      mimeType: 'image/jpeg',
      width: 4,
      height: 3,
    });
  });

  it('skips standalone markers (TEM, RST0, RST7) and fill bytes', () => {
    const file = jpeg(SOI, [0xff, 0x01, 0xff, 0xd0, 0xff, 0xff, 0xd7], sof(0xc0, 6, 5));
    expect(unwrap(sniffImage(file))).toEqual({ mimeType: 'image/jpeg', width: 6, height: 5 });
  });

  it('refuses image data, EOI, a second SOI or a 0x00 marker before the frame header', () => {
    for (const m of [0xd9, 0xda, 0xd8, 0x00]) {
      expect(corrupt(jpeg(SOI, [0xff, m, 0, 8, 8, 0, 9, 0, 9, 1], sof(0xc0, 6, 5)))).toBe(
        'The JPEG file is corrupt (no frame header before the image data).',
      );
    }
  });

  it('reports where the file is truncated', () => {
    expect(corrupt(jpeg(SOI, [0xff, 0xff]))).toBe('The JPEG file is truncated before its frame header.');
    expect(corrupt(jpeg(SOI, [0xff, 0xe0, 0]))).toBe('The JPEG file is truncated inside a segment header.');
    // A whole segment, then nothing.
    expect(corrupt(jpeg(SOI, [0xff, 0xe0, 0, 2]))).toBe(
      'The JPEG file is truncated before its frame header.',
    );
    expect(corrupt(jpeg(SOI, [0xff, 0xe0, 0, 2, 0x12]))).toBe(
      'The JPEG file is corrupt (expected a marker at byte 6).',
    );
  });

  it('needs a frame header of length 8 or more, with its size bytes present', () => {
    expect(corrupt(jpeg(SOI, [0xff, 0xc0, 0, 7, 8, 0, 9, 0, 9, 1]))).toBe(
      'The JPEG file is truncated inside its frame header.',
    );
    // Length 8, ending right after the width: enough to read the size.
    expect(unwrap(sniffImage(jpeg(SOI, [0xff, 0xc0, 0, 8, 8, 0, 3, 0, 4])))).toEqual({
      mimeType: 'image/jpeg',
      width: 4,
      height: 3,
    });
    expect(corrupt(jpeg(SOI, [0xff, 0xc0, 0, 17, 8, 0, 3, 0]))).toBe(
      'The JPEG file is truncated inside its frame header.',
    );
  });

  it('walks at most 10000 segments before the frame header', () => {
    const rst = (n: number): number[] => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0xff : 0xd0));
    expect(unwrap(sniffImage(jpeg(SOI, rst(2 * 9999), sof(0xc0, 2, 1))))).toEqual({
      mimeType: 'image/jpeg',
      width: 2,
      height: 1,
    });
    expect(corrupt(jpeg(SOI, rst(2 * 10000), sof(0xc0, 2, 1)))).toBe(
      'The JPEG file has too many segments before its frame header.',
    );
  });
});

describe('sniffImage: WebP headers', () => {
  const riff = (chunk: string, rest: number[]): Uint8Array =>
    concatBytes([latin1(`RIFF\0\0\0\0WEBP${chunk}`), new Uint8Array(rest)]);

  it('needs 20 bytes before looking at the first chunk', () => {
    expect(corrupt(latin1('RIFF\0\0\0\0WEBPABCD'))).toBe('The WebP file is truncated (incomplete header).');
    expect(corrupt(riff('ABCD', [0, 0, 0, 0]))).toBe(
      'The WebP file is corrupt (unknown first chunk; expected VP8, VP8L or VP8X).',
    );
    expect(corrupt(riff('ABCD', new Array(20).fill(0)))).toBe(
      'The WebP file is corrupt (unknown first chunk; expected VP8, VP8L or VP8X).',
    );
  });

  it('VP8: 30 bytes, the 9d 01 2a start code, 14-bit sizes', () => {
    // Chunk size (4), frame tag (3), start code (3), width and height with scale bits set.
    const vp8 = (start: number[]): Uint8Array =>
      riff('VP8 ', [0, 0, 0, 0, 0, 0, 0, ...start, 0x2c, 0xc1, 0x05, 0x40]);
    expect(unwrap(sniffImage(vp8([0x9d, 0x01, 0x2a])))).toEqual({
      mimeType: 'image/webp',
      width: 300,
      height: 5,
    });
    expect(corrupt(vp8([0x9d, 0x01, 0x2a]).subarray(0, 29))).toBe(
      'The WebP file is truncated (incomplete header).',
    );
    for (const bad of [
      [0x9c, 0x01, 0x2a],
      [0x9d, 0x02, 0x2a],
      [0x9d, 0x01, 0x2b],
    ]) {
      expect(corrupt(vp8(bad))).toBe('The WebP file is corrupt (bad VP8 start code).');
    }
  });

  it('VP8L: the 0x2f signature byte', () => {
    const vp8l = (sig: number): Uint8Array => riff('VP8L', [0, 0, 0, 0, sig, 0x03, 0x40, 0x00, 0x00]);
    expect(unwrap(sniffImage(vp8l(0x2f)))).toEqual({ mimeType: 'image/webp', width: 4, height: 2 });
    expect(corrupt(vp8l(0x2e))).toBe('The WebP file is corrupt (bad VP8L signature).');
  });

  it('VP8X: 30 bytes, 24-bit sizes', () => {
    const vp8x = riff('VP8X', [0, 0, 0, 0, 0, 0, 0, 0, 0x2b, 0x01, 0x00, 0x63, 0, 0]);
    expect(unwrap(sniffImage(vp8x))).toEqual({ mimeType: 'image/webp', width: 300, height: 100 });
    expect(corrupt(vp8x.subarray(0, 29))).toBe('The WebP file is truncated (incomplete header).');
  });
});
