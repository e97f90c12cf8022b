import { describe, expect, it } from 'vitest';
import { hasAscii, isPrefixOf, readU16LE, readU32LE } from '../../../src/engine/image/bytes';
import { removeWorkflowText } from '../../../src/engine/image/embedded-workflow';
import { checkImageLimits, formatByteSize, type ImageLimits } from '../../../src/engine/image/limits';
import {
  readPngTextChunk,
  removePngTextChunk,
  writePngTextChunk,
} from '../../../src/engine/image/png-chunks';
import type { ImageInfo } from '../../../src/engine/image/sniff';
import { makeTestPng, tinyWebp } from '../../../src/engine/image/test-images';
import { expectErr, unwrap, walkPng } from './helpers';

const info = (width: number, height: number): ImageInfo => ({ mimeType: 'image/png', width, height });
const limits: ImageLimits = { maxBytes: 1000, maxPixels: 600, maxSide: 30 };

describe('checkImageLimits', () => {
  it('allows exactly maxBytes', () => {
    expect(unwrap(checkImageLimits(info(1, 1), 1000, limits))).toEqual(info(1, 1));
    expect(expectErr(checkImageLimits(info(1, 1), 1001, limits), 'image_too_large')).toBe(
      'The image file is 1001 bytes, the limit is 1000 bytes.',
    );
  });

  it('allows a side of exactly maxSide, width or height', () => {
    expect(unwrap(checkImageLimits(info(30, 20), 10, limits))).toEqual(info(30, 20));
    expect(unwrap(checkImageLimits(info(20, 30), 10, limits))).toEqual(info(20, 30));
    expect(expectErr(checkImageLimits(info(31, 1), 10, limits), 'image_too_large')).toBe(
      'The image is 31x1 px; the longest side may be at most 30 px.',
    );
    expect(expectErr(checkImageLimits(info(1, 31), 10, limits), 'image_too_large')).toBe(
      'The image is 1x31 px; the longest side may be at most 30 px.',
    );
  });

  it('allows exactly maxPixels', () => {
    expect(unwrap(checkImageLimits(info(30, 20), 10, limits))).toEqual(info(30, 20));
    expect(
      expectErr(checkImageLimits(info(30, 21), 10, { ...limits, maxPixels: 629 }), 'image_too_large'),
    ).toBe('The image is 30x21 px (0.0 megapixels), the limit is 0.0 megapixels.');
    expect(unwrap(checkImageLimits(info(30, 21), 10, { ...limits, maxPixels: 630 }))).toEqual(info(30, 21));
  });

  it('switches from KB to MB at exactly 1 MB', () => {
    expect(formatByteSize(1024 * 1024 - 52)).toBe('1023.9 KB');
    expect(formatByteSize(1024 * 1024)).toBe('1.0 MB');
    expect(formatByteSize(1024 * 1024, true)).toBe('1 MB');
  });
});

describe('byte helpers', () => {
  it('reads little-endian integers, including the top bit', () => {
    expect(readU16LE(new Uint8Array([0x01, 0x82]), 0)).toBe(0x8201);
    expect(readU32LE(new Uint8Array([0x01, 0x02, 0x03, 0xf4]), 0)).toBe(0xf4030201);
    expect(readU32LE(new Uint8Array([9, 9, 9, 0x01, 0x02, 0x03, 0x04]), 3)).toBe(0x04030201);
  });

  it('hasAscii: whole string inside the bytes, an empty string only within them', () => {
    const b = new Uint8Array([0x61, 0x62]);
    expect(hasAscii(b, 0, 'ab')).toBe(true);
    expect(hasAscii(b, 1, 'bc')).toBe(false);
    expect(hasAscii(b, 2, '')).toBe(true);
    expect(hasAscii(b, 3, '')).toBe(false);
  });

  it('isPrefixOf compares what is there from the offset, and nothing is no match', () => {
    const b = new Uint8Array([1, 2, 3]);
    expect(isPrefixOf(b, 2, [3, 4])).toBe(true);
    expect(isPrefixOf(b, 1, [2, 4])).toBe(false);
    expect(isPrefixOf(b, 3, [1])).toBe(false);
  });
});

describe('PNG text chunks and workflow removal: edges', () => {
  it('reports a bad CRC with the keyword', () => {
    const png = unwrap(writePngTextChunk(makeTestPng(), 'k', 'hello'));
    const chunk = walkPng(png).find((c) => c.type === 'iTXt');
    if (chunk === undefined) throw new Error('no iTXt chunk');
    png[chunk.end - 1] = (png[chunk.end - 1] as number) ^ 1;
    expect(expectErr(readPngTextChunk(png, 'k'), 'corrupt_metadata')).toBe(
      'The "k" metadata in the PNG file is corrupt (bad CRC).',
    );
  });

  it('limits the text to maxTextBytes, inclusive', () => {
    const png = unwrap(writePngTextChunk(makeTestPng(), 'k', 'abcd', { maxTextBytes: 4 }));
    expect(unwrap(readPngTextChunk(png, 'k'))).toBe('abcd');
    expect(
      expectErr(writePngTextChunk(makeTestPng(), 'k', 'abcde', { maxTextBytes: 4 }), 'metadata_too_large'),
    ).toBe('The text to embed is 5 bytes; the limit is 4 bytes.');
  });

  it('refuses to remove chunks from a file that is not PNG', () => {
    expect(expectErr(removePngTextChunk(new Uint8Array([1, 2, 3]), 'k'), 'corrupt_image')).toBe(
      'The PNG file is corrupt: missing or truncated PNG signature.',
    );
  });

  it('removeWorkflowText: WebP comes back unchanged, non-images are refused', () => {
    const webp = tinyWebp('lossless');
    expect(unwrap(removeWorkflowText(webp))).toBe(webp);
    expect(expectErr(removeWorkflowText(new TextEncoder().encode('{}')), 'unsupported_image_type')).toBe(
      'The file looks like JSON text, not a PNG, JPEG or WebP image.',
    );
  });
});
