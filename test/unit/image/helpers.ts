/** Independent (test-only) container walkers, so tests don't validate the code with itself. */

export interface RawChunk {
  type: string;
  start: number;
  end: number;
  data: Uint8Array;
}

export function walkPng(bytes: Uint8Array): RawChunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: RawChunk[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const len = view.getUint32(pos);
    const type = new TextDecoder('latin1').decode(bytes.subarray(pos + 4, pos + 8));
    out.push({ type, start: pos, end: pos + 12 + len, data: bytes.subarray(pos + 8, pos + 8 + len) });
    pos += 12 + len;
    if (type === 'IEND') break;
  }
  return out;
}

export function keywordOf(chunk: RawChunk): string {
  const nul = chunk.data.indexOf(0);
  return new TextDecoder('latin1').decode(chunk.data.subarray(0, nul));
}

export function withoutRanges(bytes: Uint8Array, ranges: { start: number; end: number }[]): Uint8Array {
  const keep: number[] = [];
  let pos = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    for (let i = pos; i < r.start; i++) keep.push(bytes[i] as number);
    pos = r.end;
  }
  for (let i = pos; i < bytes.length; i++) keep.push(bytes[i] as number);
  return new Uint8Array(keep);
}

export interface RawSegment {
  marker: number;
  start: number;
  end: number;
  payload: Uint8Array;
}

/** JPEG header segments from SOI up to SOS (no fill bytes expected in test files). */
export function walkJpeg(bytes: Uint8Array): RawSegment[] {
  const out: RawSegment[] = [];
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    const marker = bytes[pos + 1] as number;
    if (marker === 0xda || marker === 0xd9) break;
    const len = ((bytes[pos + 2] as number) << 8) | (bytes[pos + 3] as number);
    out.push({ marker, start: pos, end: pos + 2 + len, payload: bytes.subarray(pos + 4, pos + 2 + len) });
    pos += 2 + len;
  }
  return out;
}

export function isPeelSegment(s: RawSegment): boolean {
  return s.marker === 0xe9 && new TextDecoder('latin1').decode(s.payload.subarray(0, 5)) === 'PEEL\0';
}

/** Deterministic pseudo-random printable text (poorly compressible). */
export function randomText(length: number, seed = 1): string {
  let x = seed >>> 0 || 1;
  const chars: string[] = [];
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    chars.push(String.fromCharCode(33 + ((x >>> 0) % 94)));
  }
  return chars.join('');
}

export function expectErr<T>(
  r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
  code: string,
): string {
  if (r.ok) throw new Error(`expected error ${code}, got ok`);
  if (r.error.code !== code)
    throw new Error(`expected error ${code}, got ${r.error.code}: ${r.error.message}`);
  return r.error.message;
}

export function unwrap<T>(
  r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!r.ok) throw new Error(`unexpected error ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Fast byte equality (vitest's deep equality is slow on multi-megabyte typed arrays). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}
