import { isInside } from './expand';

/**
 * Node ids as the flat graph knows them: an id naming a component instance stands for every node
 * inside it; other ids are kept as they are.
 */
export function flatIdsOf(ids: readonly string[], flatIds: readonly string[]): string[] {
  const known = new Set(flatIds);
  const out: string[] = [];
  for (const id of ids) {
    if (known.has(id)) out.push(id);
    else out.push(...flatIds.filter((flatId) => isInside(flatId, id)));
  }
  return out;
}
