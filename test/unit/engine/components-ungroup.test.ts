import { describe, expect, it } from 'vitest';
import type { ComponentDefinition } from '../../../src/engine/components/types';
import { ungroupComponent } from '../../../src/engine/components/ungroup';
import type { AssetRef, Workflow } from '../../../src/engine/workflow';
import { MODEL, withComponents } from '../../helpers/components';
import { edge, node, workflowOf } from '../../helpers/workflows';

const asset = (name: string): AssetRef => ({ name, mimeType: 'image/png', hash: `h-${name}` });

/**
 * gen (100, 50) → edit (400, 250). Inputs of every kind: text with and without a default, a single
 * image, an image list, and two that end up with no value (no default / null given).
 */
function studio(): ComponentDefinition {
  return {
    id: 'studio',
    name: 'Studio',
    inputs: [
      { name: 'subject', type: 'text' },
      { name: 'style', type: 'text', default: 'watercolour' },
      { name: 'photo', type: 'image' },
      { name: 'refs', type: 'image[]', optional: true },
      { name: 'extra', type: 'image[]', optional: true },
      { name: 'mood', type: 'text', default: 'calm', optional: true },
    ],
    outputs: [
      { name: 'first', type: 'image', from: { node: 'gen', port: 'image' } },
      { name: 'edited', type: 'image', from: { node: 'edit', port: 'image' } },
    ],
    nodes: [
      node('gen', 'generate', { model: MODEL }, { position: { x: 100, y: 50 } }),
      node('edit', 'edit', { model: MODEL }, { position: { x: 400, y: 250 } }),
    ],
    edges: [
      edge('$in', 'subject', 'gen', 'prompt'),
      edge('$in', 'refs', 'gen', 'references'),
      edge('gen', 'image', 'edit', 'image'),
      edge('$in', 'style', 'edit', 'instruction'),
      edge('$in', 'photo', 'edit', 'references'),
      edge('$in', 'extra', 'gen', 'references'),
      edge('$in', 'mood', 'edit', 'references'),
    ],
  };
}

function studioWorkflow(instanceParams: Record<string, unknown>): Workflow {
  return withComponents(
    workflowOf(
      [
        node('p', 'prompt', { text: 'a red sneaker' }),
        node('gen0', 'generate', { model: MODEL }),
        node('inst', 'component', instanceParams, { position: { x: 1000, y: 2000 } }),
        node('out', 'export', { filename: 'x-{n}' }),
      ],
      [
        edge('p', 'text', 'gen0', 'prompt'),
        edge('p', 'text', 'inst', 'subject'),
        edge('inst', 'edited', 'out', 'images'),
        edge('inst', 'first', 'out', 'images'),
        edge('inst', 'nothing', 'out', 'images'),
        edge('gen0', 'image', 'out', 'images'),
      ],
    ),
    [studio()],
  );
}

