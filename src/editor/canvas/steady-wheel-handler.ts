import { useStore } from '@xyflow/react';
import { useEffect } from 'react';

/** Does nothing: it is there to be a listener (see SteadyWheelHandler). */
const keepBlocking = (): void => undefined;

/**
 * Keeps a second, idle, non-passive wheel listener on React Flow's zoom pane for as long as the
 * canvas is mounted.
 *
 * React Flow re-binds d3-zoom's wheel handler (remove, then add) whenever its pan settings change,
 * and pressing or releasing Shift changes them (Shift+drag selects instead of panning). For a moment
 * the pane had no blocking wheel listener, and Chromium repaints everything under an element that
 * enters or leaves that state: every node, 40 to 90 ms for 500 nodes, on Shift down and again on
 * Shift up, so Tidy's Shift+L cost two full repaints before the layout even started. With this
 * listener the pane never leaves the state. The wheel already blocked there (d3's handler calls
 * preventDefault), so scrolling and zooming behave as before.
 */
export function SteadyWheelHandler(): null {
  // React Flow's root element; set once its zoom pane is created.
  const root = useStore((state) => state.domNode);
  useEffect(() => {
    const pane = root?.querySelector('.react-flow__renderer');
    if (!pane) return;
    pane.addEventListener('wheel', keepBlocking, { passive: false });
    return () => pane.removeEventListener('wheel', keepBlocking);
  }, [root]);
  return null;
}
