import { MemoryCache, type NodeCache } from '../../engine/cache';

/**
 * The node-output cache the editor runs and estimates with: the IndexedDB cache once persistence
 * has opened (so a reload keeps every output already paid for), memory until then or without it.
 */
const memory: NodeCache = new MemoryCache();
let persistent: NodeCache | null = null;

export function getNodeCache(): NodeCache {
  return persistent ?? memory;
}

const listeners = new Set<() => void>();

/** Set by the persistence bridge when the store opens (null when it closes). */
export function setPersistentCache(cache: NodeCache | null): void {
  if (cache === persistent) return;
  persistent = cache;
  for (const listener of listeners) listener();
}

/** Calls `listener` when the cache estimates are made against changes. Returns an unsubscribe. */
export function onNodeCacheChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
