import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  MAX_DATA_PER_SEGMENT,
  readJpegPeelText,
  removeJpegPeelText,
  writeJpegPeelText,
} from '../../../src/engine/image/jpeg-segments';
import { sniffImage } from '../../../src/engine/image/sniff';
import { jpegSegment, makeTestJpeg } from '../../../src/engine/image/test-images';
import { expectErr, isPeelSegment, randomText, unwrap, walkJpeg, withoutRanges } from './helpers';

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const exif = jpegSegment(0xe1, latin1('Exif\0\0MM\0*\0\0\0\x08\0\0'));

function richJpeg(): Uint8Array {
  return makeTestJpeg({
    width: 16,
    height: 9,
    comment: 'made by a camera',
    extraSegments: [exif, jpegSegment(0xe2, latin1('ICC_PROFILE\0\x01\x01fake'))],
    trailer: latin1('TRAILER'),
  });
}

const peel = (b: Uint8Array) => walkJpeg(b).filter(isPeelSegment);

/** A hand-built Peel segment: version 1, index `seq` of `count`. */
function peelSegment(seq: number, count: number, data: Uint8Array, version = 1): Uint8Array {
  const head = latin1(`PEEL\0${String.fromCharCode(version, seq >> 8, seq & 255, count >> 8, count & 255)}`);
  const payload = new Uint8Array(head.length + data.length);
  payload.set(head);
  payload.set(data, head.length);
  return jpegSegment(0xe9, payload);
}

function withSegments(segments: Uint8Array[]): Uint8Array {
  return makeTestJpeg({ extraSegments: segments });
}

