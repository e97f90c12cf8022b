import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CacheEntry, CacheKeyRelease, NodeCache } from '../engine/cache';
import { decodeCacheEntry, encodeCacheEntry, type StoredCacheRecord } from '../engine/cache-codec';
import type { ImageValue } from '../engine/values';
import { writeFileAtomic } from './atomic-write';
import { CacheKeyLocks } from './cache-key-lock';

const KEY_PATTERN = /^[0-9a-f]{64}$/;

const sha256Hex = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** An entry file: the record and the SHA-256 of its JSON, so a damaged file is found on read. */
type StoredEntry = StoredCacheRecord & { sha256?: string };

/**
 * The CLI's cache: `entries/<key>.json` records and `images/<hash>` bytes, each image stored once.
 * Every write is atomic, so an interrupted run leaves the cache readable. Every read is checked:
 * an image whose bytes do not hash to its name, or a record that does not match its checksum, is
 * a miss and is deleted (the next run writes it anew), never an output.
 */
export class FileSystemCache implements NodeCache {
  private ready: Promise<void> | undefined;
  private readonly locks: CacheKeyLocks;

  constructor(readonly directory: string) {
    this.locks = new CacheKeyLocks(join(directory, 'locks'));
  }

  private ensureDirectories(): Promise<void> {
    this.ready ??= Promise.all([
      mkdir(join(this.directory, 'entries'), { recursive: true }),
      mkdir(join(this.directory, 'images'), { recursive: true }),
    ]).then(() => undefined);
    return this.ready;
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    if (!KEY_PATTERN.test(key)) return undefined;
    const path = this.entryPath(key);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
    const record = parseEntry(text);
    if (!record) {
      await rm(path, { force: true }).catch(() => undefined);
      return undefined;
    }
    let damaged = false;
    // An output image usually appears again in its conversation: read and check it once.
    const reads = new Map<string, ReturnType<FileSystemCache['readImage']>>();
    const entry = await decodeCacheEntry(record, async (hash) => {
      const read = reads.get(hash) ?? this.readImage(hash);
      reads.set(hash, read);
      const image = await read;
      if (image === 'damaged') damaged = true;
      return image === 'damaged' ? undefined : image;
    });
    if (damaged) await rm(path, { force: true }).catch(() => undefined);
    return entry;
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    if (!KEY_PATTERN.test(key)) throw new Error(`not a cache key: ${key}`);
    await this.ensureDirectories();
    const { record, images } = encodeCacheEntry(entry);
    for (const image of images) await this.writeImage(image);
    const json = JSON.stringify(record);
    const stored: StoredEntry = { ...record, sha256: sha256Hex(json) };
    await writeFileAtomic(this.entryPath(key), JSON.stringify(stored));
  }

  lock(key: string, signal: AbortSignal): Promise<CacheKeyRelease | undefined> {
    if (!KEY_PATTERN.test(key)) return Promise.resolve(undefined);
    return this.locks.acquire(key, signal);
  }

  private entryPath(key: string): string {
    return join(this.directory, 'entries', `${key}.json`);
  }

  private async writeImage(image: ImageValue): Promise<void> {
    if (!KEY_PATTERN.test(image.hash)) return;
    // An image already there is kept only when it is intact; a damaged one is replaced.
    const existing = await this.readImage(image.hash);
    if (existing === undefined || existing === 'damaged')
      await writeFileAtomic(join(this.directory, 'images', image.hash), image.bytes);
  }

  /** The image stored under `hash`; `damaged` (and deleted) when its bytes hash to something else. */
  private async readImage(hash: string): Promise<ImageValue | 'damaged' | undefined> {
    if (!KEY_PATTERN.test(hash)) return undefined;
    const path = join(this.directory, 'images', hash);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch {
      return undefined;
    }
    if (sha256Hex(bytes) !== hash) {
      await rm(path, { force: true }).catch(() => undefined);
      return 'damaged';
    }
    return { bytes, mimeType: 'application/octet-stream', hash };
  }
}

/** The record in an entry file, or undefined when the file is damaged (bad JSON, wrong checksum). */
function parseEntry(text: string): StoredCacheRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const { sha256, ...record } = parsed as StoredEntry;
  if (typeof record.outputs !== 'object' || record.outputs === null) return undefined;
  // Entries written before checksums were added have none: still trusted, their images are checked.
  if (sha256 !== undefined && sha256 !== sha256Hex(JSON.stringify(record))) return undefined;
  return record as StoredCacheRecord;
}
