/**
 * The image-model view of the catalog (src/engine/catalog) that validation, the editor, estimates
 * and request building read: limits flattened, the full catalog entry beside them.
 */
import { type CatalogModel, catalogModel, currentModels, type ImageSize } from './catalog';

export type { ImageSize } from './catalog';
export { DEFAULT_MODEL, PRICES_READ_ON } from './catalog';

export interface ModelInfo {
  id: string;
  displayName: string;
  maxReferenceImages: number;
  aspectRatios: readonly string[];
  imageSizes: readonly ImageSize[];
  defaultImageSize: ImageSize;
  catalog: CatalogModel;
}

function view(model: CatalogModel): ModelInfo {
  return {
    id: model.id,
    displayName: model.displayName,
    // Unknown limits stay permissive: Google enforces them, Peel must not invent one.
    maxReferenceImages: model.limits.maxReferenceImages ?? 14,
    aspectRatios: model.limits.aspectRatios,
    imageSizes: model.limits.imageSizes,
    defaultImageSize: model.limits.defaultImageSize ?? model.limits.imageSizes[0] ?? '1K',
    catalog: model,
  };
}

/** An image model of the catalog (retired ones included, so they can be named), or undefined. */
export function modelInfo(id: string): ModelInfo | undefined {
  const model = catalogModel(id);
  return model?.kind === 'image' ? view(model) : undefined;
}

/** Image models a user can pick today (current catalog plus overrides). */
export function selectableModels(): ModelInfo[] {
  return currentModels('image').map(view);
}

/** Loose model id check: unknown ids are allowed (with a warning), but must look like a model id. */
export const MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9.-]{0,99}$/;
