import type { Anchor } from '../engine/image-ops';
import type { PixelRect } from './pixels';

export interface Size {
  width: number;
  height: number;
}

/** "4:5" -> 0.8 (width / height); undefined when malformed. */
export function parseAspectRatio(text: string | undefined): number | undefined {
  const match = text ? /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(text) : null;
  if (!match) return undefined;
  const ratio = Number(match[1]) / Number(match[2]);
  return Number.isFinite(ratio) && ratio > 0 ? ratio : undefined;
}

/** The output size of a resize: given sides win; a missing side follows the aspect ratio given or the image's. */
export function resizeTarget(
  source: Size,
  wanted: { width?: number | undefined; height?: number | undefined; aspectRatio?: string | undefined },
): Size {
  const ratio = parseAspectRatio(wanted.aspectRatio) ?? source.width / source.height;
  const { width, height } = wanted;
  if (width !== undefined && height !== undefined) return { width, height };
  if (width !== undefined) return { width, height: Math.max(1, Math.round(width / ratio)) };
  if (height !== undefined) return { width: Math.max(1, Math.round(height * ratio)), height };
  // Only an aspect ratio: the largest centred area of that shape (a crop for cover, padding for contain).
  return source.width / source.height > ratio
    ? { width: Math.max(1, Math.round(source.height * ratio)), height: source.height }
    : { width: source.width, height: Math.max(1, Math.round(source.width / ratio)) };
}

/** For `cover`: the centred source rectangle with the target's shape. */
export function coverSourceRect(source: Size, target: Size): PixelRect {
  const scale = Math.max(target.width / source.width, target.height / source.height);
  const width = Math.min(source.width, Math.max(1, Math.round(target.width / scale)));
  const height = Math.min(source.height, Math.max(1, Math.round(target.height / scale)));
  return {
    x: Math.floor((source.width - width) / 2),
    y: Math.floor((source.height - height) / 2),
    width,
    height,
  };
}

/** For `contain`: the fitted size inside the target and where it sits (centred). */
export function containPlacement(source: Size, target: Size): PixelRect {
  const scale = Math.min(target.width / source.width, target.height / source.height);
  const width = Math.min(target.width, Math.max(1, Math.round(source.width * scale)));
  const height = Math.min(target.height, Math.max(1, Math.round(source.height * scale)));
  return {
    x: Math.floor((target.width - width) / 2),
    y: Math.floor((target.height - height) / 2),
    width,
    height,
  };
}

/** Fractions (0..1) to whole pixels, at least one pixel, clipped to the image. */
export function fractionRect(
  source: Size,
  rect: { x: number; y: number; width: number; height: number },
): PixelRect {
  const x = Math.min(source.width - 1, Math.max(0, Math.round(rect.x * source.width)));
  const y = Math.min(source.height - 1, Math.max(0, Math.round(rect.y * source.height)));
  const right = Math.min(source.width, Math.round((rect.x + rect.width) * source.width));
  const bottom = Math.min(source.height, Math.round((rect.y + rect.height) * source.height));
  return { x, y, width: Math.max(1, right - x), height: Math.max(1, bottom - y) };
}

/** The overlay's size and top-left corner on the base for a composite. */
export function overlayPlacement(
  base: Size,
  overlay: Size,
  options: { anchor: Anchor; offsetX: number; offsetY: number; scale: number },
): PixelRect {
  const shorter = Math.min(base.width, base.height);
  const longest = Math.max(1, Math.round(options.scale * shorter));
  const factor = longest / Math.max(overlay.width, overlay.height);
  const width = Math.max(1, Math.round(overlay.width * factor));
  const height = Math.max(1, Math.round(overlay.height * factor));
  const [vertical, horizontal] = anchorParts(options.anchor);
  const left =
    horizontal === 'left'
      ? 0
      : horizontal === 'right'
        ? base.width - width
        : Math.floor((base.width - width) / 2);
  const top =
    vertical === 'top'
      ? 0
      : vertical === 'bottom'
        ? base.height - height
        : Math.floor((base.height - height) / 2);
  return {
    x: left + Math.round(options.offsetX * shorter),
    y: top + Math.round(options.offsetY * shorter),
    width,
    height,
  };
}

function anchorParts(anchor: Anchor): ['top' | 'middle' | 'bottom', 'left' | 'middle' | 'right'] {
  const vertical = anchor.startsWith('top') ? 'top' : anchor.startsWith('bottom') ? 'bottom' : 'middle';
  const horizontal = anchor.endsWith('left') ? 'left' : anchor.endsWith('right') ? 'right' : 'middle';
  return [vertical, horizontal];
}

/** Cell rectangles of a rows x cols grid, row by row; remainders go to the last row/column. */
export function gridCells(source: Size, rows: number, cols: number): PixelRect[] {
  const cells: PixelRect[] = [];
  for (let row = 0; row < rows; row++) {
    const y = Math.floor((row * source.height) / rows);
    const bottom = Math.floor(((row + 1) * source.height) / rows);
    for (let col = 0; col < cols; col++) {
      const x = Math.floor((col * source.width) / cols);
      const right = Math.floor(((col + 1) * source.width) / cols);
      cells.push({ x, y, width: right - x, height: bottom - y });
    }
  }
  return cells;
}