describe('ungroupComponent', () => {
  it('puts the inner nodes in place of the instance, value nodes first, and rewires every edge', () => {
    const workflow = studioWorkflow({
      component: 'studio',
      inputs: { photo: asset('photo'), refs: [asset('a'), asset('b')], mood: null },
    });
    const result = ungroupComponent(workflow, 'inst');
    if (!result.ok) throw new Error(result.error.message);
    const { workflow: flat, nodeIds } = result.value;

    expect(nodeIds).toEqual(['inst-style', 'inst-photo', 'inst-refs', 'gen', 'edit']);
    // Value nodes stand 320 to the left of the instance, one row of 160 per input index; inner
    // nodes keep their layout, shifted so the top-left one sits where the instance was.
    expect(flat.nodes).toEqual([
      node('p', 'prompt', { text: 'a red sneaker' }),
      node('gen0', 'generate', { model: MODEL }),
      { id: 'inst-style', type: 'prompt', position: { x: 680, y: 2160 }, params: { text: 'watercolour' } },
      {
        id: 'inst-photo',
        type: 'referenceSet',
        position: { x: 680, y: 2320 },
        params: { images: [asset('photo')] },
      },
      {
        id: 'inst-refs',
        type: 'referenceSet',
        position: { x: 680, y: 2480 },
        params: { images: [asset('a'), asset('b')] },
      },
      node('gen', 'generate', { model: MODEL }, { position: { x: 1000, y: 2000 } }),
      node('edit', 'edit', { model: MODEL }, { position: { x: 1300, y: 2200 } }),
      node('out', 'export', { filename: 'x-{n}' }),
    ]);
    expect(flat.edges).toEqual([
      // Outer edges in their order: untouched, or leaving from the inner node an output names;
      // an edge from an output the component does not have is dropped.
      edge('p', 'text', 'gen0', 'prompt'),
      edge('edit', 'image', 'out', 'images'),
      edge('gen', 'image', 'out', 'images'),
      edge('gen0', 'image', 'out', 'images'),
      // Inner edges in the component's order; inputs with no value (extra, mood) feed nothing.
      edge('p', 'text', 'gen', 'prompt'),
      edge('inst-refs', 'images', 'gen', 'references'),
      edge('gen', 'image', 'edit', 'image'),
      edge('inst-style', 'text', 'edit', 'instruction'),
      edge('inst-photo', 'image', 'edit', 'references'),
    ]);
    expect(flat.components).toEqual([studio()]);
    // The input workflow is not changed.
    expect(workflow).toEqual(studioWorkflow(workflow.nodes[2]?.params ?? {}));
  });

  it('a value given on the instance wins over the default; a connected input makes no value node', () => {
    const workflow = studioWorkflow({
      component: 'studio',
      inputs: { style: 'pencil', subject: 'ignored: connected' },
    });
    const result = ungroupComponent(workflow, 'inst');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.nodeIds).toEqual(['inst-style', 'inst-mood', 'gen', 'edit']);
    expect(result.value.workflow.nodes.slice(2, 4)).toEqual([
      { id: 'inst-style', type: 'prompt', position: { x: 680, y: 2160 }, params: { text: 'pencil' } },
      { id: 'inst-mood', type: 'prompt', position: { x: 680, y: 2800 }, params: { text: 'calm' } },
    ]);
    expect(result.value.workflow.edges.filter((e) => e.target === 'gen' || e.target === 'edit')).toEqual([
      edge('p', 'text', 'gen', 'prompt'),
      edge('gen', 'image', 'edit', 'image'),
      edge('inst-style', 'text', 'edit', 'instruction'),
      edge('inst-mood', 'text', 'edit', 'references'),
    ]);
  });

  it('every outer edge into an input feeds the inner ports, in order', () => {
    const def: ComponentDefinition = {
      id: 'two',
      name: 'Two',
      inputs: [
        { name: 'a', type: 'text' },
        { name: 'b', type: 'image[]' },
      ],
      outputs: [],
      nodes: [node('gen', 'generate', { model: MODEL })],
      edges: [edge('$in', 'b', 'gen', 'references'), edge('$in', 'a', 'gen', 'prompt')],
    };
    const workflow = withComponents(
      workflowOf(
        [
          node('p', 'prompt', { text: 'x' }),
          node('r1', 'referenceSet', { images: [asset('1')] }),
          node('r2', 'referenceSet', { images: [asset('2')] }),
          node('c', 'component', { component: 'two' }),
        ],
        [edge('r2', 'image', 'c', 'b'), edge('p', 'text', 'c', 'a'), edge('r1', 'images', 'c', 'b')],
      ),
      [def],
    );
    const result = ungroupComponent(workflow, 'c');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.nodeIds).toEqual(['gen']);
    expect(result.value.workflow.edges).toEqual([
      edge('r2', 'image', 'gen', 'references'),
      edge('r1', 'images', 'gen', 'references'),
      edge('p', 'text', 'gen', 'prompt'),
    ]);
  });

  it('keeps inner ids where free (the instance id itself is free) and renames those taken', () => {
    const def: ComponentDefinition = {
      id: 'scene',
      name: 'Scene',
      inputs: [{ name: 'subject', type: 'text', default: 'a boot' }],
      outputs: [],
      nodes: [node('gen', 'generate', { model: MODEL }), node('edit', 'edit', { model: MODEL })],
      edges: [edge('$in', 'subject', 'gen', 'prompt'), edge('gen', 'image', 'edit', 'image')],
    };
    const workflow = withComponents(
      workflowOf(
        [
          node('edit', 'prompt', { text: 'outside' }),
          node('gen-subject', 'prompt', { text: 'outside too' }),
          node('gen', 'component', { component: 'scene' }),
        ],
        [],
      ),
      [def],
    );
    const result = ungroupComponent(workflow, 'gen');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.nodeIds).toEqual(['gen-subject-2', 'gen', 'edit-2']);
    expect(result.value.workflow.nodes.map((n) => n.id)).toEqual([
      'edit',
      'gen-subject',
      'gen-subject-2',
      'gen',
      'edit-2',
    ]);
    expect(result.value.workflow.edges).toEqual([
      edge('gen-subject-2', 'text', 'gen', 'prompt'),
      edge('gen', 'image', 'edit-2', 'image'),
    ]);
  });

  it('refuses a node that is missing, not a component, or names no component of the workflow', () => {
    const workflow = withComponents(
      workflowOf(
        [
          node('p', 'prompt', { text: 'x' }),
          node('ghost', 'component', { component: 'nowhere' }),
          node('nameless', 'component', {}),
        ],
        [],
      ),
      [studio()],
    );
    expect(ungroupComponent(workflow, 'missing')).toEqual({
      ok: false,
      error: { code: 'unknown_node', message: '"missing" is not a component node' },
    });
    expect(ungroupComponent(workflow, 'p')).toEqual({
      ok: false,
      error: { code: 'unknown_node', message: '"p" is not a component node' },
    });
    expect(ungroupComponent(workflow, 'ghost')).toEqual({
      ok: false,
      error: { code: 'invalid_params', message: 'no component "nowhere" in this workflow' },
    });
    expect(ungroupComponent(workflow, 'nameless')).toEqual({
      ok: false,
      error: { code: 'invalid_params', message: 'a component node names its component (params.component)' },
    });
  });
});
