import { base64ToBytes, bytesToBase64 } from '../../src/engine/image/base64';
import { concatBytes } from '../../src/engine/image/bytes';
import { jpegSegment, makeTestJpeg, makeTestPng, pngChunk } from '../../src/engine/image/test-images';

/**
 * Reference images whose base64 holds an `AIza` + 35-character run, as about 1 in 8 real photos
 * of 5 MB do by chance. The run is built at run time (never a key-shaped literal in the tree).
 */

/** 30 bytes whose base64, when they start at an offset divisible by 3, is `AIza` + `tail` (36 chars). */
export function keyRunBytes(tail: string): Uint8Array {
  if (!/^[A-Za-z0-9]{36}$/.test(tail)) throw new Error('tail must be 36 base64 letters or digits');
  const decoded = base64ToBytes(`AIza${tail}`);
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded.value;
}

/** Pads `payload` so that `run` lands at an offset divisible by 3 once the payload starts at `offset`. */
function alignRun(offset: number, before: Uint8Array, run: Uint8Array, after: Uint8Array): Uint8Array {
  const pad = (3 - ((offset + before.length) % 3)) % 3;
  return concatBytes([before, new Uint8Array(pad), run, after]);
}

/** Signature (8) + IHDR chunk (25) + our chunk's length and type (8): where its data starts. */
const PNG_PAYLOAD_OFFSET = 8 + 25 + 8;
/** SOI (2) + APP0 segment (18) + our segment's marker and length (4). */
const JPEG_PAYLOAD_OFFSET = 2 + 18 + 4;

export interface CarrierOptions {
  /** Arbitrary bytes carried in a private chunk / APP segment (the image stays valid). */
  before: Uint8Array;
  after?: Uint8Array;
  /** When given, a key-shaped run appears in the image's base64 between `before` and `after`. */
  keyTail?: string | undefined;
}

export function pngCarrying({ before, after = new Uint8Array(), keyTail }: CarrierOptions): Uint8Array {
  const payload = keyTail
    ? alignRun(PNG_PAYLOAD_OFFSET, before, keyRunBytes(keyTail), after)
    : concatBytes([before, after]);
  return makeTestPng({ extraChunks: [pngChunk('prVt', payload)] });
}

export function jpegCarrying({ before, after = new Uint8Array(), keyTail }: CarrierOptions): Uint8Array {
  const payload = keyTail
    ? alignRun(JPEG_PAYLOAD_OFFSET, before, keyRunBytes(keyTail), after)
    : concatBytes([before, after]);
  return makeTestJpeg({ extraSegments: [jpegSegment(0xe5, payload)] });
}

/** Whether the image's base64 holds a Google-API-key-shaped run (what the old export redacted). */
export const base64HasKeyRun = (bytes: Uint8Array): boolean =>
  /AIza[0-9A-Za-z_-]{35}/.test(bytesToBase64(bytes));
