/** Bounded zlib helpers: decompression never allocates much more than the caller's cap. */

import { Unzlib, zlibSync } from 'fflate';
import { concatBytes, readU32BE } from './bytes';
import { err, ok, type Result } from './result';

/** Compressed input is fed in slices this big so one push can inflate to at most ~1 MB. */
const INPUT_SLICE = 1024;

export function deflateZlib(data: Uint8Array): Uint8Array {
  return zlibSync(data, { level: 6 });
}

/**
 * Inflate zlib `data`, failing with `metadata_too_large` as soon as the output would exceed
 * `maxBytes` (protects against decompression bombs) and `corrupt_metadata` on malformed input.
 */
export function inflateZlibLimited(
  data: Uint8Array,
  maxBytes: number,
  what = 'metadata',
): Result<Uint8Array> {
  // fflate hands over output (the callback below) on every push it completes, the final one
  // included, so the only stream that ends without any is an empty one.
  if (data.length === 0)
    return err('corrupt_metadata', `The embedded ${what} is truncated (incomplete zlib stream).`);
  const parts: Uint8Array[] = [];
  let total = 0;
  let tooLarge = false;
  const inflater = new Unzlib((chunk) => {
    total += chunk.length;
    if (total > maxBytes) {
      tooLarge = true;
      return;
    }
    parts.push(chunk);
  });
  try {
    for (let pos = 0; pos < data.length && !tooLarge; pos += INPUT_SLICE) {
      const end = Math.min(pos + INPUT_SLICE, data.length);
      inflater.push(data.subarray(pos, end), end === data.length);
    }
  } catch (e) {
    // fflate throws before it hands over a push's output, and no push follows one that was too
    // large, so a throw always means malformed data.
    return err('corrupt_metadata', `The embedded ${what} could not be decompressed: ${String(e)}`);
  }
  if (tooLarge) {
    return err(
      'metadata_too_large',
      `The embedded ${what} expands to more than ${maxBytes} bytes when decompressed.`,
    );
  }
  const out = concatBytes(parts);
  // fflate does not verify the zlib trailer; do it so garbage streams are rejected. (It throws on
  // input shorter than header and trailer, so the last 4 bytes here are the trailer.)
  if (adler32(out) !== readU32BE(data, data.length - 4)) {
    return err('corrupt_metadata', `The embedded ${what} is corrupt (zlib checksum mismatch).`);
  }
  return ok(out);
}

/** Adler-32 checksum (RFC 1950), processed in runs short enough to avoid overflow. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; ) {
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i] as number;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Default cap on embedded metadata text (UTF-8 bytes after decompression). */
export const DEFAULT_MAX_METADATA_BYTES = 20 * 1024 * 1024;
