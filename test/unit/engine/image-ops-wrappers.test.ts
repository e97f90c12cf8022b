import { describe, expect, it } from 'vitest';
import {
  hashingImageOps,
  type ImageOpRequest,
  type ImageOps,
  NO_IMAGE_OPS,
} from '../../../src/engine/image-ops';
import type { Result } from '../../../src/engine/result';

const request = (): ImageOpRequest => ({
  op: 'normalize',
  image: { bytes: new Uint8Array([1]), mimeType: 'image/png' },
});

/** Image ops that answer `outcome` and remember the requests they were given. */
function answering(outcome: Result<{ bytes: Uint8Array; mimeType: string }[]>) {
  const seen: Array<{ request: ImageOpRequest; signal: AbortSignal }> = [];
  const ops: ImageOps = {
    run: async (request, signal) => {
      seen.push({ request, signal });
      return outcome;
    },
  };
  return { ops, seen };
}

/** A stand-in digest: the bytes as hex, so the test can tell which bytes were hashed. */
const hexOf = async (bytes: Uint8Array) =>
  [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');

describe('hashingImageOps', () => {
  it("hashes every output image with the host's function, keeping bytes and type", async () => {
    const { ops, seen } = answering({
      ok: true,
      value: [
        { bytes: new Uint8Array([1, 2]), mimeType: 'image/png' },
        { bytes: new Uint8Array([255]), mimeType: 'image/jpeg' },
      ],
    });
    const signal = new AbortController().signal;
    const given = request();
    expect(await hashingImageOps(ops, hexOf).run(given, signal)).toEqual({
      ok: true,
      value: [
        { bytes: new Uint8Array([1, 2]), mimeType: 'image/png', hash: '0102' },
        { bytes: new Uint8Array([255]), mimeType: 'image/jpeg', hash: 'ff' },
      ],
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.request).toBe(given);
    expect(seen[0]?.signal).toBe(signal);
  });

  it('passes a failure through unchanged, hashing nothing', async () => {
    const failure = {
      ok: false as const,
      error: { code: 'image_invalid' as const, message: 'cannot decode' },
    };
    const { ops } = answering(failure);
    let hashed = 0;
    const counting = async (bytes: Uint8Array) => {
      hashed++;
      return hexOf(bytes);
    };
    expect(await hashingImageOps(ops, counting).run(request(), new AbortController().signal)).toBe(failure);
    expect(hashed).toBe(0);
  });
});

describe('NO_IMAGE_OPS', () => {
  it('fails every request with a readable internal error', async () => {
    expect(await NO_IMAGE_OPS.run(request(), new AbortController().signal)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'image tools are not available in this environment' },
    });
  });
});
