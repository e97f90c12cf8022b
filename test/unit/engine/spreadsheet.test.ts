import { describe, expect, it } from 'vitest';
import { decodeSpreadsheet } from '../../../src/engine/spreadsheet/decode';
import {
  DELIMITER_NAMES,
  detectDelimiter,
  parseCsv,
  parseSpreadsheet,
} from '../../../src/engine/spreadsheet/parse';

const utf16 = (text: string, endian: 'le' | 'be'): Uint8Array => {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const [a, b] = endian === 'le' ? [code & 0xff, code >> 8] : [code >> 8, code & 0xff];
    out[2 + i * 2] = a;
    out[3 + i * 2] = b;
  }
  return out;
};

describe('spreadsheet text: delimiters', () => {
  it('a semicolon file (Excel in European locales) gives its columns, commas inside cells kept', () => {
    const table = parseSpreadsheet(
      'subject;scene\r\na fox;at dawn, golden\r\n"a ""wise"" owl";"night; rain"\r\n',
    );
    expect(table.delimiter).toBe(';');
    expect(table.rows).toEqual([
      ['subject', 'scene'],
      ['a fox', 'at dawn, golden'],
      ['a "wise" owl', 'night; rain'],
    ]);
  });

  it('a tab-separated paste from a spreadsheet gives its columns', () => {
    const table = parseSpreadsheet('subject\tscene\na fox, red\tat dawn\na heron\t\n');
    expect(table.delimiter).toBe('\t');
    expect(table.rows).toEqual([
      ['subject', 'scene'],
      ['a fox, red', 'at dawn'],
      ['a heron', ''],
    ]);
  });

  it('a comma file still reads as RFC 4180 (quotes, newlines in quotes, BOM, blank lines)', () => {
    const table = parseSpreadsheet('\ufeffsubject,scene\n"a fox, red","two\nlines"\n\n  \nmoth,x\n');
    expect(table.rows).toEqual([
      ['subject', 'scene'],
      ['a fox, red', 'two\nlines'],
      ['moth', 'x'],
    ]);
  });

  it('the header decides: a single column is comma (one cell per row)', () => {
    expect(detectDelimiter('subject\na;b\tc')).toBe(',');
    expect(detectDelimiter('a\tb;c\tc')).toBe('\t');
  });

  it('a header without a line break is read to its last character', () => {
    // A trailing delimiter (an empty last column) is the only one in the header.
    expect(detectDelimiter('subject;')).toBe(';');
    expect(detectDelimiter('subject\t')).toBe('\t');
    expect(detectDelimiter('a;b\r\nc,d,e')).toBe(';');
    expect(detectDelimiter('a\nb;c')).toBe(',');
  });

  it('names each delimiter for messages', () => {
    expect(DELIMITER_NAMES).toEqual({ ',': 'comma', ';': 'semicolon', '\t': 'tab' });
  });

  it('parseCsv gives the rows of parseSpreadsheet', () => {
    expect(parseCsv('subject;scene\na fox;dawn\n')).toEqual([
      ['subject', 'scene'],
      ['a fox', 'dawn'],
    ]);
  });
});

describe('spreadsheet bytes: encodings', () => {
  const text = 'subject;scene\nCrème brûlée;€5 café\n';

  it('UTF-16 LE and BE with a BOM (Excel "Unicode text") decode to the same text', () => {
    for (const endian of ['le', 'be'] as const) {
      const decoded = decodeSpreadsheet(utf16(text, endian));
      expect(decoded).toMatchObject({ ok: true, text, encoding: `utf-16${endian}` });
    }
  });

  it('Windows-1252 (Excel "CSV" in Western locales) is converted, with a note saying so', () => {
    // "Crème brûlée;€5 café" in Windows-1252: è=E8 û=FB é=E9 €=80.
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('subject;scene\nCr'),
      0xe8,
      ...new TextEncoder().encode('me br'),
      0xfb,
      ...new TextEncoder().encode('l'),
      0xe9,
      ...new TextEncoder().encode('e;'),
      0x80,
      ...new TextEncoder().encode('5 caf'),
      0xe9,
      0x0a,
    ]);
    const decoded = decodeSpreadsheet(bytes);
    expect(decoded).toMatchObject({ ok: true, text, encoding: 'windows-1252' });
    expect(decoded.ok && decoded.note).toMatch(/not UTF-8; it was read as Windows-1252/);
  });

  it('UTF-8 with or without a BOM is read as is; UTF-16 without a BOM is refused by name', () => {
    const utf8 = new TextEncoder().encode(text);
    expect(decodeSpreadsheet(utf8)).toMatchObject({ ok: true, text, encoding: 'utf-8' });
    expect(decodeSpreadsheet(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toMatchObject({ ok: true, text });
    const noBom = utf16(text, 'le').subarray(2);
    expect(decodeSpreadsheet(noBom)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/UTF-16.*byte-order mark/),
    });
  });
});
