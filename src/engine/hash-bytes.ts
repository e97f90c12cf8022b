/**
 * The content address of image bytes (lowercase hex SHA-256), as a dependency the host injects like
 * the cache or ImageOps: Node's `crypto` in the CLI, `crypto.subtle` in the browser. It is async so
 * that hashing a 2 MB answer never holds a UI thread (the browser digests off the main thread).
 */
import { sha256HexAsync } from './image/hash';

export type HashBytes = (bytes: Uint8Array) => Promise<string>;

/** Where nothing was injected: the platform's `crypto.subtle` (browsers and Node 20 alike). */
export const platformHashBytes: HashBytes = sha256HexAsync;
