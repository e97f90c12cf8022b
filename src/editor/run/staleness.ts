import type { RunEstimate } from '../../engine/events';
import type { Workflow } from '../../engine/workflow';

/** Plan actions that mean the node's last output no longer matches the graph. */
const OUT_OF_DATE = new Set(['call', 'invalid', 'blocked']);

/**
 * Nodes whose shown outputs no longer describe the graph: the plan will call them again (an edit
 * changed their inputs or params), cannot run them, or one of their sources is stale. Nodes that
 * never call a model (export) are stale through their sources.
 */
export function staleNodes(doc: Workflow, estimate: RunEstimate | null): ReadonlySet<string> {
  const stale = new Set<string>();
  if (!estimate) return stale;
  const sources = new Map<string, string[]>();
  for (const edge of doc.edges) {
    const list = sources.get(edge.target);
    if (list) list.push(edge.source);
    else sources.set(edge.target, [edge.source]);
  }
  const known = new Map<string, boolean>();
  const visit = (id: string, path: Set<string>): boolean => {
    const done = known.get(id);
    if (done !== undefined) return done;
    if (path.has(id)) return false; // a cycle is a validation error, reported elsewhere
    path.add(id);
    const action = estimate.perNode[id]?.action;
    let result = action !== undefined && OUT_OF_DATE.has(action);
    for (const source of sources.get(id) ?? []) if (visit(source, path)) result = true;
    path.delete(id);
    known.set(id, result);
    if (result) stale.add(id);
    return result;
  };
  for (const node of doc.nodes) visit(node.id, new Set());
  return stale;
}
