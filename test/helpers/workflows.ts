import type { Workflow, WorkflowEdge, WorkflowNode } from '../../src/engine/workflow';

export const node = (
  id: string,
  type: string,
  params: Record<string, unknown> = {},
  extra: Partial<WorkflowNode> = {},
): WorkflowNode => ({
  id,
  type,
  position: { x: 0, y: 0 },
  params,
  ...extra,
});

export const edge = (
  source: string,
  sourcePort: string,
  target: string,
  targetPort: string,
): WorkflowEdge => ({
  source,
  sourcePort,
  target,
  targetPort,
});

/** A workflow in the current in-memory shape (format version 2: `components`, empty here). */
export const workflowOf = (nodes: WorkflowNode[], edges: WorkflowEdge[], name = 'Test'): Workflow => ({
  format: 'peel.workflow',
  version: 2,
  name,
  components: [],
  nodes,
  edges,
});

/** prompt -> generate -> export, optionally with several independent branches. */
export function promptGenerateExport(prompts: string[], model = 'gemini-3.1-flash-image'): Workflow {
  const nodes: WorkflowNode[] = [];
  const edges: WorkflowEdge[] = [];
  prompts.forEach((text, i) => {
    nodes.push(node(`p${i}`, 'prompt', { text }, { exposeAs: `prompt${i}` }));
    nodes.push(node(`g${i}`, 'generate', { model }));
    edges.push(edge(`p${i}`, 'text', `g${i}`, 'prompt'));
  });
  nodes.push(node('out', 'export', { filename: 'img-{node}-{n}' }));
  prompts.forEach((_, i) => {
    edges.push(edge(`g${i}`, 'image', 'out', 'images'));
  });
  return workflowOf(nodes, edges);
}

/** The content hash of a node's `image` output in a run result ('' when there is none). */
export function imageHashOf(
  result: { nodes: Map<string, { outputs?: Record<string, unknown> }> },
  nodeId: string,
): string {
  const image = result.nodes.get(nodeId)?.outputs?.image;
  return typeof image === 'object' && image !== null && 'hash' in image ? String(image.hash) : '';
}
