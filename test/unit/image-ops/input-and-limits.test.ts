import { beforeAll, describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { MemoryAssetStore } from '../../../src/engine/assets';
import { MemoryCache } from '../../../src/engine/cache';
import { runWorkflow } from '../../../src/engine/executor';
import { concatBytes } from '../../../src/engine/image/bytes';
import { jpegSegment, makePngHeaderOnly } from '../../../src/engine/image/test-images';
import type { ImageOpRequest, ImageOps } from '../../../src/engine/image-ops';
import type { ImageValue } from '../../../src/engine/values';
import { jsquashCodecs } from '../../../src/image-ops/jsquash-codecs';
import { createNodeImageOps, initNodeCodecs } from '../../../src/image-ops/node';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { edge, node, workflowOf } from '../../helpers/workflows';
import { decodeAny, near, pixelAt } from './fixtures';

beforeAll(() => initNodeCodecs());

/** Counts the requests that reach the real Node implementation. */
function countingOps(): ImageOps & { requests: ImageOpRequest[] } {
  const inner = createNodeImageOps();
  const requests: ImageOpRequest[] = [];
  return {
    requests,
    run: (request, signal) => {
      requests.push(request);
      return inner.run(request, signal);
    },
  };
}

/** EXIF APP1 with IFD0 holding one entry, Orientation (0x0112, SHORT) = `value`; big-endian TIFF. */
function exifOrientation(value: number): Uint8Array {
  const tiff = [
    0x4d,
    0x4d,
    0,
    0x2a,
    0,
    0,
    0,
    8,
    0,
    1,
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    value,
    0,
    0,
    0,
    0,
    0,
    0,
  ];
  return jpegSegment(0xe1, new Uint8Array([0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff]));
}

/** A 48x16 JPEG stored as a camera would: left third red, rest blue, with EXIF Orientation 6. */
async function sidewaysJpeg(): Promise<Uint8Array> {
  const width = 48;
  const height = 16;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++)
    data.set(i % width < 16 ? [255, 0, 0, 255] : [0, 0, 255, 255], i * 4);
  const plain = await jsquashCodecs.encode({ data, width, height }, 'image/jpeg', 95);
  // Orientation 6: the stored picture must be turned 90° clockwise to display.
  return concatBytes([plain.subarray(0, 2), exifOrientation(6), plain.subarray(2)]);
}

function imageWorkflow(hash: string, mimeType: string, resize: Record<string, unknown>) {
  return workflowOf(
    [
      node('logo', 'imageInput', { image: { name: 'photo.jpg', mimeType, hash } }, { exposeAs: 'photo' }),
      node('size', 'resize', resize),
      node('out', 'export', { filename: 'out-{n}' }),
    ],
    [edge('logo', 'image', 'size', 'image'), edge('size', 'image', 'out', 'images')],
  );
}

describe('imageInput and limits', () => {
  it('turns an EXIF-rotated JPEG upright before any tool sees it', async () => {
    const assets = new MemoryAssetStore();
    const photo = assets.put(await sidewaysJpeg(), 'image/jpeg');
    const result = await runWorkflow(imageWorkflow(photo.hash, 'image/jpeg', { height: 48 }), {
      registry: nodeRegistry,
      provider: scriptedProvider(),
      assets,
      imageOps: createNodeImageOps(),
    });
    expect(result.status).toBe('ok');
    const upright = result.nodes.get('logo')?.outputs?.image as ImageValue;
    const pixels = await decodeAny(upright.bytes, upright.mimeType);
    // Upright it is 16 wide and 48 tall, and the red third (the stored left) is now on top.
    expect([pixels.width, pixels.height]).toEqual([16, 48]);
    expect(near(pixelAt(pixels, 8, 4), [255, 0, 0, 255], 24)).toBe(true);
    expect(near(pixelAt(pixels, 8, 40), [0, 0, 255, 255], 24)).toBe(true);
    const resized = result.nodes.get('size')?.outputs?.image as ImageValue;
    const resizedPixels = await decodeAny(resized.bytes, resized.mimeType);
    expect([resizedPixels.width, resizedPixels.height]).toEqual([16, 48]);
  });

  it('passes an upright image through unchanged (same bytes, same hash)', async () => {
    const assets = new MemoryAssetStore();
    const plain = await jsquashCodecs.encode(
      { data: new Uint8ClampedArray(8 * 8 * 4).fill(200), width: 8, height: 8 },
      'image/jpeg',
      90,
    );
    const photo = assets.put(plain, 'image/jpeg');
    const result = await runWorkflow(imageWorkflow(photo.hash, 'image/jpeg', { width: 4 }), {
      registry: nodeRegistry,
      provider: scriptedProvider(),
      assets,
      imageOps: createNodeImageOps(),
    });
    expect((result.nodes.get('logo')?.outputs?.image as ImageValue | undefined)?.hash).toBe(photo.hash);
  });

  it('refuses a 100 MP image from its header, with a message naming the size and the limit', async () => {
    const assets = new MemoryAssetStore();
    const huge = assets.put(makePngHeaderOnly(10_000, 10_000), 'image/png');
    const result = await runWorkflow(imageWorkflow(huge.hash, 'image/png', { width: 100 }), {
      registry: nodeRegistry,
      provider: scriptedProvider(),
      assets,
      imageOps: createNodeImageOps(),
    });
    // The image node checks the header first, before any pixel is decoded.
    const failed = result.nodes.get('logo');
    expect(failed?.status).toBe('failed');
    expect(failed?.error?.code).toBe('image_too_large');
    expect(failed?.error?.message).toBe(
      'the image is 10000x10000 px (100.0 MP); image tools decode at most 64.0 MP. Make it smaller first.',
    );
    expect(result.nodes.get('size')?.status).toBe('skipped');
  });

  it('caches tool outputs by content: a second run does no pixel work, costs nothing and makes no call', async () => {
    const assets = new MemoryAssetStore();
    const plain = await jsquashCodecs.encode(
      { data: new Uint8ClampedArray(32 * 32 * 4).fill(90), width: 32, height: 32 },
      'image/png',
      90,
    );
    const photo = assets.put(plain, 'image/png');
    const cache = new MemoryCache();
    const workflow = imageWorkflow(photo.hash, 'image/png', { width: 16, height: 8 });
    const provider = scriptedProvider();
    const first = countingOps();
    const run1 = await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider,
      assets,
      cache,
      imageOps: first,
    });
    expect(run1.status).toBe('ok');
    expect(first.requests.map((request) => request.op)).toEqual(['normalize', 'resize']);
    expect(run1.totals).toMatchObject({ calls: 0, costUsd: 0 });
    const second = countingOps();
    const run2 = await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider,
      assets,
      cache,
      imageOps: second,
    });
    expect(second.requests).toEqual([]);
    expect(run2.nodes.get('size')?.status).toBe('cached');
    expect(run2.estimate.perNode.size?.action).toBe('cached');
    expect(run2.totals).toMatchObject({ calls: 0, cachedNodes: 2, costUsd: 0 });
    expect(provider.requests).toHaveLength(0);
  });
});
