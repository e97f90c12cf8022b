import { describe, expect, it } from 'vitest';
import { workflowSchemas } from '../../../src/engine/schema';

const { WorkflowFileSchema } = workflowSchemas();

import { edge, node } from '../../helpers/workflows';

const fileOf = (nodes: unknown[], edges: unknown[] = []) => ({
  format: 'peel.workflow',
  version: 2,
  name: 'Refs',
  components: [],
  nodes,
  edges,
});

const issuesOf = (value: unknown) => {
  const parsed = WorkflowFileSchema.safeParse(value);
  return parsed.success
    ? []
    : parsed.error.issues.map(({ code, path, message }) => ({ code, path, message }));
};

describe('the workflow file schema: ids, input names and edge ends at the top level', () => {
  it('accepts distinct ids, distinct input names and edges between known nodes', () => {
    const nodes = [
      node('a', 'prompt', { text: 'x' }, { exposeAs: 'subject' }),
      node('b', 'prompt', { text: 'y' }, { exposeAs: 'style' }),
      node('g', 'generate', {}),
    ];
    expect(issuesOf(fileOf(nodes, [edge('a', 'text', 'g', 'prompt')]))).toEqual([]);
  });

  it('reports an input name used twice at the second node, naming the first', () => {
    const nodes = [
      node('a', 'prompt', { text: 'x' }, { exposeAs: 'subject' }),
      node('b', 'prompt', { text: 'y' }),
      node('c', 'prompt', { text: 'z' }, { exposeAs: 'subject' }),
      node('d', 'prompt', { text: 'w' }, { exposeAs: 'subject' }),
    ];
    expect(issuesOf(fileOf(nodes))).toEqual([
      {
        code: 'custom',
        path: ['nodes', 2, 'exposeAs'],
        message: 'input name "subject" is already used by nodes[0]',
      },
      {
        code: 'custom',
        path: ['nodes', 3, 'exposeAs'],
        message: 'input name "subject" is already used by nodes[0]',
      },
    ]);
  });

  it('reports a duplicate id at the second node and an edge end naming no node', () => {
    const nodes = [node('a', 'prompt', { text: 'x' }), node('a', 'generate', {})];
    expect(issuesOf(fileOf(nodes, [edge('a', 'text', 'ghost', 'prompt')]))).toEqual([
      { code: 'custom', path: ['nodes', 1, 'id'], message: 'duplicate node id "a" (also nodes[0])' },
      { code: 'custom', path: ['edges', 0, 'target'], message: 'refers to unknown node id "ghost"' },
    ]);
  });
});
