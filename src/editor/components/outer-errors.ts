import { outerNodeId } from '../../engine/components/expand';

/**
 * Validation errors by the node the canvas shows: an error of a node inside a component (flat id
 * `a/gen`) is shown on the component node `a`, prefixed with the inner path ("gen: ...").
 */
export function errorsByCanvasNode<E extends { message: string }>(
  nodeErrors: ReadonlyMap<string, E[]>,
): Map<string, { message: string }[]> {
  const out = new Map<string, { message: string }[]>();
  for (const [id, errors] of nodeErrors) {
    const outer = outerNodeId(id);
    const inner = id === outer ? '' : id.slice(outer.length + 1).replaceAll('/', ' › ');
    const list = out.get(outer) ?? [];
    for (const error of errors) list.push({ message: inner ? `${inner}: ${error.message}` : error.message });
    out.set(outer, list);
  }
  return out;
}
