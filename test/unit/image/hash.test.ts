import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256HexAsync, sha256HexOfString } from '../../../src/engine/image/hash';

const nodeSha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

describe('sha256', () => {
  it('matches known vectors', () => {
    expect(sha256Hex(new Uint8Array(0))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(sha256HexOfString('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexOfString('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256HexOfString('héllo 🌍')).toBe(nodeSha('héllo 🌍'));
  });

  it('matches node:crypto at every padding boundary', () => {
    for (let n = 0; n <= 200; n++) {
      const b = new Uint8Array(n).map((_, i) => (i * 7 + n) & 0xff);
      expect(sha256Hex(b)).toBe(nodeSha(b));
    }
  });

  it('matches node:crypto on arbitrary input and subarray views', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.nat(20), (bytes, skip) => {
        const view = bytes.subarray(Math.min(skip, bytes.length));
        expect(sha256Hex(view)).toBe(nodeSha(view));
      }),
      { numRuns: 200 },
    );
  });

  it('hashes 1 MB and 16 MB inputs like node:crypto', () => {
    const b = new Uint8Array(1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
    expect(sha256Hex(b)).toBe(nodeSha(b));
    const big = new Uint8Array(16 * 1024 * 1024);
    expect(sha256Hex(big)).toBe(nodeSha(big));
  });
});

describe('sha256 (library and platform) keeps the digests existing caches were keyed with', () => {
  // Digests written by the hand-written implementation this replaced (same bytes, same hex).
  const KNOWN: Array<[string, string]> = [
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    ['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  ];

  it('the synchronous hash gives the known vectors', () => {
    for (const [text, hex] of KNOWN) expect(sha256HexOfString(text)).toBe(hex);
  });

  it('the platform hash (crypto.subtle) gives the same digests, also for views into larger buffers', async () => {
    for (const [text, hex] of KNOWN) expect(await sha256HexAsync(new TextEncoder().encode(text))).toBe(hex);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.nat(10), async (bytes, skip) => {
        const view = bytes.subarray(Math.min(skip, bytes.length));
        expect(await sha256HexAsync(view)).toBe(sha256Hex(view));
        expect(sha256Hex(view)).toBe(nodeSha(view));
      }),
      { numRuns: 100 },
    );
  });
});
