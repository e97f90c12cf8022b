import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex, sha256HexAsync } from '../../../src/engine/image/hash';

const nodeHex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('sha256HexAsync', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('asks the platform for SHA-256 of exactly the given view', async () => {
    const spy = vi.spyOn(globalThis.crypto.subtle, 'digest');
    const whole = Uint8Array.from({ length: 40 }, (_, i) => i);
    const view = whole.subarray(5, 30);
    expect(await sha256HexAsync(view)).toBe(nodeHex(view));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]?.[0]).toBe('SHA-256');
  });

  it('gives lowercase hex with two digits per byte', async () => {
    // SHA-256("abc") has bytes below 0x10 (…0x15, 0xad) and above 0x9f.
    expect(await sha256HexAsync(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('falls back to the built-in hash without crypto.subtle', async () => {
    vi.stubGlobal('crypto', undefined);
    const bytes = new TextEncoder().encode('no platform here');
    expect(await sha256HexAsync(bytes)).toBe(nodeHex(bytes));
  });

  it('falls back to the built-in hash when the platform refuses the buffer', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(64)).fill(7);
    expect(await sha256HexAsync(shared)).toBe(sha256Hex(new Uint8Array(64).fill(7)));
    vi.spyOn(globalThis.crypto.subtle, 'digest').mockRejectedValue(new TypeError('refused'));
    const bytes = new TextEncoder().encode('refused');
    expect(await sha256HexAsync(bytes)).toBe(nodeHex(bytes));
  });
});
