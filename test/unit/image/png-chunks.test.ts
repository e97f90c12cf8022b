import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/engine/image/crc32';
import {
  readPngTextChunk,
  removePngTextChunk,
  writePngTextChunk,
} from '../../../src/engine/image/png-chunks';
import { makeTestPng, pngChunk } from '../../../src/engine/image/test-images';
import { expectErr, keywordOf, randomText, unwrap, walkPng, withoutRanges } from './helpers';

const KW = 'peel.workflow';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** An iTXt chunk built by hand: compressed (flag 1) or not. */
function itxt(keyword: string, payload: Uint8Array, compressed: boolean): Uint8Array {
  const head = latin1(`${keyword}\0${compressed ? '\x01' : '\x00'}\0en\0\0`);
  const data = new Uint8Array(head.length + payload.length);
  data.set(head);
  data.set(payload, head.length);
  return pngChunk('iTXt', data);
}

/** A PNG with foreign text chunks and a trailer after IEND, to check byte preservation. */
function richPng(extra: Uint8Array[] = []): Uint8Array {
  const png = makeTestPng({
    width: 3,
    height: 2,
    extraChunks: [
      pngChunk('tEXt', latin1('Software\0Peel test')),
      itxt('other', enc('keep me'), false),
      ...extra,
    ],
  });
  const withTrailer = new Uint8Array(png.length + 5);
  withTrailer.set(png);
  withTrailer.set([1, 2, 3, 4, 5], png.length);
  return withTrailer;
}

const ours = (bytes: Uint8Array) => walkPng(bytes).filter((c) => c.type === 'iTXt' && keywordOf(c) === KW);

