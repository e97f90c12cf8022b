/**
 * The node an element id names (`gen[2]`, `gen[1,3]`: see `instanceId`), when that node is in
 * `known`; undefined for any other id. Lets a run target one element of a node mapped over an
 * answer still to come, before its instances (and their ids) exist.
 */
export function elementBaseOf(id: string, known: ReadonlySet<string>): string | undefined {
  const base = /^(.+)\[\d+(?:,\d+)*\]$/.exec(id)?.[1];
  return base !== undefined && known.has(base) ? base : undefined;
}
