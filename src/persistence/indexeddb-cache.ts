import type { CacheEntry, NodeCache } from '../engine/cache';
import { decodeCacheEntry, encodeCacheEntry, imageHashesOf } from '../engine/cache-codec';
import type { ImageValue } from '../engine/values';
import type { BlobStore } from './blob-store';
import { hasContentHash } from './content-hash';
import type { PeelDatabase } from './database';
import { PersistenceFailure } from './errors';
import { deleteUnreferencedBlobs } from './eviction';
import type { QuotaGuard } from './quota-guard';
import type { CacheRow } from './records';

export interface IndexedDbCacheOptions {
  /** lastUsedAt updates are batched: a cache hit should not cost a write transaction each. */
  touchDelayMs?: number;
  now?: () => number;
  /** Reports a failed lastUsedAt write (it only affects eviction order, so it is not retried). */
  onTouchError?: (cause: unknown) => void;
}

export interface CacheSize {
  entries: number;
  /** Records plus every image a cache entry refers to, each image counted once. */
  bytes: number;
}

/** What the quota guard calls a cache write in its events (the run itself reports these failures). */
export const CACHED_OUTPUT = 'a cached output';

/** The engine's NodeCache over IndexedDB: a reload keeps every output already paid for. */
export class IndexedDbCache implements NodeCache {
  private readonly touched = new Map<string, number>();
  private touchTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly db: PeelDatabase,
    private readonly blobs: BlobStore,
    private readonly guard: QuotaGuard,
    private readonly options: IndexedDbCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const row = await this.db.cache.get(key);
    if (!row) return undefined;
    const images = await this.blobs.getMany(row.imageHashes);
    // Damaged bytes are never an output: the entry is a miss and goes, with the bad images, so
    // the re-run's write stores them anew (a blob already present would not be written again).
    const damaged = await damagedImages(images);
    if (damaged.length > 0) {
      // If even the delete fails, the entry stays a miss on every read: never served.
      await this.drop(key, damaged).catch(() => undefined);
      return undefined;
    }
    // An evicted image makes the entry a miss: the engine re-runs the node rather than show a hole.
    const entry = await decodeCacheEntry(row.record, async (hash) => images.get(hash));
    if (entry) this.touch(key);
    return entry;
  }

  /** Every cache key, in one read (planning answers its misses from this). */
  async keys(): Promise<ReadonlySet<string>> {
    return new Set(await this.db.cache.toCollection().primaryKeys());
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    const { record, images } = encodeCacheEntry(entry);
    const blobRecords = await this.blobs.recordsFor(images, { skipStored: true });
    const now = this.now();
    const row: CacheRow = {
      key,
      record,
      createdAt: entry.createdAt,
      lastUsedAt: now,
      sizeBytes:
        JSON.stringify(record).length + images.reduce((sum, image) => sum + image.bytes.byteLength, 0),
      imageHashes: imageHashesOf(record),
    };
    if (entry.provider) row.provider = entry.provider;
    const written = await this.guard.write(CACHED_OUTPUT, () =>
      this.db.transaction('rw', [this.db.cache, this.db.blobs], async () => {
        await this.blobs.putMissing(blobRecords);
        await this.db.cache.put(row);
      }),
    );
    this.touched.delete(key);
    // NodeCache.set cannot return a value; the guard already reported the failure as an event.
    if (!written.ok) throw new PersistenceFailure(written.error);
  }

  private async drop(key: string, blobHashes: string[]): Promise<void> {
    this.touched.delete(key);
    await this.db.transaction('rw', [this.db.cache, this.db.blobs], async () => {
      await this.db.cache.delete(key);
      await this.db.blobs.bulkDelete(blobHashes);
    });
  }

  private touch(key: string): void {
    this.touched.set(key, this.now());
    this.touchTimer ??= setTimeout(() => {
      this.flushLastUsed().catch((cause: unknown) => this.options.onTouchError?.(cause));
    }, this.options.touchDelayMs ?? 1000);
  }

  /** Writes pending lastUsedAt updates now (before eviction, on page hide, in tests). */
  async flushLastUsed(): Promise<void> {
    if (this.touchTimer !== undefined) clearTimeout(this.touchTimer);
    this.touchTimer = undefined;
    if (this.touched.size === 0) return;
    const updates = [...this.touched].map(([key, lastUsedAt]) => ({ key, changes: { lastUsedAt } }));
    this.touched.clear();
    await this.db.cache.bulkUpdate(updates);
  }

  async size(): Promise<CacheSize> {
    return this.db.transaction('r', [this.db.cache, this.db.blobs], async () => {
      let entries = 0;
      let recordBytes = 0;
      const hashes = new Set<string>();
      await this.db.cache.each((row) => {
        entries++;
        recordBytes += JSON.stringify(row.record).length;
        for (const hash of row.imageHashes) hashes.add(hash);
      });
      let imageBytes = 0;
      await this.db.blobs
        .where(':id')
        .anyOf([...hashes])
        .each((blob) => {
          imageBytes += blob.size;
        });
      return { entries, bytes: recordBytes + imageBytes };
    });
  }

  /** Empties the cache; images still used by a workflow or a latest run stay. Returns what was freed. */
  async clear(): Promise<{ entries: number; bytesFreed: number }> {
    if (this.touchTimer !== undefined) clearTimeout(this.touchTimer);
    this.touchTimer = undefined;
    this.touched.clear();
    return this.db.transaction(
      'rw',
      [this.db.cache, this.db.blobs, this.db.workflows, this.db.runs],
      async () => {
        let entries = 0;
        let recordBytes = 0;
        await this.db.cache.each((row) => {
          entries++;
          recordBytes += JSON.stringify(row.record).length;
        });
        await this.db.cache.clear();
        const blobs = await deleteUnreferencedBlobs(this.db);
        return { entries, bytesFreed: recordBytes + blobs.bytes };
      },
    );
  }
}

/** Hashes of the images whose bytes do not hash to their name. */
async function damagedImages(images: Map<string, ImageValue>): Promise<string[]> {
  const damaged: string[] = [];
  for (const [hash, image] of images) if (!(await hasContentHash(image.bytes, hash))) damaged.push(hash);
  return damaged;
}
