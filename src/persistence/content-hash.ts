import { sha256Hex } from '../engine/image/hash';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Whether `bytes` hash to `hash` (lowercase hex SHA-256, the content address). Uses the browser's
 * native digest where there is one (fast, off the main thread's JS), the engine's otherwise
 * (plain-http pages have no `crypto.subtle`).
 */
export async function hasContentHash(bytes: Uint8Array, hash: string): Promise<boolean> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    try {
      return hex(new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))) === hash;
    } catch {
      // Fall through to the engine's hash.
    }
  }
  return sha256Hex(bytes) === hash;
}
