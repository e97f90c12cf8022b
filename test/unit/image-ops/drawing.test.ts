import { beforeAll, describe, expect, it } from 'vitest';
import { annotateNode } from '../../../nodes/annotate/definition';
import { nodeRegistry } from '../../../nodes/registry';
import { sketchNode } from '../../../nodes/sketch/definition';
import { imageValueOf, MemoryAssetStore } from '../../../src/engine/assets';
import { runWorkflow } from '../../../src/engine/executor';
import type { AnyNodeDefinition } from '../../../src/engine/node-definition';
import type { ImageValue, PortValue } from '../../../src/engine/values';
import type { RawImage } from '../../../src/image-ops/codecs';
import { createNodeImageOps, initNodeCodecs } from '../../../src/image-ops/node';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { edge, node, workflowOf } from '../../helpers/workflows';
import { decodeAny, paintedPng, pixelAt, solid } from './fixtures';

const imageOps = createNodeImageOps();
beforeAll(() => initNodeCodecs());

async function run(definition: AnyNodeDefinition, params: unknown, inputs: Record<string, PortValue> = {}) {
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
  if (!result.ok) throw new Error(result.error.message);
  const decoded: Record<string, RawImage> = {};
  for (const [name, value] of Object.entries(result.value.outputs)) {
    const image = value as ImageValue;
    decoded[name] = await decodeAny(image.bytes, image.mimeType);
  }
  return decoded as { image: RawImage; mask: RawImage };
}

/** A straight stroke sampled every 5 px, full pressure (a pen, not a mouse). */
const line = (from: [number, number], to: [number, number], extra: Record<string, unknown> = {}) => {
  const steps = Math.max(1, Math.round(Math.hypot(to[0] - from[0], to[1] - from[1]) / 5));
  const points = Array.from({ length: steps + 1 }, (_, i) => [
    from[0] + ((to[0] - from[0]) * i) / steps,
    from[1] + ((to[1] - from[1]) * i) / steps,
    1,
  ]);
  return { points, colour: '#ff0000', size: 10, ...extra };
};

const WHITE = [255, 255, 255, 255];
const RED = [255, 0, 0, 255];

describe('sketch', () => {
  it('draws smoothed strokes on its background; the eraser removes strokes, not the background', async () => {
    const { image } = await run(sketchNode, { width: 100, height: 100, strokes: [line([10, 50], [90, 50])] });
    expect([image.width, image.height]).toEqual([100, 100]);
    expect(pixelAt(image, 50, 50)).toEqual(RED);
    expect(pixelAt(image, 50, 20)).toEqual(WHITE);
    // Anti-aliased edge: a pixel partly covered is a blend, neither white nor red.
    const edgeRow = [40, 41, 42, 43, 44, 45].map((y) => pixelAt(image, 50, y)[1] as number);
    expect(edgeRow.some((green) => green > 0 && green < 255)).toBe(true);

    const erased = await run(sketchNode, {
      width: 100,
      height: 100,
      strokes: [line([10, 50], [90, 50]), line([50, 10], [50, 90], { erase: true, size: 20 })],
    });
    expect(pixelAt(erased.image, 50, 50)).toEqual(WHITE);
    expect(pixelAt(erased.image, 20, 50)).toEqual(RED);
  });

  it('draws over an input image, scaling the strokes to its size', async () => {
    const blue = imageValueOf(paintedPng(200, 200, solid([0, 0, 255, 255])), 'image/png');
    const { image } = await run(
      sketchNode,
      { width: 100, height: 100, strokes: [line([10, 50], [90, 50])] },
      { image: blue },
    );
    expect([image.width, image.height]).toEqual([200, 200]);
    expect(pixelAt(image, 100, 100)).toEqual(RED);
    expect(pixelAt(image, 100, 40)).toEqual([0, 0, 255, 255]);
  });
});

describe('annotate', () => {
  it('gives the marked image and a mask that is white where the marks are', async () => {
    const grey = imageValueOf(paintedPng(100, 100, solid([128, 128, 128, 255])), 'image/png');
    const { image, mask } = await run(
      annotateNode,
      { width: 100, strokes: [line([10, 50], [90, 50])] },
      { image: grey },
    );
    expect(pixelAt(image, 50, 50)).toEqual(RED);
    expect(pixelAt(image, 50, 20)).toEqual([128, 128, 128, 255]);
    expect(pixelAt(mask, 50, 50)).toEqual(WHITE);
    expect(pixelAt(mask, 50, 20)).toEqual([0, 0, 0, 255]);
  });
});

describe('annotate -> edit', () => {
  it('sends the marked image (not the original) to Edit, and runs the marks for free', async () => {
    const assets = new MemoryAssetStore();
    const photo = assets.put(paintedPng(100, 100, solid([128, 128, 128, 255])), 'image/png');
    const provider = scriptedProvider();
    const result = await runWorkflow(
      workflowOf(
        [
          node('photo', 'imageInput', {
            image: { name: 'photo.png', mimeType: 'image/png', hash: photo.hash },
          }),
          node('marks', 'annotate', { width: 100, strokes: [line([10, 50], [90, 50])] }),
          node('fix', 'edit', {
            model: 'gemini-3.1-flash-image',
            instruction: 'remove what is circled',
            continueConversation: false,
          }),
        ],
        [edge('photo', 'image', 'marks', 'image'), edge('marks', 'image', 'fix', 'image')],
      ),
      { registry: nodeRegistry, provider, assets, imageOps },
    );
    expect(result.status).toBe('ok');
    expect(result.totals.calls).toBe(1);
    const marked = result.nodes.get('marks')?.outputs?.image as ImageValue;
    expect(marked.hash).not.toBe(photo.hash);
    expect(provider.requests[0]?.references.map((reference) => reference.hash)).toEqual([marked.hash]);
  });
});
