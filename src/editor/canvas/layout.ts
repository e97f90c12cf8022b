import dagre from '@dagrejs/dagre';
import type { Position, Workflow } from '../../engine/workflow';

const DEFAULT_SIZE = { width: 280, height: 220 };

/** Left-to-right layered layout of the whole graph (dagre), using measured sizes when known. */
export function autoLayout(
  doc: Workflow,
  measured: Readonly<Record<string, { width: number; height: number }>>,
): Map<string, Position> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of doc.nodes) graph.setNode(node.id, { ...(measured[node.id] ?? DEFAULT_SIZE) });
  for (const edge of doc.edges) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const positions = new Map<string, Position>();
  for (const node of doc.nodes) {
    const placed = graph.node(node.id);
    const size = measured[node.id] ?? DEFAULT_SIZE;
    // dagre gives centres; the document stores top-left corners.
    if (placed)
      positions.set(node.id, {
        x: Math.round(placed.x - size.width / 2),
        y: Math.round(placed.y - size.height / 2),
      });
  }
  return positions;
}
