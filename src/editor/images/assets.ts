import { MemoryAssetStore } from '../../engine/assets';

/**
 * The bytes of every image the editor knows (references, loaded files, run outputs), by hash.
 * The engine reads it while running; the image URL registry makes Blobs from it on demand.
 */
export const editorAssets = new MemoryAssetStore();
