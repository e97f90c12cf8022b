import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../../src/engine/image/bytes';
import {
  readJpegPeelText,
  removeJpegPeelText,
  writeJpegPeelText,
} from '../../../src/engine/image/jpeg-segments';
import { jpegSegment, makeTestJpeg } from '../../../src/engine/image/test-images';
import { deflateZlib } from '../../../src/engine/image/zlib-limited';
import { expectErr, unwrap, walkJpeg } from './helpers';

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** An APP9 (or `marker`) segment: PEEL NUL, version, 16-bit index and count, then `data`. */
function peel(seq: number, count: number, data: Uint8Array, version = 1, marker = 0xe9): Uint8Array {
  const head = new Uint8Array([...latin1('PEEL\0'), version, seq >> 8, seq & 255, count >> 8, count & 255]);
  return jpegSegment(marker, concatBytes([head, data]));
}
const withSegments = (...segments: Uint8Array[]): Uint8Array => makeTestJpeg({ extraSegments: segments });
const corrupt = (file: Uint8Array): string => expectErr(readJpegPeelText(file), 'corrupt_metadata');
const PREFIX = 'The Peel metadata in the JPEG file is corrupt: ';

describe('readJpegPeelText: segment checks', () => {
  it('reads only APP9 segments as Peel metadata', () => {
    expect(unwrap(readJpegPeelText(withSegments(peel(0, 1, deflateZlib(utf8('x')), 1, 0xe8))))).toBeNull();
    expect(unwrap(readJpegPeelText(withSegments(peel(0, 1, deflateZlib(utf8('x'))))))).toBe('x');
  });

  it('joins segments in index order; an empty last segment is fine', () => {
    const z = deflateZlib(utf8('hello world'));
    const file = withSegments(
      peel(1, 3, z.subarray(4)),
      peel(0, 3, z.subarray(0, 4)),
      peel(2, 3, new Uint8Array(0)),
    );
    expect(unwrap(readJpegPeelText(file))).toBe('hello world');
  });

  it('needs the whole 10-byte header in every segment', () => {
    const short = jpegSegment(0xe9, new Uint8Array([...latin1('PEEL\0'), 1, 0, 0, 0]));
    expect(corrupt(withSegments(short))).toBe(`${PREFIX}a segment header is truncated.`);
  });

  it('checks the version, the count and the index', () => {
    const z = deflateZlib(utf8('x'));
    expect(corrupt(withSegments(peel(0, 1, z, 2)))).toBe(`${PREFIX}unsupported format version 2.`);
    expect(corrupt(withSegments(peel(0, 0, z)))).toBe(`${PREFIX}inconsistent segment counts.`);
    expect(corrupt(withSegments(peel(0, 2, z), peel(1, 3, z)))).toBe(`${PREFIX}inconsistent segment counts.`);
    expect(corrupt(withSegments(peel(1, 1, z)))).toBe(`${PREFIX}segment index 1 is out of range (count 1).`);
    expect(corrupt(withSegments(peel(0, 2, z)))).toBe(`${PREFIX}segment 2 of 2 is missing.`);
    expect(
      expectErr(readJpegPeelText(withSegments(peel(1, 2, z), peel(1, 2, z))), 'duplicate_metadata'),
    ).toBe('The JPEG file contains Peel metadata segment 2 of 2 twice.');
  });

  it('caps the compressed size at maxTextBytes + 1% + 1024', () => {
    // maxTextBytes 100: at most 100 + 1 + 1024 = 1125 compressed bytes.
    const junk = (n: number): Uint8Array => new Uint8Array(n).fill(0xab);
    expect(
      expectErr(
        readJpegPeelText(withSegments(peel(0, 1, junk(1126))), { maxTextBytes: 100 }),
        'metadata_too_large',
      ),
    ).toBe('The Peel metadata in the JPEG file is larger than 1125 bytes.');
    // 1125 bytes pass the size check and fail only later, as a zlib stream.
    expect(
      expectErr(
        readJpegPeelText(withSegments(peel(0, 1, junk(1125))), { maxTextBytes: 100 }),
        'corrupt_metadata',
      ),
    ).toMatch(/^The embedded metadata could not be decompressed: /);
  });

  it('keeps a leading BOM and refuses text that is not UTF-8', () => {
    const bom = unwrap(writeJpegPeelText(makeTestJpeg(), '\uFEFFhi'));
    expect(unwrap(readJpegPeelText(bom))).toBe('\uFEFFhi');
    expect(corrupt(withSegments(peel(0, 1, deflateZlib(new Uint8Array([0x68, 0xff])))))).toBe(
      `${PREFIX}the text is not valid UTF-8.`,
    );
  });
});

describe('writeJpegPeelText / removeJpegPeelText', () => {
  it('limits the text to maxTextBytes, inclusive', () => {
    expect(
      unwrap(readJpegPeelText(unwrap(writeJpegPeelText(makeTestJpeg(), 'abcd', { maxTextBytes: 4 })))),
    ).toBe('abcd');
    expect(
      expectErr(writeJpegPeelText(makeTestJpeg(), 'abcde', { maxTextBytes: 4 }), 'metadata_too_large'),
    ).toBe('The text to embed is 5 bytes; the limit is 4 bytes.');
  });

  it('places new metadata after APP0/APP1, looking past old Peel segments', () => {
    const app1 = jpegSegment(0xe1, latin1('Exif\0\0'));
    const file = withSegments(peel(0, 1, deflateZlib(utf8('old'))), app1);
    const out = unwrap(writeJpegPeelText(file, 'new'));
    expect(
      walkJpeg(out)
        .map((s) => s.marker)
        .slice(0, 4),
    ).toEqual([0xe0, 0xe1, 0xe9, 0xdb]);
    expect(unwrap(readJpegPeelText(out))).toBe('new');
  });

  it('refuses files that are not JPEG', () => {
    const png = latin1('\x89PNG\r\n\x1a\n');
    expect(expectErr(removeJpegPeelText(png), 'corrupt_image')).toBe(
      'The JPEG file is corrupt: missing start-of-image marker.',
    );
    expect(expectErr(writeJpegPeelText(png, 'x'), 'corrupt_image')).toBe(
      'The JPEG file is corrupt: missing start-of-image marker.',
    );
  });
});
