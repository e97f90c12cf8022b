import type { CacheEntry, NodeCache } from './cache';

/** Planning and running both look nodes up; within one run a hit is read (and its images loaded) once. */
export function rememberHits(cache: NodeCache): NodeCache {
  const hits = new Map<string, CacheEntry>();
  return {
    get: async (key) => {
      const known = hits.get(key);
      if (known) return known;
      const entry = await cache.get(key);
      // Stryker disable next-line ConditionalExpression: as true, a miss is stored as undefined, which reads as no hit all the same
      if (entry) hits.set(key, entry);
      return entry;
    },
    set: async (key, entry) => {
      hits.set(key, entry);
      await cache.set(key, entry);
    },
    ...(cache.lock ? { lock: cache.lock.bind(cache) } : {}),
  };
}
