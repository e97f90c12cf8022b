import { isNodeType, nodeRegistry } from '../../../nodes/registry';
import type { WorkflowNode } from '../../engine/workflow';
import { inputPortsOf } from '../canvas/node-ports';
import type { NodeRunState } from '../store/run-store';
import { portsHeight, showsOutputs } from './overview-parts';

/** `.peel-node`'s width (nodes.css). */
const COMPACT_WIDTH = 280;
/**
 * The title and status bands the placeholder draws as its top and bottom borders (nodes.css,
 * `.peel-node[data-placeholder]`: 36 px and 25 px, the node's own 1 px border included).
 */
const COMPACT_BANDS_HEIGHT = 36 + 25;

/**
 * The far-out placeholder's box (PlaceholderNode.tsx), known before it is drawn: its width, its
 * bands and its port rows, or the size the user gave the node. The overview node has the same box
 * unless it lists problems. Undefined where the box depends on more than that: a collapsed node,
 * one showing outputs, an annotation, a component or an unknown type.
 * `level-of-detail.e2e.ts` checks every registry type against Chromium's layout.
 */
export function compactBodySize(
  node: WorkflowNode,
  run: NodeRunState | undefined,
): { width: number; height: number } | undefined {
  if (node.collapsed === true || !isNodeType(node.type)) return undefined;
  if (run !== undefined && showsOutputs(run)) return undefined;
  if (node.size) return { width: node.size.width, height: node.size.height };
  const ports = portsHeight(
    Object.keys(inputPortsOf(node)).length,
    Object.keys(nodeRegistry[node.type].outputs).length,
  );
  return { width: COMPACT_WIDTH, height: COMPACT_BANDS_HEIGHT + ports };
}
