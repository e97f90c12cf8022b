import type { Workflow } from '../workflow';
import { elementOf } from './element-edge';

/** Whether an edge of `workflow` reads a many output of its source (`manyOf`: a node's many outputs). */
export function readsManyOutput(
  workflow: Workflow,
  manyOf: (id: string) => Record<string, unknown> | undefined,
): boolean {
  const known = new Map<string, Record<string, unknown> | undefined>();
  for (const edge of workflow.edges) {
    // An edge that names one element already reads one value.
    if (elementOf(edge) !== undefined) continue;
    if (!known.has(edge.source)) known.set(edge.source, manyOf(edge.source));
    const many = known.get(edge.source);
    if (many && Object.hasOwn(many, edge.sourcePort)) return true;
  }
  return false;
}
