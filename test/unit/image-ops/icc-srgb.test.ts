/**
 * Colour profiles: an image tagged Display P3 is converted to sRGB when it is decoded (so a phone
 * photo does not come out washed out), with Little CMS (lcms-wasm), the same wasm in Node and in
 * the editor's worker. Expected values come from the P3 and sRGB definitions, not from lcms.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { EncodedImage } from '../../../src/engine/image-ops';
import { embeddedIccProfile, isSrgbProfile } from '../../../src/image-ops/icc-profile';
import { jsquashCodecs } from '../../../src/image-ops/jsquash-codecs';
import { createNodeImageOps, initNodeCodecs } from '../../../src/image-ops/node';
import { decodeAny, type Pixel, paintedPng, pixelAt } from './fixtures';
import { displayP3Profile, p3ToSrgb, srgbProfile, withJpegProfile, withPngProfile } from './icc-fixtures';

beforeAll(() => initNodeCodecs());

const signal = new AbortController().signal;
const ops = createNodeImageOps();
/** P3 colours inside the sRGB gamut (a muted orange, a teal, a grey) and a saturated P3 red. */
const SWATCHES: Pixel[] = [
  [200, 120, 60, 255],
  [40, 150, 140, 255],
  [128, 128, 128, 255],
  [240, 30, 20, 255],
];
const swatchPng = () => paintedPng(8, 2, (x) => SWATCHES[Math.floor(x / 2)] as Pixel);

async function outputPixels(image: EncodedImage) {
  const result = await ops.run({ op: 'normalize', image }, signal);
  if (!result.ok) throw new Error(result.error.message);
  const [out] = result.value;
  if (!out) throw new Error('no output');
  return { out, pixels: await decodeAny(out.bytes, out.mimeType) };
}

const rgbDistance = (a: Pixel, b: readonly number[]) =>
  Math.max(...[0, 1, 2].map((i) => Math.abs((a[i] ?? 0) - (b[i] ?? 0))));

describe('ICC profiles converted to sRGB on decode', () => {
  it('finds the profile a PNG and a JPEG carry, and tells sRGB from Display P3', async () => {
    const p3 = displayP3Profile();
    expect(embeddedIccProfile(withPngProfile(swatchPng(), p3), 'image/png')).toEqual(p3);
    const jpeg = await jsquashCodecs.encode(await decodeAny(swatchPng(), 'image/png'), 'image/jpeg', 95);
    expect(embeddedIccProfile(withJpegProfile(jpeg, p3), 'image/jpeg')).toEqual(p3);
    expect(embeddedIccProfile(swatchPng(), 'image/png')).toBeUndefined();
    expect(isSrgbProfile(p3)).toBe(false);
    expect(isSrgbProfile(srgbProfile())).toBe(true);
  });

  it('a Display P3 PNG comes out in sRGB numbers (each swatch within 2 of the reference)', async () => {
    const { out, pixels } = await outputPixels({
      bytes: withPngProfile(swatchPng(), displayP3Profile()),
      mimeType: 'image/png',
    });
    expect(out.mimeType).toBe('image/png');
    SWATCHES.forEach((swatch, index) => {
      const got = pixelAt(pixels, index * 2, 1);
      const expected = p3ToSrgb([swatch[0], swatch[1], swatch[2]]);
      expect(rgbDistance(got, expected), `swatch ${index}: ${got} vs ${expected}`).toBeLessThanOrEqual(2);
      expect(got[3]).toBe(255);
    });
    // Not the input numbers: the orange moves by more than rounding (P3 is wider than sRGB).
    expect(rgbDistance(pixelAt(pixels, 0, 0), SWATCHES[0] as Pixel)).toBeGreaterThan(8);
    // The grey stays grey (both spaces share white and the tone curve).
    expect(rgbDistance(pixelAt(pixels, 4, 0), [128, 128, 128])).toBeLessThanOrEqual(1);
  });

  it('a Display P3 JPEG is converted the same way (against its own decoded numbers)', async () => {
    const raw = await decodeAny(swatchPng(), 'image/png');
    const jpeg = await jsquashCodecs.encode(raw, 'image/jpeg', 100);
    const asEncoded = await decodeAny(jpeg, 'image/jpeg');
    const { out, pixels } = await outputPixels({
      bytes: withJpegProfile(jpeg, displayP3Profile()),
      mimeType: 'image/jpeg',
    });
    expect(out.mimeType).toBe('image/jpeg');
    const before = pixelAt(asEncoded, 0, 0);
    const expected = p3ToSrgb([before[0], before[1], before[2]]);
    // Converted, then re-encoded as JPEG (quality 90): a few levels of codec error on top.
    expect(rgbDistance(pixelAt(pixels, 0, 0), expected)).toBeLessThanOrEqual(4);
    expect(rgbDistance(pixelAt(pixels, 0, 0), before)).toBeGreaterThan(8);
  });

  it('an image tagged sRGB is not touched: normalize returns the very bytes', async () => {
    const bytes = withPngProfile(swatchPng(), srgbProfile());
    const result = await ops.run({ op: 'normalize', image: { bytes, mimeType: 'image/png' } }, signal);
    expect(result.ok && result.value[0]?.bytes).toBe(bytes);
  });

  it('every tool converts on decode: a resize of a P3 PNG gives sRGB numbers too', async () => {
    // Swatches 16 px wide, halved: each output pixel sampled well inside one swatch.
    const wide = paintedPng(64, 2, (x) => SWATCHES[Math.floor(x / 16)] as Pixel);
    const bytes = withPngProfile(wide, displayP3Profile());
    const result = await ops.run(
      { op: 'resize', image: { bytes, mimeType: 'image/png' }, width: 32, height: 1, fit: 'fill' },
      signal,
    );
    if (!result.ok || !result.value[0]) throw new Error('resize failed');
    const pixels = await decodeAny(result.value[0].bytes, 'image/png');
    expect(rgbDistance(pixelAt(pixels, 4, 0), p3ToSrgb([200, 120, 60]))).toBeLessThanOrEqual(2);
    expect(rgbDistance(pixelAt(pixels, 12, 0), p3ToSrgb([40, 150, 140]))).toBeLessThanOrEqual(2);
  });
});
