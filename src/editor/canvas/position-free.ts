import type { NodeProps, NodeTypes } from '@xyflow/react';
import { type ComponentType, memo } from 'react';

/** Props React Flow changes when a node only moves: its body shows nothing that depends on them. */
const MOVE_ONLY_PROPS = new Set(['positionAbsoluteX', 'positionAbsoluteY']);

function sameButPosition(before: Readonly<NodeProps>, after: Readonly<NodeProps>): boolean {
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  for (const key in a) if (!MOVE_ONLY_PROPS.has(key) && !Object.is(a[key], b[key])) return false;
  for (const key in b) if (!(key in a)) return false;
  return true;
}

/**
 * Node bodies that do not re-render when their node only moves. React Flow hands every node
 * component its position, so Tidy (500 nodes moved at once) re-rendered all 500 bodies and held
 * the page for several hundred ms; React Flow's own wrapper still moves the node.
 */
export function positionFree(types: NodeTypes): NodeTypes {
  return Object.fromEntries(
    // memo() around the view (itself often a memo): the outer one decides, ignoring moves.
    Object.entries(types).map(([type, View]) => [
      type,
      memo(View as ComponentType<NodeProps>, sameButPosition),
    ]),
  ) as NodeTypes;
}
