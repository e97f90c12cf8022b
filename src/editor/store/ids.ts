import type { Workflow, WorkflowEdge } from '../../engine/workflow';

const PREFIX: Record<string, string> = {
  prompt: 'prompt',
  referenceSet: 'refs',
  generate: 'gen',
  edit: 'edit',
  export: 'out',
  imageInput: 'image',
  splitGrid: 'grid',
};

/** A readable id unique in the workflow: `gen`, `gen-2`, `gen-3`... (matches NODE_ID_PATTERN). */
export function newNodeId(type: string, taken: ReadonlySet<string>): string {
  const base = (PREFIX[type] ?? type.replace(/[^A-Za-z0-9_-]/g, '')).slice(0, 40) || 'node';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Edges in the file may lack ids; the canvas needs a stable one. */
export function edgeKey(edge: WorkflowEdge): string {
  return edge.id ?? `${edge.source}.${edge.sourcePort}->${edge.target}.${edge.targetPort}`;
}

export function nodeIdSet(doc: Workflow): Set<string> {
  return new Set(doc.nodes.map((node) => node.id));
}
