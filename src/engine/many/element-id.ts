/**
 * The node an element id names (`gen[2]`, `gen[1,3]`: see `instanceId`), when that node is in
 * `known`; undefined for any other id. Lets a run target one element of a node mapped over an
 * answer still to come, before its instances (and their ids) exist.
 */
export function elementBaseOf(id: string, known: ReadonlySet<string>): string | undefined {
  // The last bracket is the element: a node id may hold brackets itself (`cut[2][1]`).
  const element = /\[\d+(?:,\d+)*\]$/.exec(id);
  if (!element) return undefined;
  const base = id.slice(0, element.index);
  return known.has(base) ? base : undefined;
}
