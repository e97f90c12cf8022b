import { describe, expect, it } from 'vitest';
import type { CacheEntry, CacheKeyRelease, NodeCache } from '../../../src/engine/cache';
import { rememberHits } from '../../../src/engine/run-cache';

const entryOf = (text: string): CacheEntry => ({ outputs: { text }, createdAt: 1 });

/** A cache that counts its reads, with a lock that records which cache it ran on. */
class CountingCache implements NodeCache {
  readonly entries = new Map<string, CacheEntry>();
  readonly reads: string[] = [];
  readonly locked: Array<{ key: string; on: CountingCache }> = [];

  async get(key: string): Promise<CacheEntry | undefined> {
    this.reads.push(key);
    return this.entries.get(key);
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    this.entries.set(key, entry);
  }

  async lock(key: string): Promise<CacheKeyRelease | undefined> {
    this.locked.push({ key, on: this });
    return undefined;
  }
}

describe('rememberHits', () => {
  it('reads a hit from the cache once, then answers it from memory', async () => {
    const cache = new CountingCache();
    cache.entries.set('k', entryOf('a'));
    const remembered = rememberHits(cache);
    expect(await remembered.get('k')).toEqual(entryOf('a'));
    expect(await remembered.get('k')).toEqual(entryOf('a'));
    expect(cache.reads).toEqual(['k']);
  });

  it('asks the cache again after a miss, and finds an entry written since', async () => {
    const cache = new CountingCache();
    const remembered = rememberHits(cache);
    expect(await remembered.get('k')).toBeUndefined();
    cache.entries.set('k', entryOf('later'));
    expect(await remembered.get('k')).toEqual(entryOf('later'));
    expect(cache.reads).toEqual(['k', 'k']);
  });

  it('writes through to the cache and answers what it wrote without reading', async () => {
    const cache = new CountingCache();
    const remembered = rememberHits(cache);
    await remembered.set('k', entryOf('mine'));
    expect(cache.entries.get('k')).toEqual(entryOf('mine'));
    expect(await remembered.get('k')).toEqual(entryOf('mine'));
    expect(cache.reads).toEqual([]);
  });

  it("keeps the cache's lock, bound to the cache, and adds none to a cache without one", async () => {
    const cache = new CountingCache();
    const remembered = rememberHits(cache);
    const lock = remembered.lock;
    expect(lock).toBeDefined();
    await lock?.('k', new AbortController().signal);
    expect(cache.locked).toEqual([{ key: 'k', on: cache }]);
    expect('lock' in rememberHits({ get: async () => undefined, set: async () => undefined })).toBe(false);
  });
});
