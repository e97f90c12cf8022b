import { describe, expect, it } from 'vitest';
import { parseWorkflowValue } from '../../../src/engine/load';
import { workflowSchemas } from '../../../src/engine/schema';

const { WorkflowFileSchema } = workflowSchemas();

import { MODEL } from '../../helpers/components';
import { edge, node } from '../../helpers/workflows';

const file = (components: unknown[], nodes: unknown[] = []) => ({
  format: 'peel.workflow',
  version: 2,
  name: 'Components',
  components,
  nodes,
  edges: [],
});

const issuesOf = (value: unknown) => {
  const parsed = WorkflowFileSchema.safeParse(value);
  return parsed.success
    ? []
    : parsed.error.issues.map(({ code, path, message }) => ({ code, path, message }));
};

/** A component with an inner edge between two of its nodes, a text default and an image default. */
const fine = () => ({
  id: 'fine',
  name: 'Fine',
  inputs: [
    { name: 'subject', type: 'text', default: 'a red sneaker' },
    { name: 'photo', type: 'image', default: { name: 'a.png', mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
  ],
  outputs: [{ name: 'image', type: 'image', from: { node: 'edit', port: 'image' } }],
  nodes: [node('gen', 'generate', { model: MODEL }), node('edit', 'edit', { model: MODEL })],
  edges: [
    edge('$in', 'subject', 'gen', 'prompt'),
    edge('gen', 'image', 'edit', 'image'),
    edge('$in', 'photo', 'edit', 'references'),
  ],
});

describe('component checks of the file schema', () => {
  it('a component with inner edges and defaults of each type passes', () => {
    expect(issuesOf(file([fine()], [node('a', 'component', { component: 'fine' })]))).toEqual([]);
  });

  it('reports each problem inside a component with its path', () => {
    const bad = {
      id: 'bad',
      name: 'Bad',
      inputs: [
        { name: 'subject', type: 'text', default: 42 },
        { name: 'subject', type: 'text' },
      ],
      outputs: [
        { name: 'image', type: 'image', from: { node: 'gen', port: 'image' } },
        { name: 'image', type: 'image', from: { node: 'nowhere', port: 'image' } },
      ],
      nodes: [
        node('gen', 'generate', { model: MODEL }),
        node('gen', 'generate', { model: MODEL }),
        node('edit', 'edit', { model: MODEL }),
      ],
      edges: [
        edge('$in', 'subject', 'gen', 'prompt'),
        edge('$in', 'nope', 'gen', 'prompt'),
        edge('gen', 'image', 'edit', 'image'),
        edge('ghost', 'image', 'edit', 'image'),
        edge('gen', 'image', 'missing', 'image'),
      ],
    };
    const at = (...path: (string | number)[]) => ['components', 0, ...path];
    expect(issuesOf(file([bad]))).toEqual([
      { code: 'custom', path: at('nodes', 1, 'id'), message: 'duplicate node id "gen" (also nodes[0])' },
      { code: 'custom', path: at('inputs', 1, 'name'), message: 'duplicate input name "subject"' },
      { code: 'custom', path: at('outputs', 1, 'name'), message: 'duplicate output name "image"' },
      { code: 'custom', path: at('inputs', 0, 'default'), message: 'must be text' },
      { code: 'custom', path: at('edges', 1, 'sourcePort'), message: 'the component has no input "nope"' },
      { code: 'custom', path: at('edges', 3, 'source'), message: 'refers to unknown node id "ghost"' },
      { code: 'custom', path: at('edges', 4, 'target'), message: 'refers to unknown node id "missing"' },
      {
        code: 'custom',
        path: at('outputs', 1, 'from', 'node'),
        message: 'refers to unknown node id "nowhere"',
      },
    ]);
  });

  it('checks instances against the components of the file, inside components too', () => {
    const holder = (id: string, nodes: unknown[]) => ({ ...fine(), id, nodes: [...fine().nodes, ...nodes] });
    const value = file(
      [
        holder('first', []),
        holder('first', [node('x', 'component', { component: 'ghost' })]),
        holder('third', [node('ok', 'component', { component: 'first' }), node('y', 'component', {})]),
      ],
      [node('top', 'component', { component: 'nowhere' })],
    );
    expect(issuesOf(value)).toEqual([
      {
        code: 'custom',
        path: ['components', 1, 'id'],
        message: 'duplicate component id "first" (also components[0])',
      },
      {
        code: 'custom',
        path: ['nodes', 0, 'params', 'component'],
        message: 'no component "nowhere" in this file',
      },
      {
        code: 'custom',
        path: ['components', 1, 'nodes', 2, 'params', 'component'],
        message: 'no component "ghost" in this file',
      },
      {
        code: 'custom',
        path: ['components', 2, 'nodes', 3, 'params', 'component'],
        message: 'a component node names its component (params.component)',
      },
    ]);
    // The loader gives the same problems as schema errors with a readable path.
    const loaded = parseWorkflowValue(value);
    expect(loaded.ok ? [] : loaded.error.map((error) => error.path)).toEqual([
      'components[1].id',
      'nodes[0].params.component',
      'components[1].nodes[2].params.component',
      'components[2].nodes[3].params.component',
    ]);
  });
});
