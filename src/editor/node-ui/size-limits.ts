import type { Size } from '../../engine/workflow';

/** How small and how large a node may be made (resize handle and keyboard resize alike). */
export interface SizeLimits {
  minWidth: number;
  minHeight: number;
  maxWidth: number;
  maxHeight: number;
}

/** A model or tool node: below this its fields no longer fit; above it, it hides its neighbours. */
export const NODE_SIZE_LIMITS: SizeLimits = { minWidth: 220, minHeight: 80, maxWidth: 1600, maxHeight: 1600 };
/** A frame groups nodes: it may be as large as a big graph. */
export const FRAME_SIZE_LIMITS: SizeLimits = {
  minWidth: 160,
  minHeight: 80,
  maxWidth: 8000,
  maxHeight: 8000,
};
export const NOTE_SIZE_LIMITS: SizeLimits = { minWidth: 140, minHeight: 80, maxWidth: 1600, maxHeight: 1600 };

export function sizeLimitsOf(type: string): SizeLimits {
  if (type === 'frame') return FRAME_SIZE_LIMITS;
  if (type === 'note') return NOTE_SIZE_LIMITS;
  return NODE_SIZE_LIMITS;
}

export const clampSize = (size: Size, limits: SizeLimits): Size => ({
  width: Math.min(limits.maxWidth, Math.max(limits.minWidth, Math.round(size.width))),
  height: Math.min(limits.maxHeight, Math.max(limits.minHeight, Math.round(size.height))),
});
