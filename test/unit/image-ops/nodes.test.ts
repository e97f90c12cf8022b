import { beforeAll, describe, expect, it } from 'vitest';
import { compositeNode } from '../../../nodes/composite/definition';
import { cropNode } from '../../../nodes/crop/definition';
import { formatNode } from '../../../nodes/format/definition';
import { resizeNode } from '../../../nodes/resize/definition';
import { splitGridNode } from '../../../nodes/splitGrid/definition';
import { imageValueOf } from '../../../src/engine/assets';
import type { AnyNodeDefinition } from '../../../src/engine/node-definition';
import type { ImageValue, PortValue } from '../../../src/engine/values';
import { createNodeImageOps, initNodeCodecs } from '../../../src/image-ops/node';
import { decodeAny, near, type Pixel, paintedPng, pixelAt, solid } from './fixtures';

const imageOps = createNodeImageOps();
const RED: Pixel = [255, 0, 0, 255];
const BLUE: Pixel = [0, 0, 255, 255];
const GREEN: Pixel = [0, 255, 0, 255];

beforeAll(() => initNodeCodecs());

async function runTool(definition: AnyNodeDefinition, params: unknown, inputs: Record<string, PortValue>) {
  const result = await definition.run({
    node: { id: 'n', type: definition.type, position: { x: 0, y: 0 }, params: {} },
    params: definition.params.parse(params),
    inputs,
    signal: new AbortController().signal,
    workflowName: 'test',
    row: 1,
    startedAt: new Date(),
    loadAsset: async () => undefined,
    callModel: async () => ({ ok: false, error: { code: 'internal', message: 'no model here' } }),
    imageOps,
  });
  return result;
}

async function outputImage(
  definition: AnyNodeDefinition,
  params: unknown,
  inputs: Record<string, PortValue>,
) {
  const result = await runTool(definition, params, inputs);
  if (!result.ok) throw new Error(result.error.message);
  const image = result.value.outputs.image as ImageValue;
  return { image, pixels: await decodeAny(image.bytes, image.mimeType) };
}

/** 400x200: left half red, right half blue. */
const halves = () =>
  imageValueOf(
    paintedPng(400, 200, (x) => (x < 200 ? RED : BLUE)),
    'image/png',
  );

