/** The byte-level rules behind decodeSpreadsheet and the CLI's streamed reads, one function at a time. */
import { describe, expect, it } from 'vitest';
import {
  chunkDecoder,
  decodeWindows1252,
  encodingFromBom,
  looksLikeUtf16WithoutBom,
} from '../../../src/engine/spreadsheet/decode';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('encodingFromBom', () => {
  it('reads each byte-order mark and its length', () => {
    expect(encodingFromBom(bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(encodingFromBom(bytes(0xff, 0xfe, 0x61, 0x00))).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(encodingFromBom(bytes(0xfe, 0xff, 0x00, 0x61))).toEqual({ encoding: 'utf-16be', bomLength: 2 });
  });

  it('a partial mark, or any one of its bytes alone, is no mark', () => {
    const none = { encoding: 'utf-8', bomLength: 0 };
    for (const head of [
      bytes(),
      bytes(0x61, 0x62, 0x63),
      bytes(0xef, 0xbb, 0x61),
      bytes(0xef, 0x61, 0xbf),
      bytes(0x61, 0xbb, 0xbf),
      bytes(0x61, 0x62, 0xbf),
      bytes(0xef, 0x61, 0x62),
      bytes(0x61, 0xbb, 0x62),
      bytes(0xff, 0x61),
      bytes(0x61, 0xfe),
      bytes(0xfe, 0x61),
      bytes(0x61, 0xff),
    ]) {
      expect(encodingFromBom(head), [...head].join(',')).toEqual(none);
    }
  });
});

describe('looksLikeUtf16WithoutBom', () => {
  it('plain ASCII or UTF-8 text is not UTF-16', () => {
    expect(looksLikeUtf16WithoutBom(new TextEncoder().encode('subject,scene\na fox,dawn\n'))).toBe(false);
    expect(looksLikeUtf16WithoutBom(new TextEncoder().encode('crème'))).toBe(false);
  });

  it('a quarter of NUL bytes is enough, from four bytes up', () => {
    expect(looksLikeUtf16WithoutBom(bytes(0x61, 0x00, 0x62, 0x63))).toBe(true);
    expect(looksLikeUtf16WithoutBom(bytes(0x61, 0x62, 0x63, 0x64, 0x00))).toBe(false);
    // Fewer than four bytes says nothing, however many are NUL.
    expect(looksLikeUtf16WithoutBom(bytes(0x61, 0x00, 0x00))).toBe(false);
    expect(looksLikeUtf16WithoutBom(bytes())).toBe(false);
  });
});

describe('decodeWindows1252', () => {
  it('maps 0x80-0x9F by the WHATWG table, both ends included; unassigned bytes stay C1 controls', () => {
    expect(decodeWindows1252(bytes(0x80, 0x8a, 0x93, 0x94, 0x99, 0x9f))).toBe('€Š“”™Ÿ');
    expect(decodeWindows1252(bytes(0x81, 0x8d, 0x8f, 0x90, 0x9d))).toBe('\u0081\u008d\u008f\u0090\u009d');
  });

  it('ASCII and 0xA0-0xFF are the same code points (Latin-1)', () => {
    expect(decodeWindows1252(bytes(0x41, 0x7f, 0xa0, 0xe9, 0xff))).toBe('A\u007f\u00a0éÿ');
  });

  it('decodes a file longer than one 8192-byte slice, and an empty one', () => {
    const long = new Uint8Array(8192 * 2 + 3).fill(0x80);
    expect(decodeWindows1252(long)).toBe('€'.repeat(8192 * 2 + 3));
    expect(decodeWindows1252(bytes())).toBe('');
  });
});

describe('chunkDecoder', () => {
  it('Windows-1252: each chunk on its own, the table applied, nothing left at the end', () => {
    const decode = chunkDecoder('windows-1252');
    expect(decode(bytes(0x80, 0x35))).toBe('€5');
    expect(decode(bytes(0x63, 0x61, 0x66, 0xe9))).toBe('café');
    expect(decode()).toBe('');
  });

  it('UTF-8: a character split across chunks is joined, not replaced', () => {
    // '€' is E2 82 AC in UTF-8.
    const decode = chunkDecoder('utf-8');
    expect(decode(bytes(0x35, 0xe2))).toBe('5');
    expect(decode(bytes(0x82, 0xac))).toBe('€');
    expect(decode()).toBe('');
  });

  it('UTF-8: a character cut off at the end of the file becomes one replacement character', () => {
    const decode = chunkDecoder('utf-8');
    expect(decode(bytes(0x61, 0xe2, 0x82))).toBe('a');
    expect(decode()).toBe('\ufffd');
  });

  it('UTF-16 LE: an odd chunk boundary is carried over', () => {
    const decode = chunkDecoder('utf-16le');
    expect(decode(bytes(0x61, 0x00, 0xac))).toBe('a');
    expect(decode(bytes(0x20, 0x62, 0x00))).toBe('€b');
    expect(decode()).toBe('');
  });
});
