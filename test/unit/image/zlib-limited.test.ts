import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { adler32, deflateZlib, inflateZlibLimited } from '../../../src/engine/image/zlib-limited';
import { expectErr, randomText, sameBytes, unwrap } from './helpers';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('inflateZlibLimited', () => {
  it('round-trips deflateZlib output, across many input slices', () => {
    const text = utf8(randomText(50_000, 3));
    const compressed = deflateZlib(text);
    expect(compressed.length).toBeGreaterThan(3 * 1024);
    expect(sameBytes(unwrap(inflateZlibLimited(compressed, text.length)), text)).toBe(true);
  });

  it('handles input whose length is a whole number of 1 KB slices', () => {
    // Stored (level 0) streams: 2-byte header, one 5-byte block header, the data, 4-byte trailer.
    for (const size of [1024, 2048]) {
      const data = utf8(randomText(size - 11, size));
      const compressed = zlibSync(data, { level: 0 });
      expect(compressed.length).toBe(size);
      expect(sameBytes(unwrap(inflateZlibLimited(compressed, data.length)), data)).toBe(true);
    }
  });

  it('allows exactly maxBytes of output and not one more', () => {
    const compressed = deflateZlib(new Uint8Array(5000).fill(7));
    expect(unwrap(inflateZlibLimited(compressed, 5000))).toEqual(new Uint8Array(5000).fill(7));
    expect(expectErr(inflateZlibLimited(compressed, 4999), 'metadata_too_large')).toBe(
      'The embedded metadata expands to more than 4999 bytes when decompressed.',
    );
  });

  it('calls an empty stream truncated, naming what was being read', () => {
    expect(expectErr(inflateZlibLimited(new Uint8Array(0), 10), 'corrupt_metadata')).toBe(
      'The embedded metadata is truncated (incomplete zlib stream).',
    );
    expect(expectErr(inflateZlibLimited(new Uint8Array(0), 10, 'workflow'), 'corrupt_metadata')).toBe(
      'The embedded workflow is truncated (incomplete zlib stream).',
    );
  });

  it('reports malformed and cut-off streams as not decompressable', () => {
    const garbage = new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect(expectErr(inflateZlibLimited(garbage, 100), 'corrupt_metadata')).toMatch(
      /^The embedded metadata could not be decompressed: Error: \S/,
    );
    const cut = deflateZlib(utf8(randomText(5000, 9))).subarray(0, 2000);
    expect(expectErr(inflateZlibLimited(cut, 100_000, 'workflow'), 'corrupt_metadata')).toMatch(
      /^The embedded workflow could not be decompressed: Error: \S/,
    );
    expect(expectErr(inflateZlibLimited(new Uint8Array([0x78, 0x9c, 3]), 100), 'corrupt_metadata')).toMatch(
      /^The embedded metadata could not be decompressed: /,
    );
  });

  it('checks the Adler-32 trailer', () => {
    const compressed = deflateZlib(utf8('hello hello hello'));
    compressed[compressed.length - 1] = (compressed[compressed.length - 1] as number) ^ 1;
    expect(expectErr(inflateZlibLimited(compressed, 100), 'corrupt_metadata')).toBe(
      'The embedded metadata is corrupt (zlib checksum mismatch).',
    );
    expect(expectErr(inflateZlibLimited(compressed, 100, 'workflow'), 'corrupt_metadata')).toBe(
      'The embedded workflow is corrupt (zlib checksum mismatch).',
    );
  });
});

describe('adler32', () => {
  it('matches known values, including past the 5552-byte run', () => {
    expect(adler32(new Uint8Array(0))).toBe(1);
    expect(adler32(utf8('Wikipedia'))).toBe(0x11e60398);
    // 6000 bytes of 0xff: computed with the plain definition (mod after every byte).
    let a = 1;
    let b = 0;
    for (let i = 0; i < 6000; i++) {
      a = (a + 255) % 65521;
      b = (b + a) % 65521;
    }
    expect(adler32(new Uint8Array(6000).fill(255))).toBe(((b << 16) | a) >>> 0);
  });
});
