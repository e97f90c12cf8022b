import type { Viewport } from '@xyflow/react';
import type { WorkflowNode } from '../../engine/workflow';
import { boundsAfterLayout } from './canvas-box';

/** Node size assumed before measuring: close enough to pick the zoom a fit will land on. */
const ESTIMATED_NODE = { width: 280, height: 240 };
const NO_MOVES: ReadonlyMap<string, { x: number; y: number }> = new Map();

/**
 * The viewport that shows every node, estimated from positions alone. Big graphs open straight at
 * it, so their nodes mount once, already at overview (compact) zoom, instead of full-size first.
 */
export function estimateOverviewViewport(
  nodes: readonly WorkflowNode[],
  size: { width: number; height: number },
  limits: { minZoom: number; maxZoom: number; padding: number },
): Viewport | undefined {
  if (size.width <= 0 || size.height <= 0) return undefined;
  const box = boundsAfterLayout(nodes, NO_MOVES, () => ESTIMATED_NODE);
  if (!box) return undefined;
  const width = box.width * (1 + limits.padding);
  const height = box.height * (1 + limits.padding);
  const zoom = Math.min(
    limits.maxZoom,
    Math.max(limits.minZoom, Math.min(size.width / width, size.height / height)),
  );
  return {
    zoom,
    x: size.width / 2 - (box.x + box.width / 2) * zoom,
    y: size.height / 2 - (box.y + box.height / 2) * zoom,
  };
}
