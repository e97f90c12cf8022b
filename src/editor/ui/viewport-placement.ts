import { type RefObject, useLayoutEffect, useState } from 'react';

export interface Box {
  width: number;
  height: number;
}

/** Space kept between a popup and the window's edge. */
export const VIEWPORT_MARGIN = 8;

/**
 * Where a popup opened at `anchor` (its top-left corner by default) goes so it stays fully inside
 * the window: it flips to the other side of the anchor when that fits, otherwise slides inside.
 */
export function placeInViewport(
  anchor: { x: number; y: number },
  size: Box,
  viewport: Box,
  margin = VIEWPORT_MARGIN,
): { x: number; y: number } {
  const axis = (at: number, length: number, room: number): number => {
    if (at + length <= room - margin) return at;
    if (at - length >= margin) return at - length; // open towards the other side of the pointer
    return Math.max(margin, room - margin - length);
  };
  return { x: axis(anchor.x, size.width, viewport.width), y: axis(anchor.y, size.height, viewport.height) };
}

/**
 * The position for a fixed popup anchored at `anchor`, measured after each render (its content can
 * grow or shrink as the user types) so it never leaves the window.
 */
export function useViewportPlacement(
  ref: RefObject<HTMLElement | null>,
  anchor: { x: number; y: number } | null,
): { left: number; top: number; visibility?: 'hidden' } {
  const [placed, setPlaced] = useState<{ x: number; y: number; ax: number; ay: number } | null>(null);
  // Compared by value: callers may build a new anchor object on every render.
  const current = placed !== null && anchor !== null && placed.ax === anchor.x && placed.ay === anchor.y;
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || !anchor) return;
    const next = placeInViewport(
      anchor,
      { width: element.offsetWidth, height: element.offsetHeight },
      { width: window.innerWidth, height: window.innerHeight },
    );
    if (!current || placed.x !== next.x || placed.y !== next.y)
      setPlaced({ ...next, ax: anchor.x, ay: anchor.y });
  });
  if (!anchor) return { left: 0, top: 0, visibility: 'hidden' };
  // Until measured (the first frame), keep it invisible rather than flashing outside the window.
  if (!current) return { left: anchor.x, top: anchor.y, visibility: 'hidden' };
  return { left: placed.x, top: placed.y };
}
