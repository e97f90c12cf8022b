import { isAssetLike } from '../engine/assets';

/** Every image hash referred to by asset objects (`{ mimeType: 'image/…', hash }`) anywhere in `value`. */
export function collectAssetHashes(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectAssetHashes(item, into);
  } else if (value !== null && typeof value === 'object') {
    if (isAssetLike(value) && typeof value.hash === 'string') into.add(value.hash);
    for (const child of Object.values(value)) collectAssetHashes(child, into);
  }
  return into;
}
