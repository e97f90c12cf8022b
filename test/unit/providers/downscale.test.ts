/** The downscale policy, with a stand-in downscaler (the real one is the editor's canvas). */
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/engine/image/hash';
import type { ImageValue } from '../../../src/engine/values';
import { fitReferencesForGemini, type ImageDownscaler } from '../../../src/providers/downscale';

const MB = 1024 * 1024;
const imageOf = (bytes: number): ImageValue => {
  const data = new Uint8Array(bytes);
  return { bytes: data, mimeType: 'image/jpeg', hash: sha256Hex(data) };
};

/** Truncates to the target: enough to check which images are shrunk, and to what size. */
const truncating: ImageDownscaler = {
  async downscale(image, maxBytes) {
    return { ok: true, value: imageOf(Math.min(image.bytes.length, maxBytes)) };
  },
};

describe('fitReferencesForGemini', () => {
  it('leaves small images alone and shrinks one over 7 MB, with a notice', async () => {
    const small = imageOf(1000);
    const result = await fitReferencesForGemini([small, imageOf(9 * MB)], truncating);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.references[0]).toBe(small);
    expect(result.value.references[1]?.bytes.length).toBe(7 * MB);
    expect(result.value.notices).toEqual([
      'reference image 2 was 9.0 MB, over what Gemini accepts; sent a downscaled copy (7.0 MB)',
    ]);
  });

  it('shrinks images that fit one by one but not together into one request', async () => {
    const result = await fitReferencesForGemini(
      [imageOf(6 * MB), imageOf(6 * MB), imageOf(6 * MB)],
      truncating,
    );
    if (!result.ok) throw new Error(result.error.message);
    const base64Total = result.value.references.reduce(
      (sum, image) => sum + Math.ceil(image.bytes.length / 3) * 4,
      0,
    );
    expect(base64Total).toBeLessThanOrEqual(19 * MB);
    expect(result.value.notices).toHaveLength(3);
  });

  it('fails when the downscaler cannot get under the limit', async () => {
    const stubborn: ImageDownscaler = { downscale: async (image) => ({ ok: true, value: image }) };
    const result = await fitReferencesForGemini([imageOf(8 * MB)], stubborn);
    expect(!result.ok && result.error.code).toBe('image_too_large');
  });
});
