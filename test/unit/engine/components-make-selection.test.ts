import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { makeComponent } from '../../../src/engine/components/make';
import type { Workflow } from '../../../src/engine/workflow';
import { MODEL, sceneMaker, withComponents } from '../../helpers/components';
import { edge, node, workflowOf } from '../../helpers/workflows';

const registry = nodeRegistry;

const twoGenerates = (): Workflow =>
  workflowOf(
    [
      node('p', 'prompt', { text: 'x' }),
      node('gen', 'generate', { model: MODEL }),
      node('gen2', 'generate', { model: MODEL }),
    ],
    [edge('p', 'text', 'gen', 'prompt'), edge('p', 'text', 'gen2', 'prompt')],
  );

describe('makeComponent: selection, name and ids', () => {
  it('refuses ids not in the workflow, an empty selection and a blank name', () => {
    const workflow = twoGenerates();
    expect(makeComponent(workflow, ['gen', 'ghost', 'x'], { name: 'A', registry })).toEqual({
      ok: false,
      error: { code: 'unknown_node', message: 'no node "ghost", "x" in this workflow' },
    });
    expect(makeComponent(workflow, [], { name: 'A', registry })).toEqual({
      ok: false,
      error: { code: 'invalid_params', message: 'select at least one node to make a component' },
    });
    for (const name of ['', '  \t ']) {
      expect(makeComponent(workflow, ['gen'], { name, registry })).toEqual({
        ok: false,
        error: { code: 'invalid_params', message: 'a component needs a name' },
      });
    }
  });

  it('trims the name, keeps the description and adds the component after those already there', () => {
    const workflow = withComponents(twoGenerates(), [sceneMaker()]);
    const made = makeComponent(workflow, ['gen'], {
      name: '  Scene maker ',
      description: 'One shot',
      registry,
    });
    if (!made.ok) throw new Error(made.error.message);
    // "sceneMaker" is taken by the component already there.
    expect(made.value.component).toMatchObject({
      id: 'sceneMaker-2',
      name: 'Scene maker',
      description: 'One shot',
    });
    expect(made.value.workflow.components).toEqual([sceneMaker(), made.value.component]);
  });

  it('a workflow with no components field gets just the new one; no description, no field', () => {
    const { components: _none, ...bare } = twoGenerates();
    const made = makeComponent(bare, ['gen', 'gen2'], { name: 'Twins', registry });
    if (!made.ok) throw new Error(made.error.message);
    expect(made.value.workflow.components).toEqual([made.value.component]);
    expect(made.value.component).toEqual({
      id: 'twins',
      name: 'Twins',
      inputs: [{ name: 'prompt', type: 'text' }],
      outputs: [],
      nodes: [node('gen', 'generate', { model: MODEL }), node('gen2', 'generate', { model: MODEL })],
      edges: [edge('$in', 'prompt', 'gen', 'prompt'), edge('$in', 'prompt', 'gen2', 'prompt')],
    });
  });

  it('the instance takes the component id unless a node left outside has it', () => {
    // A selected node named like the component gives its id up to the instance.
    const inside = workflowOf(
      [node('p', 'prompt', { text: 'x' }), node('twins', 'generate', { model: MODEL })],
      [edge('p', 'text', 'twins', 'prompt')],
    );
    const madeInside = makeComponent(inside, ['twins'], { name: 'Twins', registry });
    if (!madeInside.ok) throw new Error(madeInside.error.message);
    expect(madeInside.value.instanceId).toBe('twins');
    expect(madeInside.value.workflow.nodes.map((n) => n.id)).toEqual(['p', 'twins']);
    expect(madeInside.value.workflow.edges).toEqual([edge('p', 'text', 'twins', 'prompt')]);

    // A node left outside keeps its id; the instance gets the next free one.
    const outside = workflowOf(
      [node('twins', 'prompt', { text: 'x' }), node('gen', 'generate', { model: MODEL })],
      [edge('twins', 'text', 'gen', 'prompt')],
    );
    const madeOutside = makeComponent(outside, ['gen'], { name: 'Twins', registry });
    if (!madeOutside.ok) throw new Error(madeOutside.error.message);
    expect(madeOutside.value.instanceId).toBe('twins-2');
    expect(madeOutside.value.workflow.edges).toEqual([edge('twins', 'text', 'twins-2', 'prompt')]);
  });
});
