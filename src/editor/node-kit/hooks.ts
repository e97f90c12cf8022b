import { useDocumentStore } from '../store/document-store';
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
