import type { ReactFlowInstance } from '@xyflow/react';
import type { CanvasBox } from './canvas-box';
import { LOD_EVERYTHING_UP_TO } from './level-of-detail';

/** Room around the graph when fitting, as a fraction of the view. */
export const FIT_PADDING = 0.2;
const FIT_ANIMATION_MS = 200;

type Fitter = Pick<ReactFlowInstance, 'fitView' | 'getNodes'>;
type BoundsFitter = Fitter & Pick<ReactFlowInstance, 'fitBounds'>;

/**
 * Fit (F, the toolbar button, after Tidy). A small graph glides there. A big one jumps: each frame
 * of a glide repaints every node and, on the way out, grants full bodies to nodes passing through
 * the view only to switch them back to compact, so a 500-node fit blocked the page for ~0.4 s.
 */
export function fitCanvas(flow: Fitter): void {
  const big = flow.getNodes().length > LOD_EVERYTHING_UP_TO;
  void flow.fitView({ padding: FIT_PADDING, duration: big ? 0 : FIT_ANIMATION_MS });
}

/**
 * The fit after Tidy: to the box the laid-out nodes fill, known from the layout, so React Flow
 * need not wait for the moved nodes and measure their bounds again (about a tenth of a 500-node
 * Tidy's main-thread time). Without a box, the usual fit.
 */
export function fitCanvasTo(flow: BoundsFitter, bounds: CanvasBox | undefined): void {
  if (!bounds) {
    fitCanvas(flow);
    return;
  }
  const big = flow.getNodes().length > LOD_EVERYTHING_UP_TO;
  void flow.fitBounds(bounds, { padding: FIT_PADDING, duration: big ? 0 : FIT_ANIMATION_MS });
}
