/** Small byte-level helpers shared by the container parsers. */

export function readU16BE(b: Uint8Array, i: number): number {
  return (((b[i] ?? 0) << 8) | (b[i + 1] ?? 0)) >>> 0;
}

export function readU32BE(b: Uint8Array, i: number): number {
  return (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;
}

export function readU16LE(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8)) >>> 0;
}

export function readU24LE(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16)) >>> 0;
}

export function readU32LE(b: Uint8Array, i: number): number {
  return (readU24LE(b, i) + (b[i + 3] ?? 0) * 0x1000000) >>> 0;
}

export function writeU32BE(b: Uint8Array, i: number, v: number): void {
  b[i] = (v >>> 24) & 0xff;
  b[i + 1] = (v >>> 16) & 0xff;
  b[i + 2] = (v >>> 8) & 0xff;
  b[i + 3] = v & 0xff;
}

/** True when `b` contains the ASCII string `ascii` starting at `offset`. */
export function hasAscii(b: Uint8Array, offset: number, ascii: string): boolean {
  // Stryker disable next-line ArithmeticOperator: past the end the loop fails on its own; only '' relies on this line, and for '' the sum equals the difference
  if (offset + ascii.length > b.length) return false;
  for (let i = 0; i < ascii.length; i++) if (b[offset + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** True when the first `min(b.length - offset, prefix.length)` bytes agree with `prefix`. */
export function isPrefixOf(b: Uint8Array, offset: number, prefix: readonly number[]): boolean {
  const n = Math.min(b.length - offset, prefix.length);
  for (let i = 0; i < n; i++) if (b[offset + i] !== prefix[i]) return false;
  return n > 0;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function asciiBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Copies `bytes` without the (sorted, non-overlapping) `remove` ranges, inserting `insert` at
 * original offset `insertAt` (which must not fall strictly inside a removed range).
 */
export function spliceBytes(
  bytes: Uint8Array,
  remove: readonly ByteRange[],
  insertAt = bytes.length,
  insert?: Uint8Array,
): Uint8Array {
  const parts: Uint8Array[] = [];
  let pos = 0;
  let pending = insert;
  for (const r of remove) {
    if (pending && insertAt <= r.start) {
      parts.push(bytes.subarray(pos, insertAt), pending);
      pos = insertAt;
      pending = undefined;
    }
    parts.push(bytes.subarray(pos, r.start));
    pos = r.end;
  }
  if (pending) {
    parts.push(bytes.subarray(pos, insertAt), pending);
    pos = insertAt;
  }
  parts.push(bytes.subarray(pos));
  return concatBytes(parts);
}
