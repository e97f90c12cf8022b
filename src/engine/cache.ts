import type { Usage } from './cost';
import type { NodeOutputs } from './values';

export interface CacheEntry {
  outputs: NodeOutputs;
  usage?: Usage | undefined;
  costUsd?: number | null | undefined;
  provider?: string | undefined;
  createdAt: number;
}

/** Node-output cache. Implementations: memory (here), filesystem (CLI), IndexedDB (browser). */
export interface NodeCache {
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry): Promise<void>;
}

export class MemoryCache implements NodeCache {
  readonly entries = new Map<string, CacheEntry>();

  async get(key: string): Promise<CacheEntry | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    this.entries.set(key, entry);
  }
}

/** A cache that never holds anything (`--no-cache`). */
export const NO_CACHE: NodeCache = {
  get: async () => undefined,
  set: async () => undefined,
};
