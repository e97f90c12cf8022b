import type { Rgba } from '../engine/image-ops';
import { type RawImage, rawImage } from './codecs';

/** Whole-pixel rectangle inside an image. */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function cropPixels(image: RawImage, rect: PixelRect): RawImage {
  const out = rawImage(rect.width, rect.height);
  const rowBytes = rect.width * 4;
  for (let row = 0; row < rect.height; row++) {
    const from = ((rect.y + row) * image.width + rect.x) * 4;
    out.data.set(image.data.subarray(from, from + rowBytes), row * rowBytes);
  }
  return out;
}

export function filled(width: number, height: number, colour: Rgba): RawImage {
  const out = rawImage(width, height);
  const [r, g, b, a] = colour;
  if (r === 0 && g === 0 && b === 0 && a === 0) return out;
  const pixel = new Uint8ClampedArray([r, g, b, a]);
  for (let i = 0; i < out.data.length; i += 4) out.data.set(pixel, i);
  return out;
}

/**
 * Source-over blending of `overlay` onto `base` at (left, top), scaled by `opacity`; parts
 * outside the base are clipped. Integer-exact in straight (non-premultiplied) alpha, so the
 * result is the same wherever it runs.
 */
export function blendOver(base: RawImage, overlay: RawImage, left: number, top: number, opacity = 1): void {
  const x0 = Math.max(0, left);
  const y0 = Math.max(0, top);
  const x1 = Math.min(base.width, left + overlay.width);
  const y1 = Math.min(base.height, top + overlay.height);
  const alphaScale = Math.round(Math.min(1, Math.max(0, opacity)) * 255);
  const b = base.data;
  const o = overlay.data;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const s = ((y - top) * overlay.width + (x - left)) * 4;
      const d = (y * base.width + x) * 4;
      // Alpha in 0..65025 (255²) keeps the arithmetic in integers.
      const srcA = (o[s + 3] as number) * alphaScale;
      if (srcA === 0) continue;
      const dstA = (b[d + 3] as number) * 255;
      const outA = srcA + Math.round((dstA * (65025 - srcA)) / 65025);
      for (let c = 0; c < 3; c++) {
        const src = o[s + c] as number;
        const dst = b[d + c] as number;
        b[d + c] = Math.round((src * srcA + Math.round((dst * dstA * (65025 - srcA)) / 65025)) / outA);
      }
      b[d + 3] = Math.round(outA / 255);
    }
  }
}

/** Source-over of one straight-alpha colour onto the pixel at byte offset `at`. */
export function blendPixel(
  data: Uint8ClampedArray,
  at: number,
  r: number,
  g: number,
  b: number,
  a: number,
): void {
  const srcA = a * 255;
  if (srcA === 0) return;
  const dstA = (data[at + 3] as number) * 255;
  const outA = srcA + Math.round((dstA * (65025 - srcA)) / 65025);
  const mix = (src: number, dst: number) =>
    Math.round((src * srcA + Math.round((dst * dstA * (65025 - srcA)) / 65025)) / outA);
  data[at] = mix(r, data[at] as number);
  data[at + 1] = mix(g, data[at + 1] as number);
  data[at + 2] = mix(b, data[at + 2] as number);
  data[at + 3] = Math.round(outA / 255);
}

/** Copies `image` onto `target` at (left, top) without blending (padding for `contain`). */
export function placeOnto(target: RawImage, image: RawImage, left: number, top: number): void {
  const rowBytes = image.width * 4;
  for (let row = 0; row < image.height; row++) {
    const from = row * rowBytes;
    target.data.set(image.data.subarray(from, from + rowBytes), ((top + row) * target.width + left) * 4);
  }
}

export function isOpaque(image: RawImage): boolean {
  for (let i = 3; i < image.data.length; i += 4) if (image.data[i] !== 255) return false;
  return true;
}
