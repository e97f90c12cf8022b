import dagre from '@dagrejs/dagre';
import type { Position, Workflow } from '../../engine/workflow';
import { type LayoutInput, layoutInputOf } from './layout-input';

const NODE_GAP = 40;
const RANK_GAP = 90;

/** Left-to-right layered layout of the whole graph (dagre), using measured sizes when known. */
export function autoLayout(
  all: Workflow,
  measured: Readonly<Record<string, { width: number; height: number }>>,
): Map<string, Position> {
  return layoutGraph(layoutInputOf(all, measured));
}

/** Top-left corners for every node of `input`. Pure: the same answer on the page and in the worker. */
export function layoutGraph(input: LayoutInput): Map<string, Position> {
  try {
    return dagreLayout(input);
  } catch (cause) {
    // dagre walks the graph recursively: a chain or cycle of a few thousand nodes overflows the
    // call stack. Such a graph still gets a layered layout, from our own iterative walk.
    if (cause instanceof RangeError) return layeredLayout(input);
    throw cause;
  }
}

function dagreLayout(input: LayoutInput): Map<string, Position> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: NODE_GAP, ranksep: RANK_GAP });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of input.nodes) graph.setNode(node.id, { width: node.width, height: node.height });
  for (const edge of input.edges) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const positions = new Map<string, Position>();
  for (const node of input.nodes) {
    const placed = graph.node(node.id);
    // dagre gives centres; the document stores top-left corners.
    if (placed)
      positions.set(node.id, {
        x: Math.round(placed.x - node.width / 2),
        y: Math.round(placed.y - node.height / 2),
      });
  }
  return positions;
}

/**
 * Columns by longest path from a source (nodes in or behind a cycle go in one last column), each
 * column stacked top to bottom. Plainer than dagre, but never recursive.
 */
export function layeredLayout(input: LayoutInput): Map<string, Position> {
  const outgoing = new Map<string, string[]>(input.nodes.map((node) => [node.id, []]));
  const indegree = new Map<string, number>(input.nodes.map((node) => [node.id, 0]));
  for (const edge of input.edges) {
    outgoing.get(edge.source)?.push(edge.target);
    indegree.set(edge.target, (indegree.get(edge.target) ?? 0) + 1);
  }
  // Kahn's walk: `order` holds every node not in or behind a cycle, sources first.
  const order = input.nodes.filter((node) => indegree.get(node.id) === 0).map((node) => node.id);
  for (let i = 0; i < order.length; i++) {
    for (const target of outgoing.get(order[i] as string) ?? []) {
      const left = (indegree.get(target) ?? 0) - 1;
      indegree.set(target, left);
      if (left === 0) order.push(target);
    }
  }
  const rank = new Map<string, number>();
  let deepest = 0;
  for (const id of order) {
    const own = rank.get(id) ?? 0;
    deepest = Math.max(deepest, own);
    for (const target of outgoing.get(id) ?? []) rank.set(target, Math.max(rank.get(target) ?? 0, own + 1));
  }
  const ordered = new Set(order);
  const columns: LayoutInput['nodes'][] = [];
  for (const node of input.nodes) {
    const column = ordered.has(node.id) ? (rank.get(node.id) ?? 0) : deepest + 1;
    const members = columns[column] ?? [];
    members.push(node);
    columns[column] = members;
  }
  const positions = new Map<string, Position>();
  let x = 0;
  for (const column of columns) {
    if (!column) continue;
    let y = 0;
    let widest = 0;
    for (const node of column) {
      positions.set(node.id, { x, y });
      y += node.height + NODE_GAP;
      widest = Math.max(widest, node.width);
    }
    x += widest + RANK_GAP;
  }
  return positions;
}
