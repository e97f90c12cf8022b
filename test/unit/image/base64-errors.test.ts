import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../src/engine/image/base64';
import { expectErr, unwrap } from './helpers';

const bad = (s: string): string => expectErr(base64ToBytes(s), 'bad_base64');

describe('base64ToBytes errors', () => {
  it('reports the first bad character, also after an "A" (value 0)', () => {
    expect(bad('AB~AAAAA')).toBe("Invalid base64: unexpected character '~' at position 2.");
    expect(bad('AAAAAB~A')).toBe("Invalid base64: unexpected character '~' at position 6.");
    expect(bad('AAAAA!~A')).toBe("Invalid base64: unexpected character '!' at position 5.");
  });

  it('quotes printable ASCII and gives other characters as U+ code units', () => {
    expect(bad('AAA ')).toBe("Invalid base64: unexpected character ' ' at position 3.");
    expect(bad('AAA\x1f')).toBe('Invalid base64: unexpected character U+001f at position 3.');
    expect(bad('AAA\x7f')).toBe('Invalid base64: unexpected character U+007f at position 3.');
  });

  it('refuses characters from U+0100 up, which the 256-entry table does not cover', () => {
    expect(bad('AAA\u0100')).toBe('Invalid base64: unexpected character U+0100 at position 3.');
    expect(bad('AA\u0100AAAAA')).toBe('Invalid base64: unexpected character U+0100 at position 2.');
  });

  it('refuses non-zero bits under the padding, with one or two pad characters', () => {
    const msg = 'Invalid base64: non-zero bits in the final padded group.';
    expect(bad('Zh==')).toBe(msg);
    expect(bad('Zm9=')).toBe(msg);
    expect(unwrap(base64ToBytes('Zg=='))).toEqual(new Uint8Array([0x66]));
    expect(unwrap(base64ToBytes('Zm8='))).toEqual(new Uint8Array([0x66, 0x6f]));
  });

  it('decodes all-zero quartets ("AAAA") as zero bytes', () => {
    expect(unwrap(base64ToBytes('AAAAAAAAAA=='))).toEqual(new Uint8Array(7));
  });

  it('round-trips every tail length', () => {
    for (const n of [0, 1, 2, 3, 4, 5]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => 250 - i * 40);
      const text = bytesToBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(unwrap(base64ToBytes(text))).toEqual(bytes);
    }
  });
});
