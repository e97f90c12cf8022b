import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../../src/engine/image/bytes';
import { decodeITxtData, validatePngKeyword } from '../../../src/engine/image/png-itxt';
import { expectErr, unwrap } from './helpers';

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('validatePngKeyword', () => {
  const bad = (keyword: string): string => expectErr(validatePngKeyword(keyword), 'invalid_keyword');

  it('accepts 1 to 79 characters', () => {
    expect(unwrap(validatePngKeyword('a'))).toBe('a');
    expect(unwrap(validatePngKeyword('k'.repeat(79)))).toBe('k'.repeat(79));
    expect(bad('')).toBe('Invalid PNG text keyword "": it must be 1-79 characters long.');
    expect(bad('k'.repeat(80))).toBe(
      `Invalid PNG text keyword "${'k'.repeat(80)}": it must be 1-79 characters long.`,
    );
  });

  it('accepts Latin-1 printable characters 32-126 and 161-255 only, anywhere in the keyword', () => {
    expect(unwrap(validatePngKeyword('a b~!'))).toBe('a b~!');
    expect(unwrap(validatePngKeyword('x\u00a1\u00ff'))).toBe('x\u00a1\u00ff');
    for (const keyword of ['ab\x1f', 'ab\x7f', 'ab\u00a0', 'ab\u0100', '\x01ab']) {
      expect(bad(keyword)).toBe(
        `Invalid PNG text keyword "${keyword}": it contains a non-printable character.`,
      );
    }
  });

  it('refuses leading, trailing and doubled spaces', () => {
    for (const keyword of [' ab', 'ab ', 'a  b']) {
      expect(bad(keyword)).toBe(
        `Invalid PNG text keyword "${keyword}": leading, trailing or consecutive spaces are not allowed.`,
      );
    }
  });
});

describe('decodeITxtData', () => {
  /** keyword NUL flag method language NUL translated NUL text */
  const itxt = (flag: number, method: number, text: Uint8Array, keyword = 'k'): Uint8Array =>
    concatBytes([latin1(`${keyword}\0`), new Uint8Array([flag, method]), latin1('en\0Key\0'), text]);
  const corrupt = (data: Uint8Array, max = 1000): string =>
    expectErr(decodeITxtData(data, max), 'corrupt_metadata');

  it('reads uncompressed and compressed text, keeping a leading BOM', () => {
    expect(unwrap(decodeITxtData(itxt(0, 0, utf8('\uFEFFhi ü')), 100))).toBe('\uFEFFhi ü');
    expect(unwrap(decodeITxtData(itxt(1, 0, zlibSync(utf8('hello'))), 100))).toBe('hello');
  });

  it('needs a keyword of at least one byte', () => {
    expect(corrupt(latin1('\0\0\0\0\0'))).toBe('The embedded metadata is corrupt: missing iTXt keyword.');
    expect(corrupt(latin1('keyword'))).toBe('The embedded metadata is corrupt: missing iTXt keyword.');
  });

  it('needs the flag, method, language and translated keyword', () => {
    const msg = 'The embedded metadata is corrupt: truncated iTXt header.';
    expect(corrupt(latin1('k\0'))).toBe(msg);
    expect(corrupt(latin1('k\0\0'))).toBe(msg);
    // Language without its NUL.
    expect(corrupt(latin1('k\0\0\0en'))).toBe(msg);
    // Translated keyword without its NUL.
    expect(corrupt(latin1('k\0\0\0en\0Key'))).toBe(msg);
    expect(unwrap(decodeITxtData(latin1('k\0\0\0\0\0'), 10))).toBe('');
  });

  it('caps uncompressed text at maxTextBytes, inclusive', () => {
    expect(unwrap(decodeITxtData(itxt(0, 0, latin1('abcd')), 4))).toBe('abcd');
    expect(expectErr(decodeITxtData(itxt(0, 0, latin1('abcd')), 3), 'metadata_too_large')).toBe(
      'The embedded metadata is larger than 3 bytes.',
    );
  });

  it('refuses an unknown compression method or flag', () => {
    expect(corrupt(itxt(1, 8, zlibSync(utf8('x'))))).toBe(
      'The embedded metadata is corrupt: unknown compression method 8.',
    );
    expect(corrupt(itxt(2, 0, zlibSync(utf8('x'))))).toBe(
      'The embedded metadata is corrupt: invalid compression flag 2.',
    );
  });

  it('refuses text that is not UTF-8', () => {
    expect(corrupt(itxt(0, 0, latin1('\xff\xfe')))).toBe(
      'The embedded metadata is corrupt: the text is not valid UTF-8.',
    );
  });
});
