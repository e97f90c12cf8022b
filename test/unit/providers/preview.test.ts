/** The preview provider: free, deterministic placeholder PNGs that answer like Gemini. */
import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { MemoryAssetStore } from '../../../src/engine/assets';
import { runWorkflow } from '../../../src/engine/executor';
import { crc32 } from '../../../src/engine/image/crc32';
import { sha256Hex } from '../../../src/engine/image/hash';
import type { ImageRequest } from '../../../src/engine/provider';
import { isImageValue } from '../../../src/engine/values';
import type { Workflow } from '../../../src/engine/workflow';
import { createProvider } from '../../../src/providers';
import { createPreviewProvider } from '../../../src/providers/preview';

const signal = new AbortController().signal;
const ask = (request: Partial<ImageRequest>) =>
  createPreviewProvider().generateImage(
    {
      model: 'gemini-3.1-flash-image',
      prompt: 'a red bicycle leaning on a wall',
      references: [],
      ...request,
    },
    { signal },
  );

interface Chunk {
  type: string;
  data: Uint8Array;
  crcOk: boolean;
}

function readChunks(png: Uint8Array): Chunk[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    chunks.push({
      type,
      data,
      crcOk: view.getUint32(at + 8 + length) === crc32(png, at + 4, at + 8 + length),
    });
    at += 12 + length;
  }
  return chunks;
}

async function previewPng(request: Partial<ImageRequest>): Promise<Uint8Array> {
  const result = await ask(request);
  if (!result.ok) throw new Error(result.error.message);
  const image = result.value.images[0];
  if (!image) throw new Error('no image');
  return image.bytes;
}

describe('preview PNG', () => {
  it.each([
    ['1:1', 512, 512],
    ['16:9', 512, 288],
    ['9:16', 288, 512],
    ['21:9', 512, 219],
    ['1:8', 64, 512],
    [undefined, 512, 512],
  ])('aspect ratio %s gives a real %i x %i PNG marked "Peel preview"', async (aspectRatio, width, height) => {
    const png = await previewPng({ aspectRatio });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks = readChunks(png);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
    expect(chunks.every((chunk) => chunk.crcOk)).toBe(true);
    const header = chunks[0]?.data ?? new Uint8Array();
    const headerView = new DataView(header.buffer, header.byteOffset, header.byteLength);
    expect([headerView.getUint32(0), headerView.getUint32(4), header[8], header[9]]).toEqual([
      width,
      height,
      8,
      2,
    ]);
    expect(new TextDecoder('latin1').decode(chunks[1]?.data)).toBe('Software\0Peel preview');
    const pixels = unzlibSync(chunks[2]?.data ?? new Uint8Array());
    expect(pixels.length).toBe(height * (1 + 3 * width));
  });

  it('draws a banner and text: the image is far from one flat colour', async () => {
    const png = await previewPng({ aspectRatio: '1:1' });
    const idat = readChunks(png).find((chunk) => chunk.type === 'IDAT');
    const pixels = unzlibSync(idat?.data ?? new Uint8Array());
    const colours = new Set<string>();
    for (let i = 1; i < pixels.length; i += 3 * 64 + 1)
      colours.add(`${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`);
    expect(colours.size).toBeGreaterThanOrEqual(3);
  });
});

describe('the preview provider', () => {
  it('is deterministic: the same request gives the same bytes', async () => {
    const a = await previewPng({ aspectRatio: '4:3' });
    const b = await previewPng({ aspectRatio: '4:3' });
    expect(sha256Hex(a)).toBe(sha256Hex(b));
  });

  it('gives different images for different prompts, models and conversations', async () => {
    const base = sha256Hex(await previewPng({}));
    const hashes = [
      sha256Hex(await previewPng({ prompt: 'a blue bicycle leaning on a wall' })),
      sha256Hex(await previewPng({ model: 'gemini-3-pro-image' })),
      sha256Hex(
        await previewPng({ history: [{ role: 'user', parts: [{ kind: 'text', text: 'earlier' }] }] }),
      ),
    ];
    expect(new Set([base, ...hashes]).size).toBe(4);
  });

  it('is free, needs no key, and answers like Gemini with turns to continue', async () => {
    const provider = createProvider('preview');
    expect(provider).toMatchObject({ id: 'preview', needsApiKey: false, free: true });
    const result = await ask({ prompt: 'a lighthouse' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.costUsd).toBe(0);
    expect(Object.values(result.value.usage)).toEqual([0, 0, 0, 0, 0]);
    expect(result.value.text).toBe('Preview image for: a lighthouse');
    expect(result.value.userTurn).toEqual({ role: 'user', parts: [{ kind: 'text', text: 'a lighthouse' }] });
    expect(result.value.modelTurn.parts.map((part) => part.kind)).toEqual(['text', 'image']);
  });

  it('runs Generate → Edit → Edit, each edit continuing the conversation, for $0', async () => {
    const flow: Workflow = {
      format: 'peel.workflow',
      version: 1,
      name: 'preview',
      nodes: [
        { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'a sailboat' } },
        { id: 'g', type: 'generate', position: { x: 1, y: 0 }, params: { aspectRatio: '16:9' } },
        { id: 'e1', type: 'edit', position: { x: 2, y: 0 }, params: { instruction: 'red sail' } },
        { id: 'e2', type: 'edit', position: { x: 3, y: 0 }, params: { instruction: 'add a lighthouse' } },
      ],
      edges: [
        { source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' },
        { source: 'g', sourcePort: 'image', target: 'e1', targetPort: 'image' },
        { source: 'e1', sourcePort: 'image', target: 'e2', targetPort: 'image' },
      ],
    };
    const result = await runWorkflow(flow, {
      registry: nodeRegistry,
      provider: createPreviewProvider(),
      assets: new MemoryAssetStore(),
    });
    expect(result.status).toBe('ok');
    expect(result.totals.costUsd).toBe(0);
    const image = result.nodes.get('e2')?.outputs?.image;
    if (!isImageValue(image)) throw new Error('no image');
    expect(image.conversation?.map((turn) => turn.role)).toEqual([
      'user',
      'model',
      'user',
      'model',
      'user',
      'model',
    ]);
    expect(result.nodes.get('e2')?.outputs?.text).toBe('Preview image for: add a lighthouse');
  });

  it('answers "cancelled" when the call is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await createPreviewProvider().generateImage(
      { model: 'm', prompt: 'x', references: [] },
      { signal: controller.signal },
    );
    expect(!result.ok && result.error.code).toBe('cancelled');
  });
});
