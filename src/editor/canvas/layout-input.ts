import { isAnnotationType } from '../../engine/annotations';
import type { Workflow } from '../../engine/workflow';

/** Size assumed for a node not measured yet. */
const DEFAULT_SIZE = { width: 280, height: 220 };

/**
 * What the layout needs, and nothing else: ids, sizes and links. Small and plain, so it crosses
 * to the layout worker (layout-worker.ts) without copying the document. Kept apart from layout.ts
 * so building it does not load the layout library on the page.
 */
export interface LayoutInput {
  nodes: { id: string; width: number; height: number }[];
  edges: { source: string; target: string }[];
}

/** The layout input of a workflow: work nodes with their measured sizes (a default before measuring). */
export function layoutInputOf(
  all: Workflow,
  measured: Readonly<Record<string, { width: number; height: number }>>,
): LayoutInput {
  // Frames and notes keep their place: the layout arranges work nodes only.
  const nodes = all.nodes
    .filter((node) => !isAnnotationType(node.type))
    .map((node) => {
      const size = measured[node.id] ?? DEFAULT_SIZE;
      return { id: node.id, width: size.width, height: size.height };
    });
  const ids = new Set(nodes.map((node) => node.id));
  const edges = all.edges
    .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
    .map((edge) => ({ source: edge.source, target: edge.target }));
  return { nodes, edges };
}
