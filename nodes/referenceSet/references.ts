import type { AssetRef } from '../../src/engine/workflow';

export const MAX_REFERENCES = 64;
const NONE: AssetRef[] = [];

/** The image list from params, tolerating a hand-edited file (anything not an asset is dropped). */
export function referencesOf(params: Record<string, unknown> | undefined): AssetRef[] {
  const list = params?.images;
  if (!Array.isArray(list)) return NONE;
  return list.filter(
    (item): item is AssetRef =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as AssetRef).hash === 'string' &&
      typeof (item as AssetRef).name === 'string',
  );
}
