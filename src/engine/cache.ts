import type { Usage } from './cost';
import type { NodeOutputs } from './values';

export interface CacheEntry {
  outputs: NodeOutputs;
  usage?: Usage | undefined;
  costUsd?: number | null | undefined;
  provider?: string | undefined;
  createdAt: number;
}

/** Ends a claim on a cache key (see `NodeCache.lock`). Never rejects. */
export type CacheKeyRelease = () => Promise<void>;

/** Node-output cache. Implementations: memory (here), filesystem (CLI), IndexedDB (browser). */
export interface NodeCache {
  /** A damaged entry (bytes that do not match their hash) is a miss, never an output. */
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry): Promise<void>;
  /**
   * For caches other processes share: waits until no other process is computing `key`, then
   * claims it until released, so the caller reads the cache again instead of paying a second
   * time. Resolves undefined when no claim can be made (a read-only cache) or `signal` aborts.
   */
  lock?(key: string, signal: AbortSignal): Promise<CacheKeyRelease | undefined>;
  /**
   * Every key held now, for planning: an estimate looks up each model node, and where each read
   * is a round trip (IndexedDB) one list beats hundreds of misses. Runs never rely on it.
   */
  keys?(): Promise<ReadonlySet<string>>;
}

export class MemoryCache implements NodeCache {
  readonly entries = new Map<string, CacheEntry>();

  async get(key: string): Promise<CacheEntry | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    this.entries.set(key, entry);
  }

  async keys(): Promise<ReadonlySet<string>> {
    return new Set(this.entries.keys());
  }
}

/** A cache that never holds anything (`--no-cache`). */
export const NO_CACHE: NodeCache = {
  get: async () => undefined,
  set: async () => undefined,
};
