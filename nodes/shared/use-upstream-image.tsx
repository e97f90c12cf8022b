import { useDocumentStore } from '../../src/editor/store/document-store';
import { useRunStore } from '../../src/editor/store/run-store';

/** The image that last arrived on a node's input port, by hash (the upstream node's first output image). */
export function useUpstreamImage(nodeId: string, port: string): string | undefined {
  const source = useDocumentStore(
    (state) => state.doc.edges.find((edge) => edge.target === nodeId && edge.targetPort === port)?.source,
  );
  return useRunStore((state) => (source ? state.nodes[source]?.outputs?.images[0] : undefined));
}
