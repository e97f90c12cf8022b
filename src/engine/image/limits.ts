/** Size limits for images accepted by Peel (upload size, pixel count, longest side). */

import { err, ok, type Result } from './result';
import type { ImageInfo } from './sniff';

export interface ImageLimits {
  /** Maximum encoded file size in bytes. */
  readonly maxBytes: number;
  /** Maximum width * height. */
  readonly maxPixels: number;
  /** Maximum width or height in pixels. */
  readonly maxSide: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxBytes: 7 * 1024 * 1024,
  maxPixels: 50_000_000,
  maxSide: 16384,
};

const KB = 1024;
const MB = 1024 * 1024;

/**
 * Human-readable byte size: "512 bytes", "12.3 KB", "30.0 MB". With `trim`, a whole number
 * drops its decimal ("7 MB"), which reads better for limits.
 */
export function formatByteSize(n: number, trim = false): string {
  const fmt = (v: number, unit: string): string => {
    const s = v.toFixed(1);
    return `${trim && s.endsWith('.0') ? s.slice(0, -2) : s} ${unit}`;
  };
  if (n < KB) return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
  if (n < MB) return fmt(n / KB, 'KB');
  return fmt(n / MB, 'MB');
}

function formatMegapixels(pixels: number): string {
  return `${(pixels / 1_000_000).toFixed(1)} megapixels`;
}

/** Checks `info` (from `sniffImage`) and the file's byte length against `limits`. */
export function checkImageLimits(
  info: ImageInfo,
  byteLength: number,
  limits: Partial<ImageLimits> = {},
): Result<ImageInfo> {
  const l: ImageLimits = { ...DEFAULT_IMAGE_LIMITS, ...limits };
  if (byteLength > l.maxBytes) {
    return err(
      'image_too_large',
      `The image file is ${formatByteSize(byteLength)}, the limit is ${formatByteSize(l.maxBytes, true)}.`,
    );
  }
  const { width, height } = info;
  if (width > l.maxSide || height > l.maxSide) {
    return err(
      'image_too_large',
      `The image is ${width}x${height} px; the longest side may be at most ${l.maxSide} px.`,
    );
  }
  const pixels = width * height;
  if (pixels > l.maxPixels) {
    return err(
      'image_too_large',
      `The image is ${width}x${height} px (${formatMegapixels(pixels)}), the limit is ${formatMegapixels(l.maxPixels)}.`,
    );
  }
  return ok(info);
}
