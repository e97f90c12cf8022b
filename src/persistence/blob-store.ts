import type { AssetStore } from '../engine/assets';
import type { ImageValue } from '../engine/values';
import { sharedBlobOf } from './blob-slices';
import type { PeelDatabase } from './database';
import type { BlobRecord } from './records';

/** `blob`: Blob values (compact, streamable). `bytes`: ArrayBuffer, for browsers that refuse Blobs. */
export type BlobStorageMode = 'blob' | 'bytes';

export interface BlobStoreOptions {
  /** `auto` (default) probes once; force `bytes` to exercise the fallback. */
  mode?: BlobStorageMode | 'auto';
  now?: () => number;
}

const PROBE_KEY = '\u0000blob-probe';

/**
 * Images keyed by content hash, each stored once however many workflows, cache entries and runs
 * use it. Also the engine's AssetStore, so reference images load straight from the database.
 */
export class BlobStore implements AssetStore {
  private modePromise: Promise<BlobStorageMode> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly db: PeelDatabase,
    private readonly options: BlobStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The storage mode, detected once: some browsers (old Safari, private modes) refuse Blobs. */
  mode(): Promise<BlobStorageMode> {
    const forced = this.options.mode;
    if (forced === 'blob' || forced === 'bytes') return Promise.resolve(forced);
    this.modePromise ??= this.probe();
    return this.modePromise;
  }

  private async probe(): Promise<BlobStorageMode> {
    const probe: BlobRecord = {
      hash: PROBE_KEY,
      mimeType: 'application/octet-stream',
      size: 1,
      createdAt: 0,
      blob: new Blob([new Uint8Array([0])]),
    };
    try {
      await this.db.blobs.put(probe);
      await this.db.blobs.delete(PROBE_KEY);
      return 'blob';
    } catch (cause) {
      if (isDataCloneError(cause)) return 'bytes';
      // Some other failure (a full disk, say) tells nothing about Blob support: assume Blobs for
      // this write, where the quota guard will see the real error, and probe again next time.
      this.modePromise = undefined;
      return 'blob';
    }
  }

  /**
   * Rows for `images`, built outside any transaction (building awaits). A big image is copied a
   * slice at a time, so writing a 4096² photo never blocks the editor's main thread. With
   * `skipStored`, images already stored (a tool's output equal to a workflow asset) get no row and
   * cost no copy: for the cache, where an image evicted meanwhile only makes the entry a miss.
   */
  async recordsFor(
    images: Iterable<ImageValue>,
    options: { skipStored?: boolean } = {},
  ): Promise<BlobRecord[]> {
    const unique = new Map<string, ImageValue>();
    for (const image of images) if (!unique.has(image.hash)) unique.set(image.hash, image);
    // No image, no row: the mode is not needed, and probing it costs two writes (a first save of
    // a workflow without images, on opening a link, did both).
    if (unique.size === 0) return [];
    const mode = await this.mode();
    const createdAt = this.now();
    const stored = new Set(
      options.skipStored
        ? await this.db.blobs
            .where(':id')
            .anyOf([...unique.keys()])
            .primaryKeys()
        : [],
    );
    const records: BlobRecord[] = [];
    for (const image of unique.values()) {
      if (stored.has(image.hash)) continue;
      const base = { hash: image.hash, mimeType: image.mimeType, size: image.bytes.byteLength, createdAt };
      records.push(
        mode === 'blob'
          ? { ...base, blob: await sharedBlobOf(image.bytes, image.mimeType) }
          : // slice(): a view may sit inside a larger buffer; store exactly the image's bytes.
            { ...base, bytes: image.bytes.slice().buffer },
      );
    }
    return records;
  }

  /** Writes the rows whose hash is not stored yet. Call inside a transaction that includes `blobs`. */
  async putMissing(records: BlobRecord[]): Promise<void> {
    if (records.length === 0) return;
    const present = new Set(
      await this.db.blobs
        .where(':id')
        .anyOf(records.map((record) => record.hash))
        .primaryKeys(),
    );
    const missing = records.filter((record) => !present.has(record.hash));
    if (missing.length > 0) await this.db.blobs.bulkPut(missing);
  }

  async get(hash: string): Promise<ImageValue | undefined> {
    const record = await this.db.blobs.get(hash);
    return record ? imageOf(record) : undefined;
  }

  /** Found images by hash; missing hashes are simply absent from the map. */
  async getMany(hashes: string[]): Promise<Map<string, ImageValue>> {
    const records = await this.db.blobs.bulkGet(hashes);
    const found = new Map<string, ImageValue>();
    // Bytes are read after the read transaction ended: awaiting Blob reads inside one would commit it.
    for (const record of records) if (record) found.set(record.hash, await imageOf(record));
    return found;
  }

  /** A Blob for object URLs in the editor, whichever mode stored it. */
  async getBlob(hash: string): Promise<Blob | undefined> {
    const record = await this.db.blobs.get(hash);
    if (!record) return undefined;
    return record.blob ?? new Blob([record.bytes], { type: record.mimeType });
  }

  async has(hash: string): Promise<boolean> {
    return (await this.db.blobs.where(':id').equals(hash).count()) > 0;
  }
}

async function imageOf(record: BlobRecord): Promise<ImageValue> {
  const bytes = record.blob ? new Uint8Array(await record.blob.arrayBuffer()) : new Uint8Array(record.bytes);
  return { bytes, mimeType: record.mimeType, hash: record.hash };
}

function isDataCloneError(cause: unknown): boolean {
  if (typeof cause !== 'object' || cause === null) return false;
  const { name, inner } = cause as { name?: unknown; inner?: unknown };
  return name === 'DataCloneError' || (inner !== undefined && isDataCloneError(inner));
}
