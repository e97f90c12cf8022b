// The baseline for the editor benchmark: the same nodes and edges in plain @xyflow/react with
// default node components, no stores, no Peel code.
import '@xyflow/react/dist/style.css';
import { applyNodeChanges, type Edge, type Node, type NodeChange, ReactFlow } from '@xyflow/react';
import { useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';

interface FileNode {
  id: string;
  type: string;
  position: { x: number; y: number };
}
interface FileEdge {
  source: string;
  target: string;
}

function BareFlow({ initialNodes, edges }: { initialNodes: Node[]; edges: Edge[] }) {
  const [nodes, setNodes] = useState(initialNodes);
  const onNodesChange = useCallback(
    (changes: NodeChange[]) => setNodes((current) => applyNodeChanges(changes, current)),
    [],
  );
  return <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} fitView minZoom={0.05} />;
}

declare global {
  interface Window {
    peelBench?: { loaded: Promise<number>; runPreview?: () => Promise<void>; imageOutputs?: () => number };
  }
}

window.peelBench = {
  // `?file=`: another bench file (the small one that sizes what opening costs without a graph).
  loaded: fetch(new URLSearchParams(location.search).get('file') ?? '/bench-workflow.json')
    .then((response) => response.json() as Promise<{ nodes: FileNode[]; edges: FileEdge[] }>)
    .then((file) => {
      const nodes: Node[] = file.nodes.map((node) => ({
        id: node.id,
        position: node.position,
        data: { label: `${node.type} ${node.id}` },
      }));
      const edges: Edge[] = file.edges.map((edge, i) => ({
        id: `e${i}`,
        source: edge.source,
        target: edge.target,
      }));
      const root = document.getElementById('root');
      if (!root) throw new Error('no root');
      createRoot(root).render(<BareFlow initialNodes={nodes} edges={edges} />);
      return performance.now();
    }),
};
