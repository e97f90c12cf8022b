import { describe, expect, it } from 'vitest';
import { expandComponents } from '../../../src/engine/components/expand';
import type { ComponentDefinition } from '../../../src/engine/components/types';
import { MODEL, sceneMaker, withComponents } from '../../helpers/components';
import { edge, node, workflowOf } from '../../helpers/workflows';

const instance = (id: string, params: Record<string, unknown>) => node(id, 'component', params);

/** Two text inputs: `subject` (required, no default) and `style` (optional). */
function duo(): ComponentDefinition {
  return {
    id: 'duo',
    name: 'Duo',
    inputs: [
      { name: 'subject', type: 'text' },
      { name: 'style', type: 'text', optional: true },
    ],
    outputs: [{ name: 'image', type: 'image', from: { node: 'gen', port: 'image' } }],
    nodes: [node('gen', 'generate', { model: MODEL })],
    edges: [edge('$in', 'subject', 'gen', 'prompt')],
  };
}

describe('expandComponents: errors', () => {
  it('has no errors and no origins for a workflow without component nodes', () => {
    const expansion = expandComponents(workflowOf([node('p', 'prompt', { text: 'x' })], []));
    expect(expansion.errors).toEqual([]);
    expect(expansion.origins).toBeUndefined();
    expect(expansion.edgeOrigins).toBeUndefined();
  });

  it('reports a component node that names no component, or one the workflow lacks, at params.component', () => {
    const workflow = withComponents(
      workflowOf(
        [
          node('p', 'prompt', { text: 'x' }),
          instance('a', {}),
          instance('b', { component: 'ghost' }),
          instance('c', { component: 7 }),
          node('out', 'export', {}),
        ],
        [edge('a', 'image', 'out', 'images'), edge('b', 'image', 'out', 'images')],
      ),
      [sceneMaker()],
    );
    const expansion = expandComponents(workflow);
    expect(expansion.errors).toEqual([
      {
        code: 'invalid_params',
        message: 'a component node names its component (params.component)',
        nodeId: 'a',
        path: 'nodes[1].params.component',
      },
      {
        code: 'invalid_params',
        message: 'no component "ghost" in this workflow',
        nodeId: 'b',
        path: 'nodes[2].params.component',
      },
      {
        code: 'invalid_params',
        message: 'a component node names its component (params.component)',
        nodeId: 'c',
        path: 'nodes[3].params.component',
      },
    ]);
    // The broken instances expand to nothing: their edges feed nothing.
    expect(expansion.workflow.nodes.map((n) => n.id)).toEqual(['p', 'out']);
    expect(expansion.workflow.edges).toEqual([]);
  });

  it('uses the first of two components with the same id', () => {
    const other: ComponentDefinition = {
      ...sceneMaker(),
      name: 'Other scene maker',
      outputs: [{ name: 'image', type: 'image', from: { node: 'other', port: 'image' } }],
      nodes: [node('other', 'generate', { model: MODEL })],
      edges: [edge('$in', 'subject', 'other', 'prompt')],
    };
    const workflow = withComponents(workflowOf([instance('a', { component: 'sceneMaker' })], []), [
      sceneMaker(),
      other,
    ]);
    const expansion = expandComponents(workflow);
    expect(expansion.errors).toEqual([]);
    expect(expansion.workflow.nodes.map((n) => n.id)).toEqual(['a/gen', 'a/@subject']);
    expect(expansion.origins?.get('a/gen')?.path).toEqual(['components', 0, 'nodes', 0]);
  });

  it('names only the looping part of the chain when a component contains itself further down', () => {
    const holder = (id: string, inner: string): ComponentDefinition => ({
      id,
      name: id,
      inputs: [],
      outputs: [],
      nodes: [instance('x', { component: inner })],
      edges: [],
    });
    const workflow = withComponents(workflowOf([instance('w', { component: 'wrap' })], []), [
      holder('wrap', 'alpha'),
      holder('alpha', 'beta'),
      holder('beta', 'alpha'),
    ]);
    expect(expandComponents(workflow).errors).toEqual([
      {
        code: 'cycle',
        message: 'component "alpha" contains itself (alpha › beta › alpha); remove the inner "alpha" node',
        nodeId: 'w/x/x/x',
        path: 'components[2].nodes[0]',
      },
    ]);
  });

  it('reports values given for inputs the component lacks, at params.inputs', () => {
    const workflow = withComponents(
      workflowOf([instance('a', { component: 'sceneMaker', inputs: { subject: 'ok', nope: 'x' } })], []),
      [sceneMaker()],
    );
    expect(expandComponents(workflow).errors).toEqual([
      {
        code: 'unknown_port',
        message: 'component "Scene maker" has no input "nope"',
        nodeId: 'a',
        path: 'nodes[0].params.inputs.nope',
      },
    ]);
  });

  it('reports a required input without a value (null is none) and passes over an optional one', () => {
    const workflow = withComponents(
      workflowOf([instance('a', { component: 'duo', inputs: { subject: null } })], []),
      [duo()],
    );
    const expansion = expandComponents(workflow);
    expect(expansion.errors).toEqual([
      {
        code: 'missing_input',
        message: 'text input has no value: connect it or give it one',
        nodeId: 'a',
        path: 'nodes[0] (duo) input "subject"',
      },
    ]);
    // No value node for either input, so the inner Generate has no prompt edge.
    expect(expansion.workflow.nodes.map((n) => n.id)).toEqual(['a/gen']);
    expect(expansion.workflow.edges).toEqual([]);
  });

  it('accepts an optional input left without a value', () => {
    const workflow = withComponents(
      workflowOf([instance('a', { component: 'duo', inputs: { subject: 'a fox' } })], []),
      [duo()],
    );
    const expansion = expandComponents(workflow);
    expect(expansion.errors).toEqual([]);
    expect(expansion.workflow.nodes.map((n) => n.id)).toEqual(['a/gen', 'a/@subject']);
  });

  it('reports edges to an output or an input an instance lacks, at the edge, and accepts a known input', () => {
    const workflow = withComponents(
      workflowOf(
        [node('p', 'prompt', { text: 'x' }), instance('a', { component: 'duo' }), node('out', 'export', {})],
        [
          edge('p', 'text', 'a', 'subject'),
          edge('a', 'picture', 'out', 'images'),
          edge('p', 'text', 'a', 'mood'),
        ],
      ),
      [duo()],
    );
    expect(expandComponents(workflow).errors).toEqual([
      {
        code: 'unknown_port',
        message: 'component "Duo" has no output "picture"',
        nodeId: 'out',
        path: 'edges[1]',
      },
      {
        code: 'unknown_port',
        message: 'component "Duo" has no input "mood"',
        nodeId: 'a',
        path: 'edges[2]',
      },
    ]);
  });

  it('reports an unknown port of a nested instance with its namespaced id and the inner edge path', () => {
    const outer: ComponentDefinition = {
      id: 'outer',
      name: 'Outer',
      inputs: [],
      outputs: [],
      nodes: [node('p', 'prompt', { text: 'x' }), instance('inner', { component: 'duo' })],
      edges: [edge('p', 'text', 'inner', 'subject'), edge('p', 'text', 'inner', 'mood')],
    };
    const workflow = withComponents(workflowOf([instance('o', { component: 'outer' })], []), [duo(), outer]);
    expect(expandComponents(workflow).errors).toEqual([
      {
        code: 'unknown_port',
        message: 'component "Duo" has no input "mood"',
        nodeId: 'o/inner',
        path: 'components[1].edges[1]',
      },
    ]);
  });
});
