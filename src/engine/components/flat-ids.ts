import { isInside } from './expand';

/**
 * Node ids as the flat graph knows them: an id naming a component instance stands for every node
 * inside it; other ids (flat ids, and element ids such as `gen[2]` that the many-values expansion
 * knows) are kept as they are.
 */
export function flatIdsOf(ids: readonly string[], flatIds: readonly string[]): string[] {
  const known = new Set(flatIds);
  const out: string[] = [];
  for (const id of ids) {
    const inner = known.has(id) ? [] : flatIds.filter((flatId) => isInside(flatId, id));
    if (inner.length > 0) out.push(...inner);
    else out.push(id);
  }
  return out;
}
