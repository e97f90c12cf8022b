import { MemoryCache, type NodeCache } from '../../engine/cache';

/**
 * The node-output cache the editor runs and estimates with: the IndexedDB cache once persistence
 * has opened (so a reload keeps every output already paid for), memory until then or without it.
 */
const memory = new MemoryCache();
let persistent: NodeCache | null = null;

export function getNodeCache(): NodeCache {
  return persistent ?? memory;
}

const listeners = new Set<() => void>();

/**
 * Set by the persistence bridge when the store opens (null when it closes). Estimates are made
 * again against the new cache, unless `empty` says it holds nothing (a database this open created)
 * while the memory cache holds nothing either: every estimate made so far stands.
 */
export function setPersistentCache(cache: NodeCache | null, options: { empty?: boolean } = {}): void {
  if (cache === persistent) return;
  const sameAnswers = options.empty === true && persistent === null && memory.entries.size === 0;
  persistent = cache;
  if (sameAnswers) return;
  for (const listener of listeners) listener();
}

/** Calls `listener` when the cache estimates are made against changes. Returns an unsubscribe. */
export function onNodeCacheChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
