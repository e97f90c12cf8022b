import { getViewportForBounds, type Viewport } from '@xyflow/react';
import type { WorkflowNode } from '../../engine/workflow';
import { boundsAfterLayout } from './canvas-box';

/** Node size assumed where a node's size is not known before it is drawn. */
const ESTIMATED_NODE = { width: 280, height: 240 };
const NO_MOVES: ReadonlyMap<string, { x: number; y: number }> = new Map();

/**
 * The viewport that shows every node, from positions and the sizes `sizeOf` knows before drawing
 * (the far-out placeholders', compact-size.ts), computed as React Flow's Fit computes it. Big
 * graphs open straight at it, so their nodes mount once, already at overview zoom, instead of
 * full-size first; and where every size was known, the Fit made once they are measured lands on
 * the same view: the graph does not jump after it appears.
 */
export function estimateOverviewViewport(
  nodes: readonly WorkflowNode[],
  size: { width: number; height: number },
  limits: { minZoom: number; maxZoom: number; padding: number },
  sizeOf: (node: WorkflowNode) => { width: number; height: number } | undefined = () => undefined,
): Viewport | undefined {
  if (size.width <= 0 || size.height <= 0) return undefined;
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const box = boundsAfterLayout(nodes, NO_MOVES, (id) => {
    const node = byId.get(id);
    return (node && sizeOf(node)) ?? ESTIMATED_NODE;
  });
  if (!box) return undefined;
  return getViewportForBounds(box, size.width, size.height, limits.minZoom, limits.maxZoom, limits.padding);
}
