import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { expandComponents } from '../../../src/engine/components/expand';
import { displayNodeId } from '../../../src/engine/components/exposed';
import type { ComponentDefinition } from '../../../src/engine/components/types';
import { allValidationErrors, validateWorkflow } from '../../../src/engine/validate';
import { MODEL, sceneMaker, withComponents } from '../../helpers/components';
import { edge, node, workflowOf } from '../../helpers/workflows';

const instance = (id: string, inputs?: Record<string, unknown>, component = 'sceneMaker') =>
  node(id, 'component', { component, ...(inputs ? { inputs } : {}) });

describe('expandComponents', () => {
  it('leaves a workflow without components as it is', () => {
    const workflow = workflowOf([node('p', 'prompt', { text: 'x' })], []);
    expect(expandComponents(workflow).workflow).toBe(workflow);
  });

  it('replaces each instance by its inner nodes under namespaced ids, wired through $in and outputs', () => {
    const workflow = withComponents(
      workflowOf(
        [
          node('p', 'prompt', { text: 'from outside' }),
          instance('a', { subject: 'on a beach' }),
          instance('b'),
          node('out', 'export', { filename: 'x-{n}' }),
        ],
        [
          edge('p', 'text', 'b', 'subject'),
          edge('a', 'image', 'out', 'images'),
          edge('b', 'image', 'out', 'images'),
        ],
      ),
      [sceneMaker()],
    );
    const { workflow: flat, errors } = expandComponents(workflow);
    expect(errors).toEqual([]);
    expect(flat.nodes.map((n) => n.id)).toEqual(['p', 'a/gen', 'a/@subject', 'b/gen', 'out']);
    expect(flat.nodes.find((n) => n.id === 'a/@subject')).toMatchObject({
      type: 'prompt',
      params: { text: 'on a beach' },
    });
    expect(flat.edges).toEqual([
      { source: 'a/@subject', sourcePort: 'text', target: 'a/gen', targetPort: 'prompt' },
      { source: 'p', sourcePort: 'text', target: 'b/gen', targetPort: 'prompt' },
      { source: 'a/gen', sourcePort: 'image', target: 'out', targetPort: 'images' },
      { source: 'b/gen', sourcePort: 'image', target: 'out', targetPort: 'images' },
    ]);
    expect('components' in flat).toBe(false);
  });

  it('expands nested components to a/b/inner ids and names them by path for display', () => {
    const pair: ComponentDefinition = {
      id: 'pair',
      name: 'Pair',
      inputs: [{ name: 'subject', type: 'text' }],
      outputs: [
        { name: 'first', type: 'image', from: { node: 'one', port: 'image' } },
        { name: 'second', type: 'image', from: { node: 'two', port: 'image' } },
      ],
      nodes: [instance('one'), instance('two', { subject: 'fixed inner' })],
      edges: [edge('$in', 'subject', 'one', 'subject')],
    };
    const workflow = withComponents(
      workflowOf(
        [
          node('p', 'prompt', { text: 'outer' }),
          node('pairOfScenes', 'component', { component: 'pair' }, { label: 'Scenes' }),
          node('out', 'export', { filename: 'x-{n}' }),
        ],
        [
          edge('p', 'text', 'pairOfScenes', 'subject'),
          edge('pairOfScenes', 'second', 'out', 'images'),
          edge('pairOfScenes', 'first', 'out', 'images'),
        ],
      ),
      [sceneMaker(), pair],
    );
    const expansion = expandComponents(workflow);
    expect(expansion.errors).toEqual([]);
    const ids = expansion.workflow.nodes.map((n) => n.id);
    expect(ids).toEqual(
      expect.arrayContaining(['pairOfScenes/one/gen', 'pairOfScenes/two/gen', 'pairOfScenes/two/@subject']),
    );
    expect(expansion.workflow.edges).toEqual(
      expect.arrayContaining([
        { source: 'p', sourcePort: 'text', target: 'pairOfScenes/one/gen', targetPort: 'prompt' },
        {
          source: 'pairOfScenes/two/@subject',
          sourcePort: 'text',
          target: 'pairOfScenes/two/gen',
          targetPort: 'prompt',
        },
      ]),
    );
    // Outer edge order is kept: "second" first.
    expect(expansion.workflow.edges.filter((e) => e.target === 'out').map((e) => e.source)).toEqual([
      'pairOfScenes/two/gen',
      'pairOfScenes/one/gen',
    ]);
    expect(displayNodeId('pairOfScenes/one/gen', expansion.origins)).toBe('Scenes › one › gen');
    const report = validateWorkflow(workflow, nodeRegistry);
    expect(allValidationErrors(report)).toEqual([]);
  });

  it('refuses a component that contains itself, directly or through another, naming the chain', () => {
    const a: ComponentDefinition = {
      id: 'alpha',
      name: 'Alpha',
      inputs: [],
      outputs: [],
      nodes: [instance('inner', undefined, 'beta')],
      edges: [],
    };
    const b: ComponentDefinition = {
      id: 'beta',
      name: 'Beta',
      inputs: [],
      outputs: [],
      nodes: [instance('back', undefined, 'alpha')],
      edges: [],
    };
    const selfish: ComponentDefinition = {
      ...a,
      id: 'selfish',
      nodes: [instance('me', undefined, 'selfish')],
    };
    const workflow = withComponents(
      workflowOf([instance('top', undefined, 'alpha'), instance('s', undefined, 'selfish')], []),
      [a, b, selfish],
    );
    const report = validateWorkflow(workflow, nodeRegistry);
    const messages = allValidationErrors(report).map((e) => `${e.path}: ${e.message}`);
    expect(messages).toContain(
      'components[1].nodes[0]: component "alpha" contains itself (alpha › beta › alpha); remove the inner "alpha" node',
    );
    expect(messages).toContain(
      'components[2].nodes[0]: component "selfish" contains itself (selfish › selfish); remove the inner "selfish" node',
    );
    expect(report.nodeErrors.get('top/inner/back')?.[0]?.code).toBe('cycle');
  });

  it('reports errors inside components by their path in the file, and missing input values at the instance', () => {
    const broken = {
      ...sceneMaker(null),
      nodes: [node('gen', 'generate', { model: MODEL, aspectRatio: 'wide' })],
    };
    const workflow = withComponents(workflowOf([instance('a'), instance('b', { subject: 'ok' })], []), [
      broken,
    ]);
    const errors = allValidationErrors(validateWorkflow(workflow, nodeRegistry));
    const lines = errors.map((e) => `${e.path}: ${e.message}`);
    expect(lines.filter((line) => line.startsWith('components[0].nodes[0].params.aspectRatio'))).toHaveLength(
      1,
    );
    expect(lines).toContain(
      'nodes[0] (sceneMaker) input "subject": text input has no value: connect it or give it one',
    );
    const empty = withComponents(workflowOf([instance('a', { subject: '  ' })], []), [sceneMaker()]);
    const emptyLines = allValidationErrors(validateWorkflow(empty, nodeRegistry)).map(
      (e) => `${e.path}: ${e.message}`,
    );
    expect(emptyLines).toEqual(['nodes[0] (sceneMaker) input "subject": the prompt is empty']);
  });

  it('reports unknown components and unknown instance ports', () => {
    const workflow = withComponents(
      workflowOf(
        [instance('a', { nope: 'x' }), instance('b', undefined, 'ghost'), node('out', 'export', {})],
        [edge('a', 'picture', 'out', 'images')],
      ),
      [sceneMaker()],
    );
    const lines = allValidationErrors(validateWorkflow(workflow, nodeRegistry)).map(
      (e) => `${e.path}: ${e.message}`,
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        'nodes[0].params.inputs.nope: component "Scene maker" has no input "nope"',
        'nodes[1].params.component: no component "ghost" in this workflow',
        'edges[0]: component "Scene maker" has no output "picture"',
      ]),
    );
  });
});
