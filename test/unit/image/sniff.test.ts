import { describe, expect, it } from 'vitest';
import { checkImageLimits, formatByteSize, sniffImage } from '../../../src/engine/image/sniff';
import {
  makePngHeaderOnly,
  makeTestJpeg,
  makeTestPng,
  pngChunk,
  tinyWebp,
} from '../../../src/engine/image/test-images';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function expectError(bytes: Uint8Array, code: string, messageMatch?: RegExp): void {
  const r = sniffImage(bytes);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe(code);
  if (messageMatch) expect(r.error.message).toMatch(messageMatch);
}

describe('sniffImage', () => {
  it('reads PNG dimensions from IHDR', () => {
    expect(sniffImage(makeTestPng({ width: 7, height: 3 }))).toEqual({
      ok: true,
      value: { mimeType: 'image/png', width: 7, height: 3 },
    });
  });

  it('reads JPEG dimensions from the SOF marker, skipping APP/COM/DQT segments', () => {
    const jpeg = makeTestJpeg({ width: 20, height: 13, comment: 'x'.repeat(300) });
    expect(sniffImage(jpeg)).toEqual({ ok: true, value: { mimeType: 'image/jpeg', width: 20, height: 13 } });
  });

  it.each(['lossy', 'lossless', 'alpha'] as const)('reads WebP (%s) dimensions', (kind) => {
    expect(sniffImage(tinyWebp(kind))).toEqual({
      ok: true,
      value: { mimeType: 'image/webp', width: 1, height: 1 },
    });
  });

  it('reads VP8X canvas size (24-bit fields)', () => {
    const b = new Uint8Array(30);
    b.set(enc('RIFF'), 0);
    b.set(enc('WEBPVP8X'), 8);
    b[16] = 10;
    b.set([(3000 - 1) & 0xff, (3000 - 1) >> 8, 0, (70000 - 1) & 0xff, ((70000 - 1) >> 8) & 0xff, 1], 24);
    expect(sniffImage(b)).toEqual({
      ok: true,
      value: { mimeType: 'image/webp', width: 3000, height: 70000 },
    });
  });

  it('reads VP8L 14-bit dimensions', () => {
    const b = new Uint8Array(25);
    b.set(enc('RIFF'), 0);
    b.set(enc('WEBPVP8L'), 8);
    b[20] = 0x2f;
    const bits = (1024 - 1) | ((768 - 1) << 14);
    b.set([bits & 0xff, (bits >>> 8) & 0xff, (bits >>> 16) & 0xff, (bits >>> 24) & 0xff], 21);
    expect(sniffImage(b)).toEqual({ ok: true, value: { mimeType: 'image/webp', width: 1024, height: 768 } });
  });

  it('rejects SVG text, naming it', () => {
    const svg = enc(
      '\uFEFF  <?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10"></svg>',
    );
    expectError(svg, 'unsupported_image_type', /looks like SVG text, not a PNG, JPEG or WebP image/);
  });

  it('rejects an HTML page renamed to .png, naming it', () => {
    expectError(enc('<!DOCTYPE html><html><body>404</body></html>'), 'unsupported_image_type', /HTML text/);
  });

  it('names other recognisable formats', () => {
    expectError(enc('GIF89a\x01\x00\x01\x00'), 'unsupported_image_type', /GIF image/);
    expectError(enc('{"nodes": []}'), 'unsupported_image_type', /JSON text/);
    expectError(enc('%PDF-1.7\n'), 'unsupported_image_type', /PDF document/);
    expectError(new Uint8Array([0, 1, 2, 3, 0, 0, 0xfe]), 'unsupported_image_type', /unrecognised format/);
  });

  it('rejects 0 bytes', () => {
    expectError(new Uint8Array(0), 'empty_image');
  });

  it('rejects truncated headers as corrupt', () => {
    const png = makeTestPng();
    expectError(png.subarray(0, 4), 'corrupt_image', /truncated/);
    expectError(png.subarray(0, 20), 'corrupt_image', /truncated/);
    const jpeg = makeTestJpeg();
    const sof = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xc0);
    expectError(jpeg.subarray(0, sof), 'corrupt_image', /truncated/);
    expectError(jpeg.subarray(0, sof + 6), 'corrupt_image', /truncated/);
    expectError(jpeg.subarray(0, 3), 'corrupt_image', /truncated/);
    expectError(tinyWebp('lossy').subarray(0, 16), 'corrupt_image', /truncated/);
    expectError(tinyWebp('lossless').subarray(0, 22), 'corrupt_image', /truncated/);
  });

  it('rejects a PNG whose first chunk is not IHDR or whose size is zero', () => {
    const png = makeTestPng();
    const bad = png.slice();
    bad.set(enc('IHDX'), 12);
    expectError(bad, 'corrupt_image');
    expectError(makePngHeaderOnly(0, 10), 'corrupt_image', /0x10/);
  });

  it('rejects a JPEG whose segment walk hits image data before a frame header', () => {
    const b = new Uint8Array([0xff, 0xd8, 0xff, 0xfe, 0, 4, 1, 2, 0xff, 0xda, 0, 2]);
    expectError(b, 'corrupt_image', /no frame header/);
    expectError(new Uint8Array([0xff, 0xd8, 0xff, 0xfe, 0, 1, 0, 0]), 'corrupt_image', /segment length/);
  });

  it('terminates on adversarial JPEG inputs (bounded walk)', () => {
    // Many tiny COM segments: the walk must stop at its segment cap, not loop forever.
    const b = new Uint8Array(2 + 4 * 20_000);
    b.set([0xff, 0xd8]);
    for (let i = 0; i < 20_000; i++) b.set([0xff, 0xfe, 0, 2], 2 + i * 4);
    expectError(b, 'corrupt_image', /too many segments/);
  });

  it('is unaffected by chunks after IHDR', () => {
    const png = makeTestPng({ width: 5, height: 6, extraChunks: [pngChunk('tEXt', enc('a\0b'))] });
    expect(sniffImage(png)).toMatchObject({ ok: true, value: { width: 5, height: 6 } });
  });
});

