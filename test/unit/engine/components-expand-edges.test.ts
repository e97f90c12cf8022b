import { describe, expect, it } from 'vitest';
import { expandComponents, outerNodeId } from '../../../src/engine/components/expand';
import { displayNodeId } from '../../../src/engine/components/exposed';
import type { ComponentDefinition } from '../../../src/engine/components/types';
import { MODEL, sceneMaker, withComponents } from '../../helpers/components';
import { edge, node, workflowOf } from '../../helpers/workflows';

const instance = (id: string, inputs?: Record<string, unknown>, extra = {}) =>
  node(id, 'component', { component: 'sceneMaker', ...(inputs ? { inputs } : {}) }, extra);

const image = (name: string) => ({ name, mimeType: 'image/png', hash: name.charAt(0).repeat(64) });

/** Inputs of each type feeding one Generate: `subject` (text), `face` (image), `extras` (image[]). */
function collage(): ComponentDefinition {
  return {
    id: 'collage',
    name: 'Collage',
    inputs: [
      { name: 'subject', type: 'text' },
      { name: 'face', type: 'image' },
      { name: 'extras', type: 'image[]' },
    ],
    outputs: [{ name: 'image', type: 'image', from: { node: 'gen', port: 'image' } }],
    nodes: [node('gen', 'generate', { model: MODEL })],
    edges: [
      edge('$in', 'subject', 'gen', 'prompt'),
      edge('$in', 'face', 'gen', 'references'),
      edge('$in', 'extras', 'gen', 'references'),
    ],
  };
}

describe('expandComponents: edges, value nodes and origins', () => {
  it('gives each flat edge the path of the file edge it comes from', () => {
    const workflow = withComponents(
      workflowOf(
        [
          node('p', 'prompt', { text: 'outside' }),
          instance('a', { subject: 'inside' }),
          instance('b'),
          node('out', 'export', {}),
        ],
        [
          edge('p', 'text', 'b', 'subject'),
          edge('a', 'image', 'out', 'images'),
          edge('b', 'image', 'out', 'images'),
        ],
      ),
      [sceneMaker()],
    );
    const expansion = expandComponents(workflow);
    expect(expansion.workflow.edges).toEqual([
      { source: 'a/@subject', sourcePort: 'text', target: 'a/gen', targetPort: 'prompt' },
      { source: 'p', sourcePort: 'text', target: 'b/gen', targetPort: 'prompt' },
      { source: 'a/gen', sourcePort: 'image', target: 'out', targetPort: 'images' },
      { source: 'b/gen', sourcePort: 'image', target: 'out', targetPort: 'images' },
    ]);
    expect(expansion.edgeOrigins).toEqual([
      ['components', 0, 'edges', 0],
      ['components', 0, 'edges', 0],
      ['edges', 1],
      ['edges', 2],
    ]);
  });

  it('keeps an edge from "$in" outside any component as an edge from a node of that id', () => {
    const workflow = withComponents(
      workflowOf(
        [instance('a', { subject: 'x' }), node('out', 'export', {})],
        [edge('$in', 'subject', 'out', 'images')],
      ),
      [sceneMaker()],
    );
    expect(expandComponents(workflow).workflow.edges).toEqual([
      { source: 'a/@subject', sourcePort: 'text', target: 'a/gen', targetPort: 'prompt' },
      { source: '$in', sourcePort: 'subject', target: 'out', targetPort: 'images' },
    ]);
  });

  it('holds input values in a prompt or a reference set placed at the instance, wired to the matching port', () => {
    const workflow = withComponents(
      workflowOf(
        [
          node('a', 'component', {
            component: 'collage',
            inputs: { subject: 'a fox', face: image('face.png'), extras: [image('x.png'), image('y.png')] },
          }),
          node('b', 'component', {
            component: 'collage',
            inputs: { subject: 'a cat', face: image('face.png'), extras: image('z.png') },
          }),
        ].map((n, i) => ({ ...n, position: { x: 40 + i, y: 80 } })),
        [],
      ),
      [collage()],
    );
    const expansion = expandComponents(workflow);
    expect(expansion.errors).toEqual([]);
    expect(expansion.workflow.nodes.filter((n) => n.id.startsWith('a/@'))).toEqual([
      { id: 'a/@subject', type: 'prompt', position: { x: 40, y: 80 }, params: { text: 'a fox' } },
      {
        id: 'a/@face',
        type: 'referenceSet',
        position: { x: 40, y: 80 },
        params: { images: [image('face.png')] },
      },
      {
        id: 'a/@extras',
        type: 'referenceSet',
        position: { x: 40, y: 80 },
        params: { images: [image('x.png'), image('y.png')] },
      },
    ]);
    // One image given for an image[] input is a set of one.
    expect(expansion.workflow.nodes.find((n) => n.id === 'b/@extras')).toEqual({
      id: 'b/@extras',
      type: 'referenceSet',
      position: { x: 41, y: 80 },
      params: { images: [image('z.png')] },
    });
    expect(expansion.workflow.edges.filter((e) => e.target === 'a/gen')).toEqual([
      { source: 'a/@subject', sourcePort: 'text', target: 'a/gen', targetPort: 'prompt' },
      { source: 'a/@face', sourcePort: 'image', target: 'a/gen', targetPort: 'references' },
      { source: 'a/@extras', sourcePort: 'images', target: 'a/gen', targetPort: 'references' },
    ]);
  });

  it('names nodes for display by trimmed labels, else ids, and a value node by its input', () => {
    const workflow = withComponents(
      workflowOf(
        [
          instance('a', { subject: 'x' }, { label: '  Scenes  ' }),
          instance('b', { subject: 'y' }, { label: '   ' }),
        ],
        [],
      ),
      [sceneMaker()],
    );
    const { origins } = expandComponents(workflow);
    expect(displayNodeId('a/gen', origins)).toBe('Scenes › gen');
    expect(displayNodeId('a/@subject', origins)).toBe('Scenes › subject');
    expect(displayNodeId('b/gen', origins)).toBe('b › gen');
    expect(origins?.get('a/@subject')).toEqual({
      path: ['nodes', 0],
      display: 'Scenes › subject',
      instanceInput: { instancePath: ['nodes', 0], componentId: 'sceneMaker', input: 'subject' },
    });
  });

  it('keeps exposeAs on top-level nodes and drops it inside components', () => {
    const exposing = {
      ...sceneMaker(),
      nodes: [node('gen', 'generate', { model: MODEL }, { exposeAs: 'inner' })],
    };
    const top = node('p', 'prompt', { text: 'x' }, { exposeAs: 'topic', label: 'Topic' });
    const workflow = withComponents(workflowOf([top, instance('a', { subject: 'y' })], []), [exposing]);
    const [flatTop, inner] = expandComponents(workflow).workflow.nodes;
    expect(flatTop).toEqual(top);
    expect(flatTop).not.toBe(top);
    expect(inner).toEqual({
      id: 'a/gen',
      type: 'generate',
      position: { x: 0, y: 0 },
      params: { model: MODEL },
    });
  });
});

describe('outerNodeId', () => {
  it('is the part of a flat id before the first separator, or the whole id', () => {
    expect(outerNodeId('a/b/gen')).toBe('a');
    expect(outerNodeId('sceneMaker/gen')).toBe('sceneMaker');
    expect(outerNodeId('gen')).toBe('gen');
    expect(outerNodeId('/gen')).toBe('');
  });
});
