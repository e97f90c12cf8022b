import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CacheEntry, NodeCache } from '../engine/cache';
import { decodeCacheEntry, encodeCacheEntry, type StoredCacheRecord } from '../engine/cache-codec';
import type { ImageValue } from '../engine/values';
import { writeFileAtomic } from './atomic-write';

const KEY_PATTERN = /^[0-9a-f]{64}$/;

/**
 * The CLI's cache: `entries/<key>.json` records and `images/<hash>` bytes, each image stored once.
 * Every write is atomic, so an interrupted run leaves the cache readable.
 */
export class FileSystemCache implements NodeCache {
  private ready: Promise<void> | undefined;

  constructor(readonly directory: string) {}

  private ensureDirectories(): Promise<void> {
    this.ready ??= Promise.all([
      mkdir(join(this.directory, 'entries'), { recursive: true }),
      mkdir(join(this.directory, 'images'), { recursive: true }),
    ]).then(() => undefined);
    return this.ready;
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    if (!KEY_PATTERN.test(key)) return undefined;
    let record: StoredCacheRecord;
    try {
      record = JSON.parse(
        await readFile(join(this.directory, 'entries', `${key}.json`), 'utf8'),
      ) as StoredCacheRecord;
    } catch {
      return undefined;
    }
    return decodeCacheEntry(record, (hash) => this.readImage(hash));
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    if (!KEY_PATTERN.test(key)) throw new Error(`not a cache key: ${key}`);
    await this.ensureDirectories();
    const { record, images } = encodeCacheEntry(entry);
    for (const image of images) await this.writeImage(image);
    await writeFileAtomic(join(this.directory, 'entries', `${key}.json`), JSON.stringify(record));
  }

  private async writeImage(image: ImageValue): Promise<void> {
    if (!KEY_PATTERN.test(image.hash)) return;
    const path = join(this.directory, 'images', image.hash);
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (!exists) await writeFileAtomic(path, image.bytes);
  }

  private async readImage(hash: string): Promise<ImageValue | undefined> {
    if (!KEY_PATTERN.test(hash)) return undefined;
    try {
      const bytes = new Uint8Array(await readFile(join(this.directory, 'images', hash)));
      return { bytes, mimeType: 'application/octet-stream', hash };
    } catch {
      return undefined;
    }
  }
}