describe('JPEG Peel segments', () => {
  it('round-trips text and reports null when absent', () => {
    const text = JSON.stringify({ prompt: 'ein Hund 🐕', seed: 42 });
    const out = unwrap(writeJpegPeelText(richJpeg(), text));
    expect(unwrap(readJpegPeelText(out))).toBe(text);
    expect(unwrap(readJpegPeelText(richJpeg()))).toBeNull();
    expect(sniffImage(out)).toMatchObject({ ok: true, value: { width: 16, height: 9 } });
  });

  it('inserts after APP0/APP1 and keeps every other byte identical (including the trailer)', () => {
    const original = richJpeg();
    const out = unwrap(writeJpegPeelText(original, 'hello'));
    const markers = walkJpeg(out).map((s) => s.marker);
    expect(markers.slice(0, 4)).toEqual([0xe0, 0xe1, 0xe9, 0xe2]);
    expect(withoutRanges(out, peel(out))).toEqual(original);
  });

  it('splits large payloads (> 65 KB) across ordered segments', () => {
    const text = randomText(300_000, 7); // poorly compressible: ~250 KB compressed
    const original = richJpeg();
    const out = unwrap(writeJpegPeelText(original, text));
    const segs = peel(out);
    expect(segs.length).toBeGreaterThanOrEqual(4);
    segs.forEach((s, i) => {
      expect(s.end - s.start).toBeLessThanOrEqual(65537);
      expect([s.payload[6], s.payload[7]]).toEqual([0, i]);
      expect(s.payload[9]).toBe(segs.length);
    });
    expect(segs[0]?.payload.length).toBe(MAX_DATA_PER_SEGMENT + 10);
    expect(unwrap(readJpegPeelText(out))).toBe(text);
    expect(withoutRanges(out, segs)).toEqual(original);
  });

  it('re-embedding replaces earlier segments', () => {
    const original = richJpeg();
    const big = unwrap(writeJpegPeelText(original, randomText(200_000, 3)));
    const small = unwrap(writeJpegPeelText(big, 'small now'));
    expect(peel(small)).toHaveLength(1);
    expect(unwrap(readJpegPeelText(small))).toBe('small now');
    expect(withoutRanges(small, peel(small))).toEqual(original);
    expect(unwrap(removeJpegPeelText(small))).toEqual(original);
  });

  it('reads segments stored out of order', () => {
    const z = zlibSync(new TextEncoder().encode('out of order works'));
    const cut = 5;
    const jpeg = withSegments([peelSegment(1, 2, z.subarray(cut)), peelSegment(0, 2, z.subarray(0, cut))]);
    expect(unwrap(readJpegPeelText(jpeg))).toBe('out of order works');
  });

  it('rejects incomplete, inconsistent or duplicated sequences', () => {
    const z = zlibSync(new TextEncoder().encode('some workflow text'));
    const a = z.subarray(0, 6);
    const b = z.subarray(6);
    expect(expectErr(readJpegPeelText(withSegments([peelSegment(0, 2, a)])), 'corrupt_metadata')).toMatch(
      /segment 2 of 2 is missing/,
    );
    expectErr(
      readJpegPeelText(withSegments([peelSegment(0, 2, a), peelSegment(1, 3, b)])),
      'corrupt_metadata',
    );
    expectErr(readJpegPeelText(withSegments([peelSegment(2, 2, a)])), 'corrupt_metadata');
    expectErr(readJpegPeelText(withSegments([peelSegment(0, 1, z, 9)])), 'corrupt_metadata');
    expectErr(readJpegPeelText(withSegments([jpegSegment(0xe9, latin1('PEEL\0\x01'))])), 'corrupt_metadata');
    expectErr(
      readJpegPeelText(withSegments([peelSegment(0, 2, a), peelSegment(0, 2, a), peelSegment(1, 2, b)])),
      'duplicate_metadata',
    );
    expectErr(
      readJpegPeelText(withSegments([peelSegment(0, 1, z.subarray(0, z.length - 1))])),
      'corrupt_metadata',
    );
    // Writing repairs all of the above.
    const fixed = unwrap(writeJpegPeelText(withSegments([peelSegment(0, 2, a), peelSegment(0, 2, a)]), 'ok'));
    expect(unwrap(readJpegPeelText(fixed))).toBe('ok');
  });

  it('ignores APP9 segments of other applications', () => {
    const jpeg = withSegments([jpegSegment(0xe9, latin1('OTHER\0data'))]);
    expect(unwrap(readJpegPeelText(jpeg))).toBeNull();
    const out = unwrap(writeJpegPeelText(jpeg, 'x'));
    expect(walkJpeg(out).filter((s) => s.marker === 0xe9)).toHaveLength(2);
  });

  it('rejects malformed segment structure as corrupt_image', () => {
    const jpeg = richJpeg();
    const dqt = walkJpeg(jpeg).find((s) => s.marker === 0xdb);
    if (!dqt) throw new Error('no DQT');
    const overlong = jpeg.slice();
    overlong[dqt.start + 2] = 0xff; // segment length runs past the end of the file
    expectErr(readJpegPeelText(overlong), 'corrupt_image');
    expectErr(writeJpegPeelText(overlong, 'x'), 'corrupt_image');
    const tooShort = jpeg.slice();
    tooShort.set([0, 1], dqt.start + 2);
    expectErr(readJpegPeelText(tooShort), 'corrupt_image');
    const noMarker = jpeg.slice();
    noMarker[dqt.start] = 0x00;
    expectErr(readJpegPeelText(noMarker), 'corrupt_image');
    expectErr(readJpegPeelText(jpeg.subarray(0, dqt.start + 3)), 'corrupt_image');
  });

  it('decompression bombs yield metadata_too_large', () => {
    const bomb = zlibSync(new Uint8Array(4 * 1024 * 1024), { level: 9 });
    const jpeg = withSegments([peelSegment(0, 1, bomb)]);
    expectErr(readJpegPeelText(jpeg, { maxTextBytes: 1024 * 1024 }), 'metadata_too_large');
    expectErr(writeJpegPeelText(jpeg, 'x'.repeat(2000), { maxTextBytes: 1000 }), 'metadata_too_large');
  });

  it('tolerates fill bytes before markers', () => {
    const jpeg = richJpeg();
    const dqt = walkJpeg(jpeg).find((s) => s.marker === 0xdb);
    if (!dqt) throw new Error('no DQT');
    const filled = new Uint8Array(jpeg.length + 2);
    filled.set(jpeg.subarray(0, dqt.start));
    filled.set([0xff, 0xff], dqt.start);
    filled.set(jpeg.subarray(dqt.start), dqt.start + 2);
    const out = unwrap(writeJpegPeelText(filled, 'fill'));
    expect(unwrap(readJpegPeelText(out))).toBe('fill');
    expect(unwrap(removeJpegPeelText(out))).toEqual(filled);
  });
});
