/**
 * Minimal baseline JPEG encoder: YCbCr 4:4:4, one flat colour per 8x8 block
 * (DC coefficients only), so every image is small, valid and decodable.
 * A COM segment carries free text (the request hash).
 */
import type { Rgb } from './png';

// Standard luminance DC table (ITU T.81 Annex K.3).
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
// AC table holding only EOB (0x00), code '0'.
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_VALS = [0];
const QUANT = 8; // DC coefficient of a flat block is 8*(v-128): quantised it is v-128

function canonicalCodes(bits: number[], vals: number[]): Map<number, { code: number; len: number }> {
  const out = new Map<number, { code: number; len: number }>();
  let code = 0;
  let k = 0;
  bits.forEach((count, i) => {
    for (let j = 0; j < count; j++) out.set(vals[k++] ?? 0, { code: code++, len: i + 1 });
    code <<= 1;
  });
  return out;
}
const DC_CODES = canonicalCodes(DC_BITS, DC_VALS);
const AC_EOB = canonicalCodes(AC_BITS, AC_VALS).get(0) ?? { code: 0, len: 1 };

class BitWriter {
  readonly bytes: number[] = [];
  private acc = 0;
  private n = 0;
  write(code: number, len: number): void {
    for (let i = len - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((code >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }
  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0x00); // byte stuffing
    this.acc = 0;
    this.n = 0;
  }
  finish(): number[] {
    while (this.n !== 0) this.write(1, 1); // pad with 1-bits
    return this.bytes;
  }
}

function segment(marker: number, payload: number[]): number[] {
  const len = payload.length + 2;
  return [0xff, marker, len >> 8, len & 0xff, ...payload];
}

function toYcc([r, g, b]: Rgb): [number, number, number] {
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  return [
    clamp(0.299 * r + 0.587 * g + 0.114 * b),
    clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b),
    clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b),
  ];
}

/** `blockColour(bx, by)` gives the flat colour of the 8x8 block at block coordinates. */
export function encodeJpeg(
  width: number,
  height: number,
  blockColour: (bx: number, by: number) => Rgb,
  comment = '',
): Buffer {
  const out: number[] = [0xff, 0xd8];
  out.push(...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]));
  if (comment) out.push(...segment(0xfe, [...Buffer.from(comment.slice(0, 60000), 'latin1')]));
  out.push(...segment(0xdb, [0x00, ...new Array<number>(64).fill(QUANT)]));
  const comps = [1, 2, 3].flatMap((id) => [id, 0x11, 0]);
  out.push(...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, ...comps]));
  out.push(...segment(0xc4, [0x00, ...DC_BITS, ...DC_VALS]));
  out.push(...segment(0xc4, [0x10, ...AC_BITS, ...AC_VALS]));
  out.push(...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]));
  const bw = new BitWriter();
  const pred = [0, 0, 0];
  for (let by = 0; by < Math.ceil(height / 8); by++) {
    for (let bx = 0; bx < Math.ceil(width / 8); bx++) {
      toYcc(blockColour(bx, by)).forEach((v, c) => {
        const dc = v - 128;
        const diff = dc - (pred[c] ?? 0);
        pred[c] = dc;
        const mag = Math.abs(diff);
        const cat = mag === 0 ? 0 : 32 - Math.clz32(mag);
        const huff = DC_CODES.get(cat) ?? { code: 0, len: 2 };
        bw.write(huff.code, huff.len);
        if (cat > 0) bw.write(diff > 0 ? diff : diff + (1 << cat) - 1, cat);
        bw.write(AC_EOB.code, AC_EOB.len);
      });
    }
  }
  out.push(...bw.finish(), 0xff, 0xd9);
  return Buffer.from(out);
}
