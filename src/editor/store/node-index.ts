import type { Workflow, WorkflowNode } from '../../engine/workflow';
import { scopedView } from './edit-scope';

/**
 * id -> node, built once per nodes array (immer gives a new array only when a node changes), so
 * 500 node components each looking up their own node cost O(1) per change, not O(n).
 */
const indexes = new WeakMap<readonly WorkflowNode[], Map<string, WorkflowNode>>();

export function nodeIndex(doc: Workflow): Map<string, WorkflowNode> {
  let index = indexes.get(doc.nodes);
  if (!index) {
    index = new Map(doc.nodes.map((node) => [node.id, node]));
    indexes.set(doc.nodes, index);
  }
  return index;
}

/** Inside an opened component, the node of that component (node views, canvas rules). */
export const nodeById = (doc: Workflow, id: string): WorkflowNode | undefined =>
  nodeIndex(scopedView(doc)).get(id);

const incoming = new WeakMap<readonly Workflow['edges'][number][], Map<string, Set<string>>>();

/** Connected input ports per node, built once per edges array. */
export function connectedInputs(doc: Workflow, id: string): ReadonlySet<string> | undefined {
  const edges = scopedView(doc).edges;
  let index = incoming.get(edges);
  if (!index) {
    index = new Map();
    for (const edge of edges) {
      let ports = index.get(edge.target);
      if (!ports) {
        ports = new Set();
        index.set(edge.target, ports);
      }
      ports.add(edge.targetPort);
    }
    incoming.set(edges, index);
  }
  return index.get(id);
}
