import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../../src/engine/image/bytes';
import { isITxtWithKeyword, type PngChunk, parsePngChunks } from '../../../src/engine/image/png-parse';
import { makePngHeaderOnly, pngChunk } from '../../../src/engine/image/test-images';
import { expectErr, unwrap } from './helpers';

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const corrupt = (r: ReturnType<typeof parsePngChunks>): string => expectErr(r, 'corrupt_image');
const empty = new Uint8Array(0);

/** Signature and IHDR of a 1x1 PNG (33 bytes), then `chunks`. */
function png(...chunks: Uint8Array[]): Uint8Array {
  return concatBytes([makePngHeaderOnly(1, 1).subarray(0, 33), ...chunks]);
}
const IEND = (): Uint8Array => pngChunk('IEND', empty);

describe('parsePngChunks', () => {
  it('lists the chunks with their offsets and CRC state, and where the trailer starts', () => {
    const bad = pngChunk('tEXt', latin1('a\0b'));
    bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1;
    const layout = unwrap(parsePngChunks(png(bad, IEND(), latin1('tail'))));
    expect(layout).toEqual({
      chunks: [
        { type: 'IHDR', start: 8, dataStart: 16, dataEnd: 29, end: 33, crcOk: true },
        { type: 'tEXt', start: 33, dataStart: 41, dataEnd: 44, end: 48, crcOk: false },
        { type: 'IEND', start: 48, dataStart: 56, dataEnd: 56, end: 60, crcOk: true },
      ],
      trailerStart: 60,
    });
  });

  it('accepts chunk type letters A-Z and a-z, nothing around them, in all four places', () => {
    expect(unwrap(parsePngChunks(png(pngChunk('AZaz', empty), IEND()))).chunks[1]?.type).toBe('AZaz');
    for (const type of ['@bcd', 'a[cd', 'ab`d', 'abc{']) {
      expect(corrupt(parsePngChunks(png(pngChunk(type, empty), IEND())))).toBe(
        'The PNG file is corrupt: invalid chunk type at byte 37.',
      );
    }
  });

  it('needs the whole signature', () => {
    const msg = 'The PNG file is corrupt: missing or truncated PNG signature.';
    expect(corrupt(parsePngChunks(png().subarray(0, 7)))).toBe(msg);
    const wrong = png(IEND());
    wrong[1] = 0x51;
    expect(corrupt(parsePngChunks(wrong))).toBe(msg);
    expect(corrupt(parsePngChunks(png().subarray(0, 8)))).toBe(
      'The PNG file is corrupt: truncated at byte 8 (no IEND chunk).',
    );
  });

  it('needs IHDR first and IEND at the end', () => {
    expect(corrupt(parsePngChunks(png(IEND()).subarray(0, 44)))).toBe(
      'The PNG file is corrupt: truncated at byte 33 (no IEND chunk).',
    );
    const noIhdr = concatBytes([png().subarray(0, 8), pngChunk('tEXt', latin1('a\0b')), IEND()]);
    expect(corrupt(parsePngChunks(noIhdr))).toBe('The PNG file is corrupt: the first chunk is not IHDR.');
  });

  it('checks each chunk length against the file and the 2^31-1 limit', () => {
    // Long enough for a chunk header and CRC-sized tail, one byte short of the whole chunk.
    const truncated = png(pngChunk('tEXt', latin1('abcdef')), IEND()).subarray(0, 33 + 18 - 1);
    expect(corrupt(parsePngChunks(truncated))).toBe(
      'The PNG file is corrupt: the tEXt chunk at byte 33 is truncated.',
    );
    const huge = png(IEND());
    new DataView(huge.buffer).setUint32(8, 0x80000000);
    expect(corrupt(parsePngChunks(huge))).toBe('The PNG file is corrupt: invalid chunk length at byte 8.');
    new DataView(huge.buffer).setUint32(8, 0x7fffffff);
    expect(corrupt(parsePngChunks(huge))).toBe(
      'The PNG file is corrupt: the IHDR chunk at byte 8 is truncated.',
    );
  });

  it('enforces maxChunks (IEND included) and maxBytes exactly', () => {
    const file = png(pngChunk('tEXt', latin1('a\0b')), IEND());
    expect(unwrap(parsePngChunks(file, { maxChunks: 3 })).chunks).toHaveLength(3);
    expect(corrupt(parsePngChunks(file, { maxChunks: 2 }))).toBe(
      'The PNG file is corrupt: more than 2 chunks.',
    );
    expect(unwrap(parsePngChunks(file, { maxBytes: file.length })).trailerStart).toBe(file.length);
    expect(expectErr(parsePngChunks(file, { maxBytes: file.length - 1 }), 'image_too_large')).toBe(
      `The PNG file exceeds ${file.length - 1} bytes.`,
    );
  });

  it('keeps the default limits for a limit not given', () => {
    const file = png(pngChunk('tEXt', latin1('a\0b')), IEND());
    expect(corrupt(parsePngChunks(file, { maxBytes: 1000, maxChunks: 1 }))).toBe(
      'The PNG file is corrupt: more than 1 chunks.',
    );
    expect(unwrap(parsePngChunks(file, { maxBytes: 1000 })).chunks).toHaveLength(3);
  });
});

describe('isITxtWithKeyword', () => {
  const chunk = (type: string, dataStart: number, dataEnd: number): PngChunk => ({
    type,
    start: dataStart - 8,
    dataStart,
    dataEnd,
    end: dataEnd + 4,
    crcOk: true,
  });

  it('matches an iTXt chunk whose keyword is followed by NUL', () => {
    const b = latin1('xxPeel\0rest');
    expect(isITxtWithKeyword(b, chunk('iTXt', 2, 11), 'Peel')).toBe(true);
    expect(isITxtWithKeyword(b, chunk('tEXt', 2, 11), 'Peel')).toBe(false);
    expect(isITxtWithKeyword(b, chunk('iTXt', 2, 11), 'Pee')).toBe(false);
    expect(isITxtWithKeyword(latin1('xxPeal\0rest'), chunk('iTXt', 2, 11), 'Peel')).toBe(false);
  });

  it('needs data longer than the keyword: the NUL must be inside the chunk', () => {
    // The byte after the data (the CRC) happens to be 0: still no match.
    const b = latin1('xxPeel\0\0\0\0');
    expect(isITxtWithKeyword(b, chunk('iTXt', 2, 6), 'Peel')).toBe(false);
    expect(isITxtWithKeyword(b, chunk('iTXt', 2, 7), 'Peel')).toBe(true);
  });
});
