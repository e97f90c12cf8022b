/** Bytes copied into a Blob per slice. */
export const BLOB_SLICE_BYTES = 1 << 20;

/**
 * A Blob of exactly `bytes` (the view's own range), copied one slice per task: a Blob made of Blobs
 * references them, so one big copy on the main thread becomes many short ones with the event loop
 * free between them.
 */
export async function blobInSlices(bytes: Uint8Array, type: string): Promise<Blob> {
  if (bytes.byteLength <= BLOB_SLICE_BYTES) return new Blob([bytes as BlobPart], { type });
  const parts: Blob[] = [];
  for (let at = 0; at < bytes.byteLength; at += BLOB_SLICE_BYTES) {
    parts.push(new Blob([bytes.subarray(at, at + BLOB_SLICE_BYTES) as BlobPart]));
    await new Promise((next) => setTimeout(next, 0));
  }
  return new Blob(parts, { type });
}

const made = new WeakMap<Uint8Array, Promise<Blob>>();

/** One Blob per byte array, made once (in slices) and shared by the worker messages and the cache. */
export function sharedBlobOf(bytes: Uint8Array, type: string): Promise<Blob> {
  let blob = made.get(bytes);
  if (!blob) {
    blob = blobInSlices(bytes, type);
    made.set(bytes, blob);
  }
  return blob;
}
