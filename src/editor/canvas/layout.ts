import dagre from '@dagrejs/dagre';
import { isAnnotationType } from '../../engine/annotations';
import { buildGraph } from '../../engine/graph';
import type { Position, Workflow } from '../../engine/workflow';

const DEFAULT_SIZE = { width: 280, height: 220 };
const NODE_GAP = 40;
const RANK_GAP = 90;

/** Left-to-right layered layout of the whole graph (dagre), using measured sizes when known. */
export function autoLayout(
  all: Workflow,
  measured: Readonly<Record<string, { width: number; height: number }>>,
): Map<string, Position> {
  // Frames and notes keep their place: the layout arranges work nodes only.
  const doc = { ...all, nodes: all.nodes.filter((node) => !isAnnotationType(node.type)) };
  try {
    return dagreLayout(doc, measured);
  } catch (cause) {
    // dagre walks the graph recursively: a chain or cycle of a few thousand nodes overflows the
    // call stack. Such a graph still gets a layered layout, from our own iterative walk.
    if (cause instanceof RangeError) return layeredLayout(doc, measured);
    throw cause;
  }
}

function dagreLayout(
  doc: Workflow,
  measured: Readonly<Record<string, { width: number; height: number }>>,
): Map<string, Position> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: NODE_GAP, ranksep: RANK_GAP });
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

/**
 * Columns by longest path from a source (nodes in or behind a cycle go in one last column), each
 * column stacked top to bottom. Plainer than dagre, but never recursive.
 */
export function layeredLayout(
  doc: Workflow,
  measured: Readonly<Record<string, { width: number; height: number }>>,
): Map<string, Position> {
  const graph = buildGraph(doc);
  const rank = new Map<string, number>();
  let deepest = 0;
  for (const id of graph.order) {
    const own = rank.get(id) ?? 0;
    deepest = Math.max(deepest, own);
    for (const edge of graph.outgoing.get(id) ?? [])
      rank.set(edge.target, Math.max(rank.get(edge.target) ?? 0, own + 1));
  }
  const ordered = new Set(graph.order);
  const columns: string[][] = [];
  for (const node of doc.nodes) {
    const column = ordered.has(node.id) ? (rank.get(node.id) ?? 0) : deepest + 1;
    const members = columns[column] ?? [];
    members.push(node.id);
    columns[column] = members;
  }
  const positions = new Map<string, Position>();
  let x = 0;
  for (const column of columns) {
    if (!column) continue;
    let y = 0;
    let widest = 0;
    for (const id of column) {
      const size = measured[id] ?? DEFAULT_SIZE;
      positions.set(id, { x, y });
      y += size.height + NODE_GAP;
      widest = Math.max(widest, size.width);
    }
    x += widest + RANK_GAP;
  }
  return positions;
}
