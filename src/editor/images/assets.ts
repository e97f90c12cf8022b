import { MemoryAssetStore } from '../../engine/assets';
import type { ImageValue } from '../../engine/values';

export type AssetLoader = (hash: string) => Promise<ImageValue | undefined>;

/**
 * Images in memory, backed (once persistence is open) by the database's blob store: an image
 * missing from memory is loaded by hash, kept, and from then on served from memory.
 */
export class EditorAssetStore extends MemoryAssetStore {
  private fallback: AssetLoader | undefined;
  private readonly loading = new Map<string, Promise<ImageValue | undefined>>();

  setFallback(loader: AssetLoader | undefined): void {
    this.fallback = loader;
    this.loading.clear();
  }

  override async get(hash: string): Promise<ImageValue | undefined> {
    return this.getSync(hash) ?? this.load(hash);
  }

  /** Loads one image from the fallback into memory; concurrent calls share one read. */
  load(hash: string): Promise<ImageValue | undefined> {
    const known = this.getSync(hash);
    if (known) return Promise.resolve(known);
    const loader = this.fallback;
    if (!loader) return Promise.resolve(undefined);
    let pending = this.loading.get(hash);
    if (!pending) {
      pending = loader(hash)
        .then((image) => {
          if (image) this.putValue(image);
          return image;
        })
        .catch(() => undefined)
        .finally(() => this.loading.delete(hash));
      this.loading.set(hash, pending);
    }
    return pending;
  }
}

/**
 * The bytes of every image the editor knows (references, loaded files, run outputs), by hash.
 * The engine reads it while running; the image URL registry makes Blobs from it on demand.
 */
export const editorAssets = new EditorAssetStore();