describe('checkImageLimits', () => {
  const info = (width: number, height: number) => ({ mimeType: 'image/png' as const, width, height });

  it('accepts images within the defaults', () => {
    expect(checkImageLimits(info(4096, 4096), 5 * 1024 * 1024)).toEqual({
      ok: true,
      value: info(4096, 4096),
    });
  });

  it('rejects a 30 MB file with human sizes', () => {
    const r = checkImageLimits(info(100, 100), 30 * 1024 * 1024);
    expect(r).toEqual({
      ok: false,
      error: { code: 'image_too_large', message: 'The image file is 30.0 MB, the limit is 7 MB.' },
    });
  });

  it('rejects a 40000x40000 PNG header (no pixels needed)', () => {
    const png = makePngHeaderOnly(40000, 40000);
    const sniffed = sniffImage(png);
    expect(sniffed).toEqual({ ok: true, value: info(40000, 40000) });
    if (!sniffed.ok) return;
    const r = checkImageLimits(sniffed.value, png.length);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('image_too_large');
    expect(r.error.message).toContain('40000x40000 px');
  });

  it('rejects too many pixels even when each side is allowed', () => {
    const r = checkImageLimits(info(10000, 9000), 1000);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe(
      'The image is 10000x9000 px (90.0 megapixels), the limit is 50.0 megapixels.',
    );
  });

  it('honours custom limits', () => {
    expect(checkImageLimits(info(10, 10), 2048, { maxBytes: 1024 })).toMatchObject({
      ok: false,
      error: { message: 'The image file is 2.0 KB, the limit is 1 KB.' },
    });
  });

  it('formats byte sizes', () => {
    expect(formatByteSize(1)).toBe('1 byte');
    expect(formatByteSize(512)).toBe('512 bytes');
    expect(formatByteSize(1536)).toBe('1.5 KB');
    expect(formatByteSize(7 * 1024 * 1024, true)).toBe('7 MB');
    expect(formatByteSize(7.5 * 1024 * 1024, true)).toBe('7.5 MB');
  });
});
