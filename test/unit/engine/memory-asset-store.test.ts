import { describe, expect, it } from 'vitest';
import { imageValueOf, isAssetLike, MemoryAssetStore } from '../../../src/engine/assets';

const ABC = new TextEncoder().encode('abc');
const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('MemoryAssetStore', () => {
  it('stores bytes under their sha256, hashed in place or with the platform alike', async () => {
    const store = new MemoryAssetStore();
    const image = await store.putAsync(ABC, 'image/png');
    expect(image).toEqual({ bytes: ABC, mimeType: 'image/png', hash: ABC_SHA256 });
    expect(await store.get(ABC_SHA256)).toBe(image);
    expect(store.put(ABC, 'image/png')).toEqual(image);
  });

  it('takes an image value as it is, under the hash it carries', async () => {
    const store = new MemoryAssetStore();
    const image = { bytes: ABC, mimeType: 'image/jpeg', hash: 'f'.repeat(64) };
    store.putValue(image);
    expect(store.getSync('f'.repeat(64))).toBe(image);
    expect(store.has('f'.repeat(64))).toBe(true);
    expect(store.has(ABC_SHA256)).toBe(false);
  });

  it('counts and lists its images, one per hash', () => {
    const store = new MemoryAssetStore();
    expect(store.size).toBe(0);
    const one = store.put(ABC, 'image/png');
    store.put(ABC, 'image/png');
    const two = store.put(new Uint8Array([1, 2]), 'image/webp');
    expect(store.size).toBe(2);
    expect([...store.entries()]).toEqual([
      [one.hash, one],
      [two.hash, two],
    ]);
  });

  it('imageValueOf hashes the bytes it is given', () => {
    expect(imageValueOf(ABC, 'image/webp')).toEqual({ bytes: ABC, mimeType: 'image/webp', hash: ABC_SHA256 });
  });
});

describe('isAssetLike', () => {
  it('accepts an image type with inline data or a hash', () => {
    expect(isAssetLike({ mimeType: 'image/png', data: 'AAAA' })).toBe(true);
    expect(isAssetLike({ mimeType: 'image/jpeg', hash: 'a'.repeat(64) })).toBe(true);
  });

  it('refuses an object without an image type, or with neither data nor a hash', () => {
    expect(isAssetLike({ mimeType: 'text/plain', data: 'AAAA' })).toBe(false);
    expect(isAssetLike({ mimeType: 7, data: 'AAAA' })).toBe(false);
    expect(isAssetLike({ data: 'AAAA' })).toBe(false);
    expect(isAssetLike({ mimeType: 'image/png' })).toBe(false);
    expect(isAssetLike({ mimeType: 'image/png', data: 1, hash: null })).toBe(false);
  });

  it('refuses what is not an object, and an array even when it carries asset fields', () => {
    expect(isAssetLike(null)).toBe(false);
    expect(isAssetLike(undefined)).toBe(false);
    expect(isAssetLike('image/png')).toBe(false);
    expect(isAssetLike(Object.assign(['x'], { mimeType: 'image/png', data: 'AAAA' }))).toBe(false);
  });
});
