/** Deterministic fake images derived from a request hash. */
import { createHash } from 'node:crypto';
import { encodeJpeg } from './jpeg';
import { encodePng, type Rgb } from './png';

export interface FakeImage {
  mimeType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  bytes: Buffer;
}

/** Long side in pixels per imageSize: tiny stand-ins for 512 / 1K / 2K / 4K. */
const LONG_SIDE: Record<string, number> = { '512': 32, '1K': 64, '2K': 128, '4K': 256 };

export function imageDimensions(aspectRatio = '1:1', imageSize = '1K'): { width: number; height: number } {
  const [w = 1, h = 1] = aspectRatio.split(':').map(Number);
  const long = LONG_SIDE[imageSize] ?? 64;
  const scale = long / Math.max(w, h);
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

function palette(hash: Buffer): (t: number, stripe: boolean) => Rgb {
  const a: Rgb = [hash[0] ?? 0, hash[1] ?? 0, hash[2] ?? 0];
  const b: Rgb = [hash[3] ?? 255, hash[4] ?? 255, hash[5] ?? 255];
  const s: Rgb = [hash[6] ?? 128, hash[7] ?? 128, hash[8] ?? 128];
  const mix = (i: 0 | 1 | 2, t: number) => Math.round(a[i] * (1 - t) + b[i] * t);
  return (t, stripe) => (stripe ? s : [mix(0, t), mix(1, t), mix(2, t)]);
}

export function makeImage(
  hashHex: string,
  mimeType: FakeImage['mimeType'],
  aspectRatio?: string,
  imageSize?: string,
): FakeImage {
  const hash = createHash('sha256').update(`image:${hashHex}`).digest();
  const { width, height } = imageDimensions(aspectRatio, imageSize);
  const colour = palette(hash);
  const period = 4 + ((hash[9] ?? 0) % 6);
  if (mimeType === 'image/png') {
    const pixel = (x: number, y: number): Rgb =>
      colour((x + y) / Math.max(1, width + height - 2), Math.floor((x + 2 * y) / period) % 5 === 0);
    return {
      mimeType,
      width,
      height,
      bytes: encodePng(width, height, pixel, { 'fake-gemini-hash': hashHex }),
    };
  }
  const bw = Math.ceil(width / 8);
  const bh = Math.ceil(height / 8);
  const block = (bx: number, by: number): Rgb =>
    colour((bx + by) / Math.max(1, bw + bh - 2), (bx + 2 * by) % 5 === (hash[10] ?? 0) % 5);
  return { mimeType, width, height, bytes: encodeJpeg(width, height, block, `fake-gemini-hash:${hashHex}`) };
}