describe('resize', () => {
  it('cover fills the target and crops the long side evenly', async () => {
    // 400x200 to 100x100: the middle 200x200 survives, so red left, blue right, split in the middle.
    const { pixels } = await outputImage(
      resizeNode,
      { width: 100, height: 100, fit: 'cover' },
      { image: halves() },
    );
    expect([pixels.width, pixels.height]).toEqual([100, 100]);
    expect(near(pixelAt(pixels, 10, 50), RED)).toBe(true);
    expect(near(pixelAt(pixels, 90, 50), BLUE)).toBe(true);
  });

  it('contain fits inside and pads with transparency for PNG (or the background given)', async () => {
    const { pixels } = await outputImage(
      resizeNode,
      { width: 100, height: 100, fit: 'contain' },
      { image: halves() },
    );
    expect([pixels.width, pixels.height]).toEqual([100, 100]);
    // The 100x50 picture sits in rows 25..74; above and below is padding.
    expect(pixelAt(pixels, 50, 5)[3]).toBe(0);
    expect(near(pixelAt(pixels, 10, 50), RED)).toBe(true);
    expect(near(pixelAt(pixels, 90, 50), BLUE)).toBe(true);
    const padded = await outputImage(
      resizeNode,
      { width: 100, height: 100, fit: 'contain', background: '#00ff00' },
      { image: halves() },
    );
    expect(pixelAt(padded.pixels, 50, 95)).toEqual(GREEN);
  });

  it('fill stretches to the exact size', async () => {
    const { pixels } = await outputImage(
      resizeNode,
      { width: 50, height: 120, fit: 'fill' },
      { image: halves() },
    );
    expect([pixels.width, pixels.height]).toEqual([50, 120]);
    expect(near(pixelAt(pixels, 5, 60), RED)).toBe(true);
    expect(near(pixelAt(pixels, 45, 60), BLUE)).toBe(true);
  });

  it('derives a missing side from the aspect ratio, or from the image', async () => {
    const byRatio = await outputImage(resizeNode, { width: 80, aspectRatio: '4:5' }, { image: halves() });
    expect([byRatio.pixels.width, byRatio.pixels.height]).toEqual([80, 100]);
    const byImage = await outputImage(resizeNode, { height: 50 }, { image: halves() });
    expect([byImage.pixels.width, byImage.pixels.height]).toEqual([100, 50]);
  });

  it('keeps a JPEG a JPEG and pads it white', async () => {
    const png = halves();
    const jpeg = await outputImage(formatNode, { mimeType: 'image/jpeg', quality: 95 }, { image: png });
    expect(jpeg.image.mimeType).toBe('image/jpeg');
    const { image, pixels } = await outputImage(
      resizeNode,
      { width: 100, height: 100, fit: 'contain' },
      { image: jpeg.image },
    );
    expect(image.mimeType).toBe('image/jpeg');
    expect([...image.bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(near(pixelAt(pixels, 50, 5), [255, 255, 255, 255])).toBe(true);
  });
});

describe('crop', () => {
  it('keeps the box given in fractions', async () => {
    // Quadrants: red top-left, blue top-right, green bottom-left, white bottom-right.
    const quadrants = imageValueOf(
      paintedPng(200, 100, (x, y) =>
        y < 50 ? (x < 100 ? RED : BLUE) : x < 100 ? GREEN : [255, 255, 255, 255],
      ),
      'image/png',
    );
    const { pixels } = await outputImage(
      cropNode,
      { x: 0.5, y: 0.5, width: 0.5, height: 0.5 },
      { image: quadrants },
    );
    expect([pixels.width, pixels.height]).toEqual([100, 50]);
    expect(pixelAt(pixels, 0, 0)).toEqual([255, 255, 255, 255]);
    const left = await outputImage(
      cropNode,
      { x: 0, y: 0.5, width: 0.25, height: 0.5 },
      { image: quadrants },
    );
    expect([left.pixels.width, left.pixels.height]).toEqual([50, 50]);
    expect(pixelAt(left.pixels, 49, 49)).toEqual(GREEN);
  });

  it('refuses a box that leaves the image, before running', () => {
    const problems = cropNode.check?.(cropNode.params.parse({ x: 0.6, width: 0.5 }), {
      connectedInputs: new Set(['image']),
      knownInputCounts: new Map(),
    });
    expect(problems?.map((problem) => problem.message)).toEqual([
      'x + width goes past the right edge (at most 1)',
    ]);
  });
});

describe('composite', () => {
  const base = () => imageValueOf(paintedPng(200, 100, solid(BLUE)), 'image/png');
  const logo = () => imageValueOf(paintedPng(40, 20, solid(RED)), 'image/png');

  it('places the overlay at its anchor, scaled to a fraction of the base’s shorter side', async () => {
    // scale 0.5 of 100 px: the logo's longer side becomes 50 px, so it is 50x25 in the bottom-right corner.
    const { pixels } = await outputImage(
      compositeNode,
      { anchor: 'bottom-right', scale: 0.5 },
      { base: base(), overlay: logo() },
    );
    expect([pixels.width, pixels.height]).toEqual([200, 100]);
    // The logo was resampled (linear-light Lanczos), so its flat red may come out a unit off.
    expect(near(pixelAt(pixels, 199, 99), RED, 2)).toBe(true);
    expect(near(pixelAt(pixels, 151, 76), RED, 2)).toBe(true);
    expect(pixelAt(pixels, 148, 99)).toEqual(BLUE);
    expect(pixelAt(pixels, 199, 73)).toEqual(BLUE);
    expect(pixelAt(pixels, 0, 0)).toEqual(BLUE);
  });

  it('anchors top-left and centre, and moves by the offsets', async () => {
    const topLeft = await outputImage(
      compositeNode,
      { anchor: 'top-left', scale: 0.4, offsetX: 0.1, offsetY: 0.1 },
      { base: base(), overlay: logo() },
    );
    // 40x20 logo at (10, 10).
    expect(pixelAt(topLeft.pixels, 9, 15)).toEqual(BLUE);
    expect(pixelAt(topLeft.pixels, 10, 10)).toEqual(RED);
    expect(pixelAt(topLeft.pixels, 49, 29)).toEqual(RED);
    expect(pixelAt(topLeft.pixels, 50, 29)).toEqual(BLUE);
    const centre = await outputImage(
      compositeNode,
      { anchor: 'center', scale: 0.4 },
      { base: base(), overlay: logo() },
    );
    // 40x20 centred on 200x100: x 80..119, y 40..59.
    expect(pixelAt(centre.pixels, 80, 40)).toEqual(RED);
    expect(pixelAt(centre.pixels, 79, 50)).toEqual(BLUE);
    expect(pixelAt(centre.pixels, 119, 59)).toEqual(RED);
    expect(pixelAt(centre.pixels, 120, 59)).toEqual(BLUE);
  });

  it('blends by opacity and by the overlay’s own alpha', async () => {
    const half = await outputImage(
      compositeNode,
      { anchor: 'center', scale: 0.4, opacity: 0.5 },
      { base: base(), overlay: logo() },
    );
    expect(near(pixelAt(half.pixels, 100, 50), [128, 0, 127, 255], 1)).toBe(true);
    const seeThrough = imageValueOf(paintedPng(40, 20, solid([255, 0, 0, 0])), 'image/png');
    const invisible = await outputImage(
      compositeNode,
      { anchor: 'center', scale: 0.4 },
      { base: base(), overlay: seeThrough },
    );
    expect(pixelAt(invisible.pixels, 100, 50)).toEqual(BLUE);
  });
});

describe('splitGrid', () => {
  it('cuts rows x cols cells, row by row', async () => {
    const sheet = imageValueOf(
      paintedPng(90, 60, (x, y) => [Math.floor(x / 30) * 100, Math.floor(y / 30) * 200, 0, 255]),
      'image/png',
    );
    const result = await runTool(splitGridNode, { rows: 2, cols: 3 }, { image: sheet });
    if (!result.ok) throw new Error(result.error.message);
    const cells = result.value.outputs.images as ImageValue[];
    expect(cells).toHaveLength(6);
    const decoded = await Promise.all(cells.map((cell) => decodeAny(cell.bytes, cell.mimeType)));
    expect(decoded.map((cell) => [cell.width, cell.height])).toEqual(Array(6).fill([30, 30]));
    expect(decoded.map((cell) => pixelAt(cell, 15, 15).slice(0, 2))).toEqual([
      [0, 0],
      [100, 0],
      [200, 0],
      [0, 200],
      [100, 200],
      [200, 200],
    ]);
  });
});

describe('format', () => {
  it('re-encodes as WebP and JPEG, flattening transparency onto white for JPEG', async () => {
    const clear = imageValueOf(paintedPng(16, 16, solid([0, 0, 0, 0])), 'image/png');
    const webp = await outputImage(formatNode, { mimeType: 'image/webp', quality: 80 }, { image: clear });
    expect(webp.image.mimeType).toBe('image/webp');
    expect(new TextDecoder().decode(webp.image.bytes.subarray(8, 12))).toBe('WEBP');
    const jpeg = await outputImage(formatNode, { mimeType: 'image/jpeg' }, { image: clear });
    expect(near(pixelAt(jpeg.pixels, 8, 8), [255, 255, 255, 255])).toBe(true);
  });
});
