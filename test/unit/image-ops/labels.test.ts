/**
 * Annotate's text labels: the bundled font's glyphs (opentype.js outlines, our rasteriser) drawn
 * on the image and into the mask, deterministically (the editor's worker runs this same code).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { annotateNode } from '../../../nodes/annotate/definition';
import { imageValueOf } from '../../../src/engine/assets';
import type { ImageValue } from '../../../src/engine/values';
import type { RawImage } from '../../../src/image-ops/codecs';
import { labelContours, labelFont } from '../../../src/image-ops/label-text';
import { createNodeImageOps, initNodeCodecs } from '../../../src/image-ops/node';
import { decodeAny, paintedPng, pixelAt, solid } from './fixtures';

const imageOps = createNodeImageOps();
beforeAll(() => initNodeCodecs());

const WHITE = paintedPng(200, 100, solid([255, 255, 255, 255]));

async function annotate(labels: unknown[], strokes: unknown[] = []) {
  const result = await annotateNode.run({
    node: { id: 'n', type: 'annotate', position: { x: 0, y: 0 }, params: {} },
    params: annotateNode.params.parse({ width: 200, strokes, labels }),
    inputs: { image: imageValueOf(WHITE, 'image/png') },
    signal: new AbortController().signal,
    workflowName: 'test',
    row: 1,
    startedAt: new Date(),
    loadAsset: async () => undefined,
    callModel: async () => ({ ok: false, error: { code: 'internal', message: 'no model here' } }),
    imageOps,
  });
  if (!result.ok) throw new Error(result.error.message);
  const { image, mask } = result.value.outputs as { image: ImageValue; mask: ImageValue };
  return {
    image,
    pixels: await decodeAny(image.bytes, 'image/png'),
    mask: await decodeAny(mask.bytes, 'image/png'),
  };
}

function inkBox(image: RawImage, isInk: (x: number, y: number) => boolean) {
  let [minX, minY, maxX, maxY, count] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, -1, -1, 0];
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++)
      if (isInk(x, y)) {
        count++;
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
  return { minX, minY, maxX, maxY, count };
}

describe('annotate text labels', () => {
  it('draws the label in its colour, sized and placed on the baseline, and marks it in the mask', async () => {
    const { pixels, mask } = await annotate([{ x: 20, y: 70, text: 'HI', size: 50, colour: '#0000ff' }]);
    const blue = inkBox(pixels, (x, y) => {
      const [r, g, b] = pixelAt(pixels, x, y);
      return b > 200 && r < 60 && g < 60;
    });
    // Cap height of Inter is ~0.73 em: about 36 px above the baseline at y = 70, starting near x = 20.
    expect(blue.count).toBeGreaterThan(300);
    expect(blue.minX).toBeGreaterThanOrEqual(20);
    expect(blue.minX).toBeLessThan(30);
    expect(blue.maxY).toBeLessThanOrEqual(70);
    expect(blue.maxY).toBeGreaterThan(66);
    expect(blue.minY).toBeGreaterThan(28);
    expect(blue.minY).toBeLessThan(38);
    const white = inkBox(mask, (x, y) => (pixelAt(mask, x, y)[0] ?? 0) > 200);
    expect(white).toEqual(blue);
  });

  it('keeps the hole of an O (glyph contours are filled together, non-zero winding)', async () => {
    const { pixels } = await annotate([{ x: 40, y: 90, text: 'O', size: 90, colour: '#000000' }]);
    const ink = inkBox(pixels, (x, y) => (pixelAt(pixels, x, y)[0] ?? 255) < 40);
    const centreX = Math.round((ink.minX + ink.maxX) / 2);
    const centreY = Math.round((ink.minY + ink.maxY) / 2);
    expect(pixelAt(pixels, centreX, centreY)).toEqual([255, 255, 255, 255]);
    expect(pixelAt(pixels, ink.minX + 2, centreY)[0]).toBeLessThan(100);
  });

  it('scales with the image: a label on a 200-wide surface lands at the same place on a 400-px image', async () => {
    const face = await labelFont();
    const small = labelContours(face, { x: 10, y: 50, text: 'A', size: 30 }, 1);
    const large = labelContours(face, { x: 10, y: 50, text: 'A', size: 30 }, 2);
    expect(large[0]?.[0]).toEqual(small[0]?.[0]?.map((v) => v * 2));
  });

  it('the same labels make the same bytes every time, and change the output when the text changes', async () => {
    const labels = [{ x: 10, y: 60, text: 'fix this', size: 30 }];
    const first = await annotate(labels);
    const again = await annotate(labels);
    expect(first.image.hash).toBe(again.image.hash);
    const other = await annotate([{ ...labels[0], text: 'fix that' }]);
    expect(other.image.hash).not.toBe(first.image.hash);
  });

  it('refuses an empty or overlong label in the params', () => {
    expect(annotateNode.params.safeParse({ labels: [{ x: 1, y: 1, text: '  ' }] }).success).toBe(false);
    expect(annotateNode.params.safeParse({ labels: [{ x: 1, y: 1, text: 'x'.repeat(81) }] }).success).toBe(
      false,
    );
  });
});
