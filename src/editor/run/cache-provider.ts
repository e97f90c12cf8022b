import { MemoryCache, type NodeCache } from '../../engine/cache';

/**
 * The node-output cache the editor runs and estimates with. Swap this one line for the
 * persistence engineer's IndexedDbCache when it is wired.
 */
const cache: NodeCache = new MemoryCache();

export function getNodeCache(): NodeCache {
  return cache;
}
