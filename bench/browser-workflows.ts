import type { Workflow, WorkflowEdge, WorkflowNode } from '../src/engine/workflow';

/** 500 nodes and 600 edges: prompts feeding generate nodes, edits chained, exports fed by many. */
export function editorBenchWorkflow(): Workflow {
  const nodes: WorkflowNode[] = [];
  const edges: WorkflowEdge[] = [];
  const columns = 10;
  for (let i = 0; i < 100; i++) {
    const x = (i % columns) * 1500;
    const y = Math.floor(i / columns) * 700;
    nodes.push({ id: `p${i}`, type: 'prompt', position: { x, y }, params: { text: `scene ${i}` } });
    nodes.push({
      id: `g${i}`,
      type: 'generate',
      position: { x: x + 300, y },
      params: { model: 'gemini-3.1-flash-image' },
    });
    nodes.push({
      id: `e${i}`,
      type: 'edit',
      position: { x: x + 600, y },
      params: { model: 'gemini-3.1-flash-image', instruction: 'warmer light' },
    });
    nodes.push({
      id: `f${i}`,
      type: 'edit',
      position: { x: x + 900, y },
      params: { model: 'gemini-3.1-flash-image', instruction: 'add rain' },
    });
    nodes.push({
      id: `x${i}`,
      type: 'export',
      position: { x: x + 1200, y },
      params: { filename: '{node}-{n}' },
    });
    edges.push({ source: `p${i}`, sourcePort: 'text', target: `g${i}`, targetPort: 'prompt' });
    edges.push({ source: `g${i}`, sourcePort: 'image', target: `e${i}`, targetPort: 'image' });
    edges.push({ source: `e${i}`, sourcePort: 'image', target: `f${i}`, targetPort: 'image' });
    edges.push({ source: `f${i}`, sourcePort: 'image', target: `x${i}`, targetPort: 'images' });
    edges.push({ source: `g${i}`, sourcePort: 'image', target: `x${i}`, targetPort: 'images' });
    edges.push({ source: `e${i}`, sourcePort: 'image', target: `x${i}`, targetPort: 'images' });
  }
  return { format: 'peel.workflow', version: 1, name: 'Editor benchmark', nodes, edges };
}

/** 100 independent generate nodes: after a preview run, 100 images are on the canvas. */
export function hundredImagesWorkflow(): Workflow {
  const nodes: WorkflowNode[] = [];
  const edges: WorkflowEdge[] = [];
  for (let i = 0; i < 100; i++) {
    nodes.push({
      id: `p${i}`,
      type: 'prompt',
      position: { x: (i % 10) * 700, y: Math.floor(i / 10) * 500 },
      params: { text: `picture ${i}` },
    });
    nodes.push({
      id: `g${i}`,
      type: 'generate',
      position: { x: (i % 10) * 700 + 320, y: Math.floor(i / 10) * 500 },
      params: { model: 'gemini-3.1-flash-image' },
    });
    edges.push({ source: `p${i}`, sourcePort: 'text', target: `g${i}`, targetPort: 'prompt' });
  }
  return { format: 'peel.workflow', version: 1, name: 'Hundred images', nodes, edges };
}

/**
 * The bench workflow's first `count` nodes and the edges between them: the same editor with almost
 * no graph, to split time until interactive into what opening costs at all and what each node adds.
 */
export function firstNodesOf(workflow: Workflow, count: number): Workflow {
  const kept = new Set(workflow.nodes.slice(0, count).map((node) => node.id));
  return {
    ...workflow,
    nodes: workflow.nodes.filter((node) => kept.has(node.id)),
    edges: workflow.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target)),
  };
}
