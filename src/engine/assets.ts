import { sha256Hex, sha256HexAsync } from './image/hash';
import type { ImageValue } from './values';

/** Where the engine finds the bytes behind an `AssetRef` hash. */
export interface AssetStore {
  get(hash: string): Promise<ImageValue | undefined>;
}

export function imageValueOf(bytes: Uint8Array, mimeType: string): ImageValue {
  return { bytes, mimeType, hash: sha256Hex(bytes) };
}

export class MemoryAssetStore implements AssetStore {
  private readonly images = new Map<string, ImageValue>();

  put(bytes: Uint8Array, mimeType: string): ImageValue {
    const image = imageValueOf(bytes, mimeType);
    this.images.set(image.hash, image);
    return image;
  }

  /** Like `put`, hashing with the platform (native, off the browser's main thread). */
  async putAsync(bytes: Uint8Array, mimeType: string): Promise<ImageValue> {
    const image: ImageValue = { bytes, mimeType, hash: await sha256HexAsync(bytes) };
    this.images.set(image.hash, image);
    return image;
  }

  putValue(image: ImageValue): void {
    this.images.set(image.hash, image);
  }

  getSync(hash: string): ImageValue | undefined {
    return this.images.get(hash);
  }

  async get(hash: string): Promise<ImageValue | undefined> {
    return this.images.get(hash);
  }

  has(hash: string): boolean {
    return this.images.has(hash);
  }

  get size(): number {
    return this.images.size;
  }

  entries(): IterableIterator<[string, ImageValue]> {
    return this.images.entries();
  }
}

/** Asset objects inside params: `{ mimeType: 'image/...', data | hash }`. */
export function isAssetLike(value: unknown): value is Record<string, unknown> & { mimeType: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.mimeType === 'string' &&
    record.mimeType.startsWith('image/') &&
    (typeof record.data === 'string' || typeof record.hash === 'string')
  );
}
