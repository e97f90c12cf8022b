import type { Workflow, WorkflowNode } from '../../engine/workflow';

/** The same node but for its position (no other field changed identity). */
export function sameNodeButPosition(before: WorkflowNode, after: WorkflowNode): boolean {
  if (before === after) return true;
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  for (const key in a) if (key !== 'position' && a[key] !== b[key]) return false;
  for (const key in b) if (!(key in a)) return false;
  return true;
}

/**
 * Whether `after` differs from `before` only by where nodes sit (a drag, Tidy). Validation, the
 * estimate and cache keys never depend on positions, so such a change need not recompute them.
 */
export function onlyMoved(before: Workflow, after: Workflow): boolean {
  if (before === after) return true;
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  for (const key in a) if (key !== 'nodes' && a[key] !== b[key]) return false;
  for (const key in b) if (!(key in a)) return false;
  if (before.nodes.length !== after.nodes.length) return false;
  return before.nodes.every((node, index) => {
    const other = after.nodes[index];
    return other !== undefined && sameNodeButPosition(node, other);
  });
}
