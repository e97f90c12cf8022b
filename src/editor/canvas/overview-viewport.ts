import type { Viewport } from '@xyflow/react';
import type { WorkflowNode } from '../../engine/workflow';

/** Node size assumed before measuring: close enough to pick the zoom a fit will land on. */
const ESTIMATED_NODE = { width: 280, height: 240 };

/**
 * The viewport that shows every node, estimated from positions alone. Big graphs open straight at
 * it, so their nodes mount once, already at overview (compact) zoom, instead of full-size first.
 */
export function estimateOverviewViewport(
  nodes: readonly WorkflowNode[],
  size: { width: number; height: number },
  limits: { minZoom: number; maxZoom: number; padding: number },
): Viewport | undefined {
  if (nodes.length === 0 || size.width <= 0 || size.height <= 0) return undefined;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const node of nodes) {
    minX = Math.min(minX, node.position.x);
    minY = Math.min(minY, node.position.y);
    maxX = Math.max(maxX, node.position.x + ESTIMATED_NODE.width);
    maxY = Math.max(maxY, node.position.y + ESTIMATED_NODE.height);
  }
  const width = (maxX - minX) * (1 + limits.padding);
  const height = (maxY - minY) * (1 + limits.padding);
  const zoom = Math.min(
    limits.maxZoom,
    Math.max(limits.minZoom, Math.min(size.width / width, size.height / height)),
  );
  return {
    zoom,
    x: size.width / 2 - ((minX + maxX) / 2) * zoom,
    y: size.height / 2 - ((minY + maxY) / 2) * zoom,
  };
}
