import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { makeComponent } from '../../../src/engine/components/make';
import type { Workflow } from '../../../src/engine/workflow';
import { MODEL } from '../../helpers/components';
import { edge, node, workflowOf } from '../../helpers/workflows';

const registry = nodeRegistry;

/**
 * gen, edit and odd (a type no registry knows) are grouped. Outside: p and x (prompts), refs (a
 * reference set), myst (unknown type) and two exports. Every kind of crossing edge is here: one
 * source feeding two inner ports, sources and targets whose port types are unknown, one inner
 * source leaving to two nodes, and an edge that never touches the selection.
 */
function crossing(): Workflow {
  return workflowOf(
    [
      node('p', 'prompt', { text: 'a red sneaker' }),
      node('refs', 'referenceSet', { images: [] }),
      node('myst', 'mystery', {}),
      node('gen', 'generate', { model: MODEL }, { position: { x: 300, y: 200 } }),
      node('x', 'prompt', { text: 'more' }),
      node('edit', 'edit', { model: MODEL }, { position: { x: 100, y: 400 } }),
      node('odd', 'mystery', {}, { position: { x: 500, y: 300 } }),
      node('out', 'export', { filename: 'a-{n}' }),
      node('out2', 'export', { filename: 'b-{n}' }),
    ],
    [
      edge('p', 'text', 'gen', 'prompt'),
      edge('p', 'text', 'edit', 'instruction'),
      edge('refs', 'images', 'gen', 'references'),
      edge('gen', 'image', 'edit', 'image'),
      edge('myst', 'foo', 'edit', 'references'),
      edge('x', 'text', 'odd', 'in'),
      edge('edit', 'image', 'out', 'images'),
      edge('edit', 'image', 'out2', 'images'),
      edge('gen', 'text', 'out', 'images'),
      edge('odd', 'result', 'out', 'images'),
      edge('refs', 'image', 'out2', 'images'),
    ],
  );
}

describe('makeComponent: inputs, outputs and the wiring', () => {
  it('makes one typed input per outside source and one output per inside source, wired the same way', () => {
    const made = makeComponent(crossing(), ['gen', 'edit', 'odd'], {
      name: 'Studio',
      registry,
      rename: { inputs: { references: 'image' } },
    });
    if (!made.ok) throw new Error(made.error.message);
    const { component, instanceId, workflow } = made.value;
    expect(instanceId).toBe('studio');
    expect(component.inputs).toEqual([
      // Feeds gen.prompt (required) and edit.instruction (optional): required.
      { name: 'prompt', type: 'text' },
      // Renamed; its type is the source's (image[]); it feeds only an optional port.
      { name: 'image', type: 'image[]', optional: true },
      // The same wanted name again gets a suffix; an unknown source type falls back to the target's.
      { name: 'image_2', type: 'image[]', optional: true },
      // The target's port is unknown (odd): the source's type, and not optional.
      { name: 'in', type: 'text' },
    ]);
    expect(component.outputs).toEqual([
      { name: 'image', type: 'image', from: { node: 'edit', port: 'image' } },
      { name: 'text', type: 'text', from: { node: 'gen', port: 'text' } },
      // An unknown source type: image.
      { name: 'result', type: 'image', from: { node: 'odd', port: 'result' } },
    ]);
    expect(component.edges).toEqual([
      edge('$in', 'prompt', 'gen', 'prompt'),
      edge('$in', 'prompt', 'edit', 'instruction'),
      edge('$in', 'image', 'gen', 'references'),
      edge('gen', 'image', 'edit', 'image'),
      edge('$in', 'image_2', 'edit', 'references'),
      edge('$in', 'in', 'odd', 'in'),
    ]);
    expect(component.nodes.map((n) => n.id)).toEqual(['gen', 'edit', 'odd']);
    expect(workflow.edges).toEqual([
      edge('p', 'text', 'studio', 'prompt'),
      edge('refs', 'images', 'studio', 'image'),
      edge('myst', 'foo', 'studio', 'image_2'),
      edge('x', 'text', 'studio', 'in'),
      edge('studio', 'image', 'out', 'images'),
      edge('studio', 'image', 'out2', 'images'),
      edge('studio', 'text', 'out', 'images'),
      edge('studio', 'result', 'out', 'images'),
      // Never touched the selection: kept as it is.
      edge('refs', 'image', 'out2', 'images'),
    ]);
    // The instance stands at the top-left of the selection, in place of its first node.
    expect(workflow.nodes.map((n) => n.id)).toEqual(['p', 'refs', 'myst', 'studio', 'x', 'out', 'out2']);
    expect(workflow.nodes[3]).toEqual({
      id: 'studio',
      type: 'component',
      position: { x: 100, y: 200 },
      params: { component: 'studio' },
    });
  });

  it('an input is optional only when every inner port it feeds is', () => {
    const workflow = workflowOf(
      [
        node('refs', 'referenceSet', { images: [] }),
        node('p', 'prompt', { text: 'x' }),
        node('gen', 'generate', { model: MODEL }),
        node('edit', 'edit', { model: MODEL }),
      ],
      [
        edge('p', 'text', 'gen', 'prompt'),
        // One source: an optional port (gen.references) and a required one (edit.image).
        edge('refs', 'image', 'gen', 'references'),
        edge('refs', 'image', 'edit', 'image'),
        // Only optional ports.
        edge('refs', 'images', 'edit', 'references'),
      ],
    );
    const made = makeComponent(workflow, ['gen', 'edit'], { name: 'Pair', registry });
    if (!made.ok) throw new Error(made.error.message);
    expect(made.value.component.inputs).toEqual([
      { name: 'prompt', type: 'text' },
      { name: 'references', type: 'image' },
      { name: 'references_2', type: 'image[]', optional: true },
    ]);
  });
});
