/** Bounded PNG chunk walker with CRC verification. Never copies chunk data. */

import { hasAscii, isPrefixOf, readU32BE } from './bytes';
import { crc32 } from './crc32';
import { err, ok, type Result } from './result';
import { PNG_SIGNATURE } from './sniff';

export interface PngChunk {
  /** Four-letter chunk type, e.g. `IHDR`, `iTXt`. */
  readonly type: string;
  /** Offset of the chunk's length field. */
  readonly start: number;
  /** Offset of the first data byte. */
  readonly dataStart: number;
  /** Offset just past the last data byte (where the CRC begins). */
  readonly dataEnd: number;
  /** Offset just past the CRC. */
  readonly end: number;
  /** Whether the stored CRC matches the type and data. */
  readonly crcOk: boolean;
}

export interface PngLayout {
  /** All chunks from IHDR up to and including IEND, in file order. */
  readonly chunks: readonly PngChunk[];
  /** Offset just past IEND; bytes from here on (if any) are a trailer we preserve verbatim. */
  readonly trailerStart: number;
}

export interface PngParseLimits {
  readonly maxChunks: number;
  readonly maxBytes: number;
}

export const DEFAULT_PNG_PARSE_LIMITS: PngParseLimits = { maxChunks: 100_000, maxBytes: 512 * 1024 * 1024 };

const SIGNATURE_LENGTH = 8;
const MAX_CHUNK_LENGTH = 0x7fffffff;

function isChunkTypeByte(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function parsePngChunks(bytes: Uint8Array, limits: Partial<PngParseLimits> = {}): Result<PngLayout> {
  const l = { ...DEFAULT_PNG_PARSE_LIMITS, ...limits };
  const corrupt = (message: string): Result<never> =>
    err('corrupt_image', `The PNG file is corrupt: ${message}`);
  if (bytes.length > l.maxBytes) return err('image_too_large', `The PNG file exceeds ${l.maxBytes} bytes.`);
  if (bytes.length < SIGNATURE_LENGTH || !isPrefixOf(bytes, 0, PNG_SIGNATURE)) {
    return corrupt('missing or truncated PNG signature.');
  }
  const chunks: PngChunk[] = [];
  let pos = SIGNATURE_LENGTH;
  while (true) {
    if (chunks.length >= l.maxChunks) return corrupt(`more than ${l.maxChunks} chunks.`);
    if (pos + 12 > bytes.length) return corrupt(`truncated at byte ${pos} (no IEND chunk).`);
    const length = readU32BE(bytes, pos);
    if (length > MAX_CHUNK_LENGTH) return corrupt(`invalid chunk length at byte ${pos}.`);
    for (let i = 4; i < 8; i++) {
      // In range: pos + 12 <= bytes.length was checked above.
      if (!isChunkTypeByte(bytes[pos + i] as number))
        return corrupt(`invalid chunk type at byte ${pos + 4}.`);
    }
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const dataStart = pos + 8;
    const dataEnd = dataStart + length;
    const end = dataEnd + 4;
    if (end > bytes.length) return corrupt(`the ${type} chunk at byte ${pos} is truncated.`);
    if (chunks.length === 0 && type !== 'IHDR') return corrupt('the first chunk is not IHDR.');
    const crcOk = crc32(bytes, pos + 4, dataEnd) === readU32BE(bytes, dataEnd);
    chunks.push({ type, start: pos, dataStart, dataEnd, end, crcOk });
    pos = end;
    if (type === 'IEND') return ok({ chunks, trailerStart: end });
  }
}

/** True if the chunk is an iTXt chunk whose keyword equals `keyword` (Latin-1; checked without copying). */
export function isITxtWithKeyword(bytes: Uint8Array, chunk: PngChunk, keyword: string): boolean {
  if (chunk.type !== 'iTXt') return false;
  const n = keyword.length;
  return (
    chunk.dataEnd - chunk.dataStart > n &&
    hasAscii(bytes, chunk.dataStart, keyword) &&
    bytes[chunk.dataStart + n] === 0
  );
}
