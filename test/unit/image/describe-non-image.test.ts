import { describe, expect, it } from 'vitest';
import { describeNonImage } from '../../../src/engine/image/describe-non-image';

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('describeNonImage: binary formats', () => {
  it('names GIF (both versions)', () => {
    expect(describeNonImage(latin1('GIF87a\x01\x00'))).toBe('a GIF image');
    expect(describeNonImage(latin1('GIF89a\x01\x00'))).toBe('a GIF image');
  });

  it('names a BMP only from 14 bytes on (its file header); 13 bytes of "BM..." is just text', () => {
    expect(describeNonImage(latin1(`BM${'x'.repeat(12)}`))).toBe('a BMP image');
    expect(describeNonImage(latin1(`BM${'x'.repeat(11)}`))).toBe('plain text');
  });

  it('names PDF, both TIFF byte orders and ZIP', () => {
    expect(describeNonImage(latin1('%PDF-1.7\n'))).toBe('a PDF document');
    expect(describeNonImage(latin1('II*\0\x08\0\0\0'))).toBe('a TIFF image');
    expect(describeNonImage(latin1('MM\0*\0\0\0\x08'))).toBe('a TIFF image');
    expect(describeNonImage(latin1('PK\x03\x04\x14\0'))).toBe('a ZIP archive');
  });

  it('tells AVIF, HEIC/HEIF and other ISO media files apart by their ftyp brand', () => {
    const ftyp = (brand: string): Uint8Array => latin1(`\0\0\0\x20ftyp${brand}\0\0\0\0`);
    expect(describeNonImage(ftyp('avif'))).toBe('an AVIF image');
    expect(describeNonImage(ftyp('avis'))).toBe('an AVIF image');
    expect(describeNonImage(ftyp('heic'))).toBe('a HEIC/HEIF image');
    expect(describeNonImage(ftyp('heix'))).toBe('a HEIC/HEIF image');
    expect(describeNonImage(ftyp('mif1'))).toBe('a HEIC/HEIF image');
    expect(describeNonImage(ftyp('isom'))).toBe('an MP4/QuickTime-style media file');
  });

  it('names a RIFF container that is not WebP', () => {
    expect(describeNonImage(latin1('RIFF\x10\0\0\0AVI LIST'))).toBe('a RIFF file that is not a WebP image');
  });
});

describe('describeNonImage: text', () => {
  it('returns null for nothing at all and for anything with a NUL byte', () => {
    expect(describeNonImage(new Uint8Array(0))).toBeNull();
    expect(describeNonImage(latin1('hello\0world'))).toBeNull();
    // A single NUL in otherwise clean text: well under the 5% of odd bytes allowed, still binary.
    expect(describeNonImage(latin1(`${'a'.repeat(40)}\0`))).toBeNull();
  });

  it('counts tab, LF and CR as printable', () => {
    expect(describeNonImage(latin1('\t\t\t\tx'))).toBe('plain text');
    expect(describeNonImage(latin1('\n\n\n\nx'))).toBe('plain text');
    expect(describeNonImage(latin1('\r\r\r\rx'))).toBe('plain text');
  });

  it('accepts up to 5% other control bytes, not more', () => {
    // 20 bytes: one control byte leaves exactly 95% printable, two leave 90%.
    expect(describeNonImage(latin1(`\x01${'a'.repeat(19)}`))).toBe('plain text');
    expect(describeNonImage(latin1(`\x01\x02${'a'.repeat(18)}`))).toBeNull();
  });

  it('reads invalid UTF-8 leniently instead of giving up', () => {
    expect(describeNonImage(latin1('hello \xff\xfe world'))).toBe('plain text');
  });

  it('looks only at the first 1024 bytes', () => {
    // Binary junk after the first KB does not stop the text from being recognised.
    const bytes = new Uint8Array(2048).fill(0x61);
    bytes.fill(0, 1024);
    expect(describeNonImage(bytes)).toBe('plain text');
  });

  it('skips a byte-order mark and leading whitespace', () => {
    expect(describeNonImage(utf8('\uFEFF{"a":1}'))).toBe('JSON text');
    expect(describeNonImage(utf8('  \n [1, 2]'))).toBe('JSON text');
  });

  it('names SVG, HTML and XML markup', () => {
    expect(describeNonImage(utf8('<svg xmlns="http://www.w3.org/2000/svg">'))).toBe('SVG text');
    expect(describeNonImage(utf8('<!DOCTYPE html>\n<p>hi</p>'))).toBe('HTML text');
    expect(describeNonImage(utf8('<html><p>hi</p>'))).toBe('HTML text');
    expect(describeNonImage(utf8('<p>x</p><head>'))).toBe('HTML text');
    expect(describeNonImage(utf8('<p>x</p><body\nclass="a">'))).toBe('HTML text');
    expect(describeNonImage(utf8('<?xml version="1.0"?><root/>'))).toBe('XML text');
    expect(describeNonImage(utf8('<div>x</div>'))).toBe('HTML/XML text');
    // "<htmlx" is not an html tag: the character after the name must be whitespace or ">".
    expect(describeNonImage(utf8('<htmlx>'))).toBe('HTML/XML text');
    expect(describeNonImage(utf8('<p><html'))).toBe('HTML/XML text');
  });

  it('names JSON by its first character, either bracket', () => {
    expect(describeNonImage(utf8('{"a": [1]}'))).toBe('JSON text');
    expect(describeNonImage(utf8('[1, 2]'))).toBe('JSON text');
    expect(describeNonImage(utf8('a {'))).toBe('plain text');
    expect(describeNonImage(utf8('a ['))).toBe('plain text');
  });

  it('recognises a data: URL pasted as a file', () => {
    expect(describeNonImage(utf8('data:image/png;base64,iVBORw0KGgo='))).toBe(
      'a data: URL (text), not the decoded image bytes',
    );
    expect(describeNonImage(utf8('see data:image/png'))).toBe('plain text');
  });
});
