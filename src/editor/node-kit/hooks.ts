import { nodeRegistry } from '../../../nodes/registry';
import { manyInputPorts } from '../../engine/many/many-inputs';
import type { Workflow, WorkflowNode } from '../../engine/workflow';
import { useDocumentStore } from '../store/document-store';
import { scopedView } from '../store/edit-scope';
import { connectedInputs } from '../store/node-index';
import { useRunStore } from '../store/run-store';

/** Whether something is linked into input `port` of node `id` (re-renders only when that changes). */
export function useInputConnected(id: string, port: string): boolean {
  return useDocumentStore((state) => connectedInputs(state.doc, id)?.has(port) === true);
}

/** The image that last arrived on a node's input port, by hash (the upstream node's first output image). */
export function useUpstreamImage(nodeId: string, port: string): string | undefined {
  const source = useDocumentStore(
    (state) => state.doc.edges.find((edge) => edge.target === nodeId && edge.targetPort === port)?.source,
  );
  return useRunStore((state) => (source ? state.nodes[source]?.outputs?.images[0] : undefined));
}

/** The node linked into input `port` of node `id`, if any (re-renders only when that changes). */
export function useInputSource(id: string, port: string): string | undefined {
  return useDocumentStore(
    (state) => state.doc.edges.find((edge) => edge.target === id && edge.targetPort === port)?.source,
  );
}

/** Per nodes array (immer gives a new one on any node edit): which inputs receive many values. */
const manyInputsByNodes = new WeakMap<
  readonly WorkflowNode[],
  { edges: Workflow['edges']; ports: Map<string, string[]> }
>();

function manyInputsOf(doc: Workflow): Map<string, string[]> {
  const view = scopedView(doc);
  const known = manyInputsByNodes.get(view.nodes);
  if (known && known.edges === view.edges) return known.ports;
  const ports = manyInputPorts(view, nodeRegistry);
  manyInputsByNodes.set(view.nodes, { edges: view.edges, ports });
  return ports;
}

/** How many inputs of node `id` receive a *many* value; from two on, its `combine` decides the pairing. */
export function useManyInputCount(id: string): number {
  return useDocumentStore((state) => manyInputsOf(state.doc).get(id)?.length ?? 0);
}
