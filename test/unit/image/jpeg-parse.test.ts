import { describe, expect, it } from 'vitest';
import { parseJpegSegments } from '../../../src/engine/image/jpeg-parse';
import { expectErr, unwrap } from './helpers';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const corrupt = (r: ReturnType<typeof parseJpegSegments>): string => expectErr(r, 'corrupt_image');

describe('parseJpegSegments', () => {
  it('needs SOI and at least four bytes', () => {
    const msg = 'The JPEG file is corrupt: missing start-of-image marker.';
    expect(corrupt(parseJpegSegments(bytes(0xff, 0xd8, 0xff)))).toBe(msg);
    expect(corrupt(parseJpegSegments(bytes(0x00, 0xd8, 0xff, 0xd9)))).toBe(msg);
    expect(corrupt(parseJpegSegments(bytes(0xff, 0x00, 0xff, 0xd9)))).toBe(msg);
    expect(unwrap(parseJpegSegments(bytes(0xff, 0xd8, 0xff, 0xd9)))).toEqual({ segments: [], bodyStart: 2 });
  });

  it('stops at SOS or EOI, giving where the body starts', () => {
    const app0 = [0xff, 0xe0, 0x00, 0x04, 0xaa, 0xbb];
    for (const end of [0xda, 0xd9]) {
      expect(unwrap(parseJpegSegments(bytes(0xff, 0xd8, ...app0, 0xff, end, 0, 2)))).toEqual({
        segments: [{ marker: 0xe0, start: 2, dataStart: 6, end: 8 }],
        bodyStart: 8,
      });
    }
  });

  it('skips fill bytes before a marker; the segment starts at the first fill byte', () => {
    expect(unwrap(parseJpegSegments(bytes(0xff, 0xd8, 0xff, 0xff, 0xff, 0xe0, 0, 2, 0xff, 0xda)))).toEqual({
      segments: [{ marker: 0xe0, start: 2, dataStart: 8, end: 8 }],
      bodyStart: 8,
    });
  });

  it('records standalone markers (TEM, RST0-RST7) without a length field', () => {
    const r = unwrap(parseJpegSegments(bytes(0xff, 0xd8, 0xff, 0x01, 0xff, 0xd0, 0xff, 0xd7, 0xff, 0xda)));
    expect(r).toEqual({
      segments: [
        { marker: 0x01, start: 2, dataStart: 4, end: 4 },
        { marker: 0xd0, start: 4, dataStart: 6, end: 6 },
        { marker: 0xd7, start: 6, dataStart: 8, end: 8 },
      ],
      bodyStart: 8,
    });
  });

  it('rejects a missing marker, a stray SOI or 0x00 marker, and trailing fill bytes', () => {
    expect(corrupt(parseJpegSegments(bytes(0xff, 0xd8, 0x00, 0xe0, 0, 2)))).toBe(
      'The JPEG file is corrupt: expected a marker at byte 2.',
    );
    expect(corrupt(parseJpegSegments(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 2, 0x12)))).toBe(
      'The JPEG file is corrupt: expected a marker at byte 6.',
    );
    expect(corrupt(parseJpegSegments(bytes(0xff, 0xd8, 0xff, 0xff, 0x00, 0, 2)))).toBe(
      'The JPEG file is corrupt: unexpected marker 0x0 at byte 4.',
    );
    expect(corrupt(parseJpegSegments(bytes(0xff, 0xd8, 0xff, 0xd8, 0, 2)))).toBe(
      'The JPEG file is corrupt: unexpected marker 0xd8 at byte 3.',
    );
    expect(corrupt(parseJpegSegments(bytes(0xff, 0xd8, 0xff, 0xff)))).toBe(
      'The JPEG file is corrupt: truncated before the image data.',
    );
  });

  it('checks segment lengths against the file', () => {
    expect(corrupt(parseJpegSegments(bytes(0xff, 0xd8, 0xff, 0xe0, 0)))).toBe(
      'The JPEG file is corrupt: truncated inside a segment header.',
    );
    expect(corrupt(parseJpegSegments(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 1)))).toBe(
      'The JPEG file is corrupt: invalid segment length 1 at byte 4.',
    );
    expect(corrupt(parseJpegSegments(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 5, 1, 2)))).toBe(
      'The JPEG file is corrupt: the segment at byte 2 is truncated.',
    );
    // A segment that ends exactly at the end of the file is whole; what follows is missing.
    expect(corrupt(parseJpegSegments(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 4, 1, 2)))).toBe(
      'The JPEG file is corrupt: expected a marker at byte 8.',
    );
  });

  it('accepts exactly maxSegments header segments and refuses one more', () => {
    const file = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 2, 0xff, 0xe1, 0, 2, 0xff, 0xda);
    expect(corrupt(parseJpegSegments(file, 1))).toBe(
      'The JPEG file is corrupt: more than 1 header segments.',
    );
    expect(unwrap(parseJpegSegments(file, 2)).segments.map((s) => s.marker)).toEqual([0xe0, 0xe1]);
  });
});
