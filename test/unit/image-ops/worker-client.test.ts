/**
 * The editor's image-tool client and its worker, run in Node: the real worker module listens on a
 * stand-in global scope, and messages go through structuredClone as postMessage would. What must
 * hold for the main thread to stay free: images cross as Blobs (never as byte arrays to copy),
 * outputs come back hashed by the worker, and an upright image is normalized without the worker.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkerImageOps } from '../../../src/editor/image-ops/client';
import type { ImageOpMessage, ImageOpReply } from '../../../src/editor/image-ops/protocol';
import { imageValueOf } from '../../../src/engine/assets';
import { sha256Hex } from '../../../src/engine/image/hash';
import { initNodeCodecs } from '../../../src/image-ops/node';
import { paintedPng, solid } from './fixtures';

type Scope = {
  onmessage: ((event: { data: ImageOpMessage }) => void) | null;
  postMessage(message: ImageOpReply, transfer: Transferable[]): void;
};

const sent: ImageOpMessage[] = [];
let workersMade = 0;

/** A Worker stand-in whose other end is the real worker module. */
function fakeWorker(scope: Scope): Worker {
  const worker = {
    onmessage: null as ((event: { data: ImageOpReply }) => void) | null,
    onerror: null,
    terminate: () => undefined,
    postMessage(message: ImageOpMessage) {
      sent.push(message);
      scope.onmessage?.({ data: structuredClone(message) });
    },
  };
  scope.postMessage = (reply) => worker.onmessage?.({ data: structuredClone(reply) });
  return worker as unknown as Worker;
}

let scope: Scope;

beforeAll(async () => {
  await initNodeCodecs();
  scope = { onmessage: null, postMessage: () => undefined };
  (globalThis as { self?: unknown }).self = scope;
  await import('../../../src/editor/image-ops/worker');
});

const signal = new AbortController().signal;

describe('editor image-ops client and worker', () => {
  it('sends images as Blobs and gets outputs hashed by the worker', async () => {
    const ops = createWorkerImageOps(() => {
      workersMade++;
      return fakeWorker(scope);
    });
    const image = imageValueOf(paintedPng(40, 20, solid([10, 200, 30, 255])), 'image/png');
    const result = await ops.run({ op: 'resize', image, width: 20, height: 10, fit: 'fill' }, signal);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [out] = result.value;
    expect(out?.hash).toBe(sha256Hex(out?.bytes ?? new Uint8Array()));
    const message = sent.at(-1);
    const wireImage = message?.request.image as { blob: unknown; bytes?: unknown };
    expect(wireImage.blob).toBeInstanceOf(Blob);
    expect(wireImage.bytes).toBeUndefined();
    // Only bytes and type cross: not the main thread's hash.
    expect(Object.keys(wireImage).sort()).toEqual(['blob', 'mimeType']);
  });

  it('answers an upright image’s normalize without the worker, keeping its hash', async () => {
    const before = { workers: workersMade, sent: sent.length };
    const ops = createWorkerImageOps(() => {
      workersMade++;
      return fakeWorker(scope);
    });
    const image = imageValueOf(paintedPng(8, 8, solid([1, 2, 3, 255])), 'image/png');
    const result = await ops.run({ op: 'normalize', image }, signal);
    expect(result).toEqual({
      ok: true,
      value: [{ bytes: image.bytes, mimeType: 'image/png', hash: image.hash }],
    });
    expect({ workers: workersMade, sent: sent.length }).toEqual(before);
  });

  it('still refuses an unreadable image on normalize (through the worker’s error)', async () => {
    const ops = createWorkerImageOps(() => fakeWorker(scope));
    const result = await ops.run(
      { op: 'normalize', image: { bytes: new Uint8Array([1, 2, 3]), mimeType: 'image/png' } },
      signal,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('image_invalid');
  });
});
