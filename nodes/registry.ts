import type { NodeRegistry } from '../src/engine/node-definition';
import { editNode } from './edit/definition';
import { exportNode } from './export/definition';
import { generateNode } from './generate/definition';
import { promptNode } from './prompt/definition';
import { referenceSetNode } from './referenceSet/definition';

/** Adding a node type: one folder under nodes/ and one line here. */
export const nodeRegistry = {
  prompt: promptNode,
  referenceSet: referenceSetNode,
  generate: generateNode,
  edit: editNode,
  export: exportNode,
} satisfies NodeRegistry;

export type NodeType = keyof typeof nodeRegistry;

export const NODE_TYPES = Object.keys(nodeRegistry) as NodeType[];

export function isNodeType(type: string): type is NodeType {
  return Object.hasOwn(nodeRegistry, type);
}
