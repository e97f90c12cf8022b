import { isAnnotationType } from './annotations';
import type { Workflow, WorkflowEdge } from './workflow';

export interface WorkflowGraph {
  /** Incoming edges per node, per input port, in file order (list inputs concatenate in this order). */
  incoming: Map<string, Map<string, WorkflowEdge[]>>;
  outgoing: Map<string, WorkflowEdge[]>;
  /** Topological order of the nodes outside cycles. */
  order: string[];
  /** Each cycle as the list of node ids on it. */
  cycles: string[][];
}

export function buildGraph(workflow: Workflow): WorkflowGraph {
  const incoming = new Map<string, Map<string, WorkflowEdge[]>>();
  const outgoing = new Map<string, WorkflowEdge[]>();
  // Frames and notes are not part of the graph (annotations.ts): no order, no edges, no run.
  const nodes = workflow.nodes.filter((node) => !isAnnotationType(node.type));
  for (const node of nodes) {
    incoming.set(node.id, new Map());
    outgoing.set(node.id, []);
  }
  for (const edge of workflow.edges) {
    const ports = incoming.get(edge.target);
    const out = outgoing.get(edge.source);
    if (!ports || !out) continue;
    const list = ports.get(edge.targetPort) ?? [];
    list.push(edge);
    ports.set(edge.targetPort, list);
    out.push(edge);
  }
  const { order, cycles } = topologicalOrder(
    nodes.map((node) => node.id),
    outgoing,
  );
  return { incoming, outgoing, order, cycles };
}

function topologicalOrder(
  ids: string[],
  outgoing: Map<string, WorkflowEdge[]>,
): { order: string[]; cycles: string[][] } {
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const edges of outgoing.values()) {
    for (const edge of edges) indegree.set(edge.target, (indegree.get(edge.target) ?? 0) + 1);
  }
  const ready = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i] as string;
    order.push(id);
    // Stryker disable next-line ArrayDeclaration: every node id has an outgoing entry (buildGraph), so the fallback is never read
    for (const edge of outgoing.get(id) ?? []) {
      const left = (indegree.get(edge.target) ?? 0) - 1;
      indegree.set(edge.target, left);
      if (left === 0) ready.push(edge.target);
    }
  }
  const ordered = new Set(order);
  const cycles =
    // Stryker disable next-line ConditionalExpression: findCycles of no leftover nodes is [] too; the test only skips the call
    order.length === ids.length
      ? []
      : findCycles(
          ids.filter((id) => !ordered.has(id)),
          outgoing,
        );
  return { order, cycles };
}

/**
 * Strongly connected components of size > 1 (or self-loops) among the leftover nodes (Tarjan).
 * Iterative, with an explicit stack of (node, next edge index) frames: a file may hold a cycle
 * through every one of its 5,000 nodes, far deeper than the JS call stack allows.
 */
function findCycles(ids: string[], outgoing: Map<string, WorkflowEdge[]>): string[][] {
  const inSet = new Set(ids);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  // Stryker disable next-line ArrayDeclaration: an extra entry at the bottom is never reached; each component stops popping at its root
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const enter = (id: string, frames: { id: string; edge: number }[]): void => {
    index.set(id, counter);
    low.set(id, counter);
    counter++;
    stack.push(id);
    onStack.add(id);
    frames.push({ id, edge: 0 });
  };
  const closeComponent = (id: string): void => {
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      // Stryker disable next-line ConditionalExpression: `id` is on the stack, so the stack never runs out first (a guard for the type)
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== id);
    // Stryker disable next-line ArrayDeclaration: every node id has an outgoing entry, so the fallback is never read
    const selfLoop = (outgoing.get(id) ?? []).some((edge) => edge.target === id);
    if (component.length > 1 || selfLoop) cycles.push(component.reverse());
  };
  for (const root of ids) {
    if (index.has(root)) continue;
    // Stryker disable next-line ArrayDeclaration: a stray bottom entry has no id, so it has no edges and is popped without effect on the result
    const frames: { id: string; edge: number }[] = [];
    enter(root, frames);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { id: string; edge: number };
      // Stryker disable next-line ArrayDeclaration: every node id has an outgoing entry, so the fallback is never read
      const edges = outgoing.get(frame.id) ?? [];
      if (frame.edge < edges.length) {
        const next = (edges[frame.edge] as WorkflowEdge).target;
        frame.edge++;
        // Stryker disable next-line ConditionalExpression: an edge out of a leftover node only leads to leftover nodes (its target cannot be ordered before it), so this never skips
        if (!inSet.has(next)) continue;
        if (!index.has(next)) enter(next, frames);
        else if (onStack.has(next)) low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(next) ?? 0));
        continue;
      }
      frames.pop();
      if (low.get(frame.id) === index.get(frame.id)) closeComponent(frame.id);
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
    }
  }
  return cycles;
}

/** The nodes that read from `sources`, directly or not, sources included. */
export function descendantsOf(sources: Iterable<string>, graph: WorkflowGraph): Set<string> {
  const reached = new Set<string>();
  const queue = [...sources];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const edge of graph.outgoing.get(id) ?? []) queue.push(edge.target);
  }
  return reached;
}

/** The nodes `targets` need, targets included. */
export function ancestorsOf(targets: Iterable<string>, graph: WorkflowGraph): Set<string> {
  const needed = new Set<string>();
  const queue = [...targets];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (needed.has(id)) continue;
    needed.add(id);
    for (const edges of graph.incoming.get(id)?.values() ?? [])
      for (const edge of edges) queue.push(edge.source);
  }
  return needed;
}

const outgoingByEdges = new WeakMap<readonly WorkflowEdge[], Map<string, string[]>>();

/** Source id -> target ids, built once per edges array (the editor asks on every pointer move). */
function outgoingTargets(edges: readonly WorkflowEdge[]): Map<string, string[]> {
  const known = outgoingByEdges.get(edges);
  // Stryker disable next-line ConditionalExpression: the cache only saves time; rebuilding the map gives the same answer
  if (known) return known;
  const map = new Map<string, string[]>();
  for (const edge of edges) {
    const list = map.get(edge.source);
    if (list) list.push(edge.target);
    else map.set(edge.source, [edge.target]);
  }
  outgoingByEdges.set(edges, map);
  return map;
}

/** Would adding source -> target close a cycle? O(V + E), with the adjacency cached per edges array. */
export function wouldCreateCycle(workflow: Workflow, source: string, target: string): boolean {
  // Stryker disable next-line ConditionalExpression: a shortcut; without it the walk starts at `target`, which is `source`, and answers true too
  if (source === target) return true;
  const outgoing = outgoingTargets(workflow.edges);
  const seen = new Set<string>();
  const queue = [target];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (id === source) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    // Stryker disable next-line ArrayDeclaration: a phantom id in place of "no targets" names no node, so it reaches nothing and is never `source`
    for (const next of outgoing.get(id) ?? []) queue.push(next);
  }
  return false;
}