describe('crc32', () => {
  it('matches known vectors', () => {
    expect(crc32(enc('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('PNG iTXt embedding', () => {
  it('round-trips text (unicode, JSON-sized)', () => {
    const text = JSON.stringify({ nodes: [{ id: 'n1', prompt: 'un chat 🐈 très mignon' }] });
    const out = unwrap(writePngTextChunk(richPng(), KW, text));
    expect(unwrap(readPngTextChunk(out, KW))).toBe(text);
    expect(unwrap(readPngTextChunk(richPng(), KW))).toBeNull();
  });

  it('stores one compressed iTXt chunk before IEND and keeps every other byte identical', () => {
    const original = richPng();
    const out = unwrap(writePngTextChunk(original, KW, randomText(10_000).repeat(5)));
    const chunks = walkPng(out);
    const mine = ours(out);
    expect(mine).toHaveLength(1);
    expect(chunks[chunks.length - 2]).toEqual(mine[0]);
    expect(mine[0]?.data[KW.length + 1]).toBe(1); // compression flag
    expect(withoutRanges(out, mine)).toEqual(original);
  });

  it('re-embedding replaces the previous chunk (exactly one of ours)', () => {
    const original = richPng();
    const once = unwrap(writePngTextChunk(original, KW, 'first'));
    const twice = unwrap(writePngTextChunk(once, KW, 'second'));
    expect(ours(twice)).toHaveLength(1);
    expect(unwrap(readPngTextChunk(twice, KW))).toBe('second');
    expect(withoutRanges(twice, ours(twice))).toEqual(original);
  });

  it('writing removes duplicates; reading duplicates is an error', () => {
    const dup = richPng([itxt(KW, enc('a'), false), itxt(KW, enc('b'), false)]);
    expect(expectErr(readPngTextChunk(dup, KW), 'duplicate_metadata')).toMatch(/2 "peel.workflow"/);
    const fixed = unwrap(writePngTextChunk(dup, KW, 'c'));
    expect(ours(fixed)).toHaveLength(1);
    expect(unwrap(readPngTextChunk(fixed, KW))).toBe('c');
    expect(unwrap(removePngTextChunk(fixed, KW))).toEqual(richPng());
  });

  it('reads uncompressed iTXt with language and translated keyword', () => {
    const png = richPng([itxt(KW, enc('plain ✓'), false)]);
    expect(unwrap(readPngTextChunk(png, KW))).toBe('plain ✓');
  });

  it('bad CRC on our chunk is corrupt_metadata; writing repairs it', () => {
    const out = unwrap(writePngTextChunk(richPng(), KW, 'hello'));
    const c = ours(out)[0];
    if (!c) throw new Error('missing chunk');
    const broken = out.slice();
    broken[c.end - 1] = (broken[c.end - 1] as number) ^ 0xff;
    expectErr(readPngTextChunk(broken, KW), 'corrupt_metadata');
    expect(unwrap(readPngTextChunk(unwrap(writePngTextChunk(broken, KW, 'again')), KW))).toBe('again');
  });

  it('bad CRC in another chunk is corrupt_image (read and write)', () => {
    const png = richPng();
    const idat = walkPng(png).find((c) => c.type === 'IDAT');
    if (!idat) throw new Error('missing IDAT');
    const broken = png.slice();
    broken[idat.start + 8] = (broken[idat.start + 8] as number) ^ 1;
    expect(expectErr(readPngTextChunk(broken, KW), 'corrupt_image')).toMatch(/CRC in the IDAT/);
    expectErr(writePngTextChunk(broken, KW, 'x'), 'corrupt_image');
  });

  it('rejects truncated files and missing IEND', () => {
    const png = richPng();
    expectErr(readPngTextChunk(png.subarray(0, png.length - 20), KW), 'corrupt_image');
    expectErr(writePngTextChunk(png.subarray(0, 40), KW, 'x'), 'corrupt_image');
  });

  it('a decompression bomb yields metadata_too_large, not an OOM', () => {
    const bomb = zlibSync(new Uint8Array(48 * 1024 * 1024), { level: 9 }); // ~48 KB -> 48 MB
    const png = richPng([itxt(KW, bomb, true)]);
    expect(png.length).toBeLessThan(200_000);
    expect(expectErr(readPngTextChunk(png, KW), 'metadata_too_large')).toMatch(/20971520 bytes/);
    expectErr(readPngTextChunk(png, KW, { maxTextBytes: 1000 }), 'metadata_too_large');
  });

  it('rejects uncompressed text above the cap and garbage zlib data', () => {
    const big = richPng([itxt(KW, enc('x'.repeat(2000)), false)]);
    expectErr(readPngTextChunk(big, KW, { maxTextBytes: 1000 }), 'metadata_too_large');
    expectErr(
      writePngTextChunk(richPng(), KW, 'y'.repeat(2000), { maxTextBytes: 1000 }),
      'metadata_too_large',
    );
    const garbage = richPng([itxt(KW, new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0xff, 0x00]), true)]);
    expectErr(readPngTextChunk(garbage, KW), 'corrupt_metadata');
    const truncated = richPng([itxt(KW, zlibSync(enc('hello world hello world')).subarray(0, 8), true)]);
    expectErr(readPngTextChunk(truncated, KW), 'corrupt_metadata');
    const badUtf8 = richPng([itxt(KW, new Uint8Array([0xc3, 0x28]), false)]);
    expectErr(readPngTextChunk(badUtf8, KW), 'corrupt_metadata');
  });

  it('validates the keyword', () => {
    expectErr(writePngTextChunk(richPng(), '', 'x'), 'invalid_keyword');
    expectErr(writePngTextChunk(richPng(), 'k'.repeat(80), 'x'), 'invalid_keyword');
    expectErr(readPngTextChunk(richPng(), ' lead'), 'invalid_keyword');
  });

  it('does not confuse a keyword that merely starts with ours', () => {
    const png = richPng([itxt(`${KW}2`, enc('not ours'), false)]);
    expect(unwrap(readPngTextChunk(png, KW))).toBeNull();
    const out = unwrap(writePngTextChunk(png, KW, 'ours'));
    expect(walkPng(out).filter((c) => c.type === 'iTXt')).toHaveLength(3);
  });

  it('handles large text quickly', () => {
    const text = randomText(3 * 1024 * 1024);
    const out = unwrap(writePngTextChunk(makeTestPng(), KW, text));
    expect(unwrap(readPngTextChunk(out, KW))).toBe(text);
  });
});
