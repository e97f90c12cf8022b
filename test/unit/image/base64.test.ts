import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../src/engine/image/base64';
import { expectErr, sameBytes, unwrap } from './helpers';

describe('base64', () => {
  it('matches RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      const bytes = new TextEncoder().encode(plain);
      expect(bytesToBase64(bytes)).toBe(encoded);
      expect(unwrap(base64ToBytes(encoded))).toEqual(bytes);
    }
  });

  it('round-trips arbitrary bytes and agrees with Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const encoded = bytesToBase64(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
        expect(unwrap(base64ToBytes(encoded))).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('handles large inputs without stack overflow', () => {
    const bytes = new Uint8Array(12 * 1024 * 1024 + 1);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
    const encoded = bytesToBase64(bytes);
    const decoded = unwrap(base64ToBytes(encoded));
    expect(encoded.length).toBe(Math.ceil(bytes.length / 3) * 4);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(sameBytes(decoded, bytes)).toBe(true);
  });

  it('rejects invalid characters, lengths and padding', () => {
    expect(expectErr(base64ToBytes('Zm9'), 'bad_base64')).toMatch(/multiple of 4/);
    expect(expectErr(base64ToBytes('Zm9*'), 'bad_base64')).toMatch(/'\*' at position 3/);
    expect(expectErr(base64ToBytes('Zm 9vYmFy'.slice(0, 8)), 'bad_base64')).toMatch(/' ' at position 2/);
    expectErr(base64ToBytes('Zm9v\nYmFy'.padEnd(12, '=')), 'bad_base64');
    expectErr(base64ToBytes('Zm=vYmFy'), 'bad_base64');
    expectErr(base64ToBytes('Z==='), 'bad_base64');
    expectErr(base64ToBytes('===='), 'bad_base64');
    expectErr(base64ToBytes('Zm9v-_8='), 'bad_base64'); // URL-safe alphabet
    expectErr(base64ToBytes('Zh=='), 'bad_base64'); // non-zero pad bits ('Zg==' is canonical)
    expectErr(base64ToBytes('Zm9vé==='), 'bad_base64');
    expect(expectErr(base64ToBytes('Zm9v\u{1F600}=='), 'bad_base64')).toMatch(/U\+d83d/);
  });

  it('rejects arbitrary strings containing a non-alphabet character', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 60 }),
        fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[A-Za-z0-9+/=]/.test(c)),
        fc.nat(),
        (bytes, bad, at) => {
          const encoded = bytesToBase64(bytes);
          const i = encoded.length === 0 ? 0 : at % encoded.length;
          const corrupted = encoded.slice(0, i) + bad + encoded.slice(i + 1);
          const padded = corrupted.padEnd(Math.ceil(corrupted.length / 4) * 4, 'A');
          expect(base64ToBytes(padded).ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
