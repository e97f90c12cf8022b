import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { componentById, portsOf } from '../../../src/engine/components/ports';
import type { ComponentDefinition } from '../../../src/engine/components/types';
import { MODEL, sceneMaker } from '../../helpers/components';
import { node } from '../../helpers/workflows';

/** `subject` (text, required), `style` (text, optional), `refs` (image[], optional: false); two outputs. */
function styled(): ComponentDefinition {
  return {
    ...sceneMaker(),
    id: 'styled',
    inputs: [
      { name: 'subject', type: 'text' },
      { name: 'style', type: 'text', optional: true },
      { name: 'refs', type: 'image[]', optional: false },
    ],
    outputs: [
      { name: 'image', type: 'image', from: { node: 'gen', port: 'image' } },
      { name: 'all', type: 'image[]', from: { node: 'gen', port: 'images' } },
    ],
  };
}

describe('componentById', () => {
  it('finds a component by id, and none for no id or no components', () => {
    const components = [sceneMaker(), styled()];
    expect(componentById(components, 'styled')).toBe(components[1]);
    expect(componentById(components, 'ghost')).toBeUndefined();
    expect(componentById(components, undefined)).toBeUndefined();
    expect(componentById(undefined, 'styled')).toBeUndefined();
  });
});

describe('portsOf', () => {
  it("gives a component instance its component's inputs and outputs", () => {
    const instance = node('s', 'component', { component: 'styled' });
    expect(portsOf(instance, { components: [sceneMaker(), styled()] }, nodeRegistry)).toEqual({
      inputs: {
        subject: { type: 'text', optional: false },
        style: { type: 'text', optional: true },
        refs: { type: 'image[]', optional: false },
      },
      outputs: { image: { type: 'image' }, all: { type: 'image[]' } },
    });
  });

  it('has no ports for an instance of an unknown component or of none', () => {
    const components = { components: [styled()] };
    expect(portsOf(node('s', 'component', { component: 'ghost' }), components, nodeRegistry)).toBeUndefined();
    expect(portsOf(node('s', 'component', {}), components, nodeRegistry)).toBeUndefined();
  });

  it("gives any other node its definition's ports", () => {
    expect(portsOf(node('g', 'generate', { model: MODEL }), {}, nodeRegistry)).toEqual({
      inputs: {
        prompt: { type: 'text', optional: false },
        references: { type: 'image[]', optional: true },
      },
      outputs: {
        image: { type: 'image' },
        images: { type: 'image[]' },
        text: { type: 'text' },
        variants: { type: 'image' },
      },
    });
    expect(portsOf(node('p', 'prompt', { text: 'x' }), {}, nodeRegistry)).toEqual({
      inputs: {},
      outputs: { text: { type: 'text' } },
    });
  });

  it('has no ports for a node type the registry lacks', () => {
    expect(portsOf(node('x', 'nope'), {}, nodeRegistry)).toBeUndefined();
    expect(portsOf(node('x', 'toString'), {}, nodeRegistry)).toBeUndefined();
  });
});
