import { useViewStore } from '../store/view-store';

type Size = { width: number; height: number };

let pending: Record<string, Size> | null = null;

/**
 * Node sizes React Flow just measured, kept in the view store (fit, placement, Tidy, the minimap
 * and the canvas's own node objects read them) at the next frame, all sizes of that frame at once.
 *
 * Why not at once: React Flow reports sizes from its ResizeObserver callback, and a store update
 * there re-renders the canvas synchronously, inside the frame that mounted the nodes. Zooming into
 * a 500-node graph mounts full bodies a few per frame; re-rendering the canvas in each of those
 * frames made them the longest of the zoom. React Flow has the new sizes already (it measured
 * them); the canvas's copy only has to catch up, and an unchanged node keeps its object meanwhile,
 * so React Flow keeps its own measurement; a node object rebuilt meanwhile takes the waiting size
 * (withPendingSizes).
 */
export function recordMeasuredSizes(sizes: Readonly<Record<string, Size>>): void {
  if (pending) {
    Object.assign(pending, sizes);
    return;
  }
  pending = { ...sizes };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flushMeasuredSizes);
  else queueMicrotask(flushMeasuredSizes);
}

/**
 * `measured` (the view store's sizes) with the sizes still waiting for their frame. The canvas
 * derives React Flow's node objects from this: a node object rebuilt in that gap (its node was
 * edited) must carry the size React Flow measured, or React Flow would take the old one back.
 */
export function withPendingSizes(measured: Readonly<Record<string, Size>>): Readonly<Record<string, Size>> {
  return pending ? { ...measured, ...pending } : measured;
}

/** Applies the sizes recorded since the last flush (at the next frame; tests may call it early). */
export function flushMeasuredSizes(): void {
  if (!pending) return;
  const sizes = pending;
  pending = null;
  useViewStore.setState((state) => ({ measured: { ...state.measured, ...sizes } }));
}
