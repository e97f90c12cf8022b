/**
 * Hashing is a dependency the host injects (node:crypto in the CLI, crypto.subtle in the browser):
 * the provider's answer decoding and the engine's image-tool outputs use the injected HashBytes,
 * awaited, and every implementation gives the same digest (existing caches stay valid).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeHashBytes } from '../../../src/cli/node-hash-bytes';
import { browserHashBytes } from '../../../src/editor/run/browser-hash-bytes';
import type { HashBytes } from '../../../src/engine/hash-bytes';
import { bytesToBase64 } from '../../../src/engine/image/base64';
import { sha256Hex } from '../../../src/engine/image/hash';
import { makeTestPng } from '../../../src/engine/image/test-images';
import { hashingImageOps, type ImageOps } from '../../../src/engine/image-ops';
import { mapGeminiResponse } from '../../../src/providers/gemini/response';
import { mapOpenRouterAnswer } from '../../../src/providers/openrouter/response';

const userTurn = { role: 'user' as const, parts: [{ kind: 'text' as const, text: 'a cat' }] };

/** A HashBytes that answers later (a macrotask), so a caller that does not await it is caught. */
function slowHash(): { hashBytes: HashBytes; seen: Uint8Array[] } {
  const seen: Uint8Array[] = [];
  return {
    seen,
    hashBytes: async (bytes) => {
      seen.push(bytes);
      await new Promise((done) => setTimeout(done, 5));
      return `injected-${seen.length}`;
    },
  };
}

describe('HashBytes injection', () => {
  it('Gemini answer decoding hashes each image with the injected HashBytes', async () => {
    const png = makeTestPng({ width: 3, height: 2 });
    const part = { inlineData: { mimeType: 'image/png', data: bytesToBase64(png) } };
    const { hashBytes, seen } = slowHash();
    const result = await mapGeminiResponse(
      { candidates: [{ content: { parts: [part, part] }, finishReason: 'STOP' }] },
      { model: 'gemini-2.5-flash-image', userTurn, hashBytes },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.images.map((image) => image.hash)).toEqual(['injected-1', 'injected-2']);
    expect(seen.map((bytes) => Array.from(bytes))).toEqual([Array.from(png), Array.from(png)]);
  });

  it('OpenRouter answer decoding hashes with the injected HashBytes', async () => {
    const png = makeTestPng({ width: 2, height: 2 });
    const { hashBytes } = slowHash();
    const result = await mapOpenRouterAnswer(
      {
        choices: [
          {
            message: {
              content: '',
              images: [{ image_url: { url: `data:image/png;base64,${bytesToBase64(png)}` } }],
            },
            finish_reason: 'stop',
          },
        ],
      },
      { model: 'gemini-2.5-flash-image', userTurn, hashBytes },
    );
    expect(result.ok && result.value.images[0]?.hash).toBe('injected-1');
  });

  it('image-tool outputs are hashed by the engine with the injected HashBytes', async () => {
    const bytes = makeTestPng({ width: 2, height: 2 });
    const ops: ImageOps = { run: async () => ({ ok: true, value: [{ bytes, mimeType: 'image/png' }] }) };
    const { hashBytes } = slowHash();
    const out = await hashingImageOps(ops, hashBytes).run(
      { op: 'format', image: { bytes, mimeType: 'image/png' }, mimeType: 'image/png', quality: 90 },
      new AbortController().signal,
    );
    expect(out.ok && out.value[0]?.hash).toBe('injected-1');
  });

  it('node:crypto, crypto.subtle and the library give the same digest (known vector and 2 MB)', async () => {
    const abc = new TextEncoder().encode('abc');
    const vector = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(await nodeHashBytes(abc)).toBe(vector);
    expect(await browserHashBytes(abc)).toBe(vector);
    const big = new Uint8Array(randomBytes(2 * 1024 * 1024));
    const expected = sha256Hex(big);
    expect(await nodeHashBytes(big)).toBe(expected);
    expect(await browserHashBytes(big)).toBe(expected);
    // A view into a larger buffer hashes only its own bytes.
    const view = big.subarray(10, 1000);
    expect(await browserHashBytes(view)).toBe(sha256Hex(view.slice()));
    expect(await nodeHashBytes(view)).toBe(sha256Hex(view.slice()));
  });
});

describe('the editor hashes in a worker', () => {
  /** A stand-in Worker that digests like hash-worker.ts does, asynchronously. */
  class DigestWorker {
    onmessage: ((event: MessageEvent) => void) | null = null;
    onerror: ((event: ErrorEvent) => void) | null = null;
    posted: Array<{ bytes: Uint8Array; transfer: unknown[] }> = [];
    postMessage(message: { id: number; bytes: Uint8Array }, transfer: unknown[] = []) {
      this.posted.push({ bytes: message.bytes, transfer });
      setTimeout(() => {
        this.onmessage?.({ data: { id: message.id, hash: sha256Hex(message.bytes) } } as MessageEvent);
      }, 1);
    }
    terminate() {}
  }

  it("sends a transferred copy to the worker, keeps the caller's bytes, and returns the digest", async () => {
    const { createWorkerHashBytes } = await import('../../../src/editor/run/browser-hash-bytes');
    const worker = new DigestWorker();
    const hashBytes = createWorkerHashBytes(() => worker as unknown as Worker);
    const bytes = new Uint8Array(randomBytes(4096));
    const [first, second] = await Promise.all([hashBytes(bytes), hashBytes(bytes.subarray(0, 10))]);
    expect(first).toBe(sha256Hex(bytes));
    expect(second).toBe(sha256Hex(bytes.slice(0, 10)));
    expect(bytes.byteLength).toBe(4096);
    expect(worker.posted[0]?.bytes).not.toBe(bytes);
    expect(worker.posted[0]?.transfer).toEqual([worker.posted[0]?.bytes.buffer]);
  });

  it('a worker that fails: what waits and what follows is hashed on the page, with the same digest', async () => {
    const { createWorkerHashBytes } = await import('../../../src/editor/run/browser-hash-bytes');
    const worker = new DigestWorker();
    worker.postMessage = function fail() {
      setTimeout(() => this.onerror?.({ message: 'boom' } as ErrorEvent), 1);
    };
    const hashBytes = createWorkerHashBytes(() => worker as unknown as Worker);
    const bytes = new Uint8Array(randomBytes(100));
    expect(await hashBytes(bytes)).toBe(sha256Hex(bytes));
    expect(await hashBytes(bytes)).toBe(sha256Hex(bytes));
  });
});
