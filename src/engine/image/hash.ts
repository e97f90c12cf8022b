import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

/**
 * SHA-256, the content address of every image and cache entry. Synchronous callers (an image
 * decoded from an answer, an asset put in a store) use @noble/hashes, an audited, well-kept
 * implementation; code that can wait uses the platform's own (`crypto.subtle`, in browsers and
 * Node 20 alike), which runs natively and off the main thread. Both give the digest the previous
 * hand-written implementation gave, so existing caches stay valid (see test/unit/image/hash.test.ts).
 */
export function sha256(bytes: Uint8Array): Uint8Array {
  return nobleSha256(bytes);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const toHex = (digest: Uint8Array): string => {
  let s = '';
  for (const b of digest) s += HEX[b];
  return s;
};

/** Lowercase hex SHA-256 of `bytes`. */
export function sha256Hex(bytes: Uint8Array): string {
  return toHex(sha256(bytes));
}

/** Lowercase hex SHA-256 of the UTF-8 encoding of `s`. */
export function sha256HexOfString(s: string): string {
  return sha256Hex(new TextEncoder().encode(s));
}

/** The same digest from the platform (`crypto.subtle`): native speed, without blocking the caller. */
export async function sha256HexAsync(bytes: Uint8Array): Promise<string> {
  try {
    // digest reads only the view's bytes, so a view into a larger buffer needs no copy.
    const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
    return toHex(new Uint8Array(digest));
  } catch {
    // No platform digest (no crypto.subtle: an insecure context, an old runtime), or a buffer it
    // will not take (a SharedArrayBuffer, another realm's): same digest, here.
    return sha256Hex(bytes);
  }
}
