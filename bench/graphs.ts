import type { Workflow, WorkflowEdge, WorkflowNode } from '../src/engine/workflow';

/** `chains` independent prompt -> generate -> edit x (depth-2) chains, plus one export of every tail. */
export function syntheticGraph(totalNodes: number, depth = 5): Workflow {
  const nodes: WorkflowNode[] = [];
  const edges: WorkflowEdge[] = [];
  const chains = Math.floor((totalNodes - 1) / depth);
  for (let c = 0; c < chains; c++) {
    nodes.push({
      id: `p${c}`,
      type: 'prompt',
      position: { x: 0, y: c * 120 },
      params: { text: `scene ${c}` },
    });
    nodes.push({
      id: `g${c}`,
      type: 'generate',
      position: { x: 300, y: c * 120 },
      params: { model: 'gemini-3.1-flash-image' },
    });
    edges.push({ source: `p${c}`, sourcePort: 'text', target: `g${c}`, targetPort: 'prompt' });
    let previous = `g${c}`;
    for (let e = 0; e < depth - 2; e++) {
      const id = `e${c}_${e}`;
      nodes.push({
        id,
        type: 'edit',
        position: { x: 600 + e * 300, y: c * 120 },
        params: { model: 'gemini-3.1-flash-image', instruction: `step ${e}` },
      });
      edges.push({ source: previous, sourcePort: 'image', target: id, targetPort: 'image' });
      previous = id;
    }
    edges.push({ source: previous, sourcePort: 'image', target: 'out', targetPort: 'images' });
  }
  while (nodes.length < totalNodes - 1) {
    const i = nodes.length;
    nodes.push({
      id: `x${i}`,
      type: 'prompt',
      position: { x: 0, y: -i * 50 },
      params: { text: `spare ${i}` },
    });
  }
  nodes.push({ id: 'out', type: 'export', position: { x: 3000, y: 0 }, params: { filename: '{node}-{n}' } });
  return { format: 'peel.workflow', version: 1, name: 'Synthetic', nodes, edges };
}
