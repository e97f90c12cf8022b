import { describe, expect, it } from 'vitest';
import {
  componentFileOf,
  componentWithDependencies,
  importComponents,
  replaceComponent,
} from '../../../src/engine/components/library';
import type { ComponentDefinition } from '../../../src/engine/components/types';
import { MODEL, sceneMaker, withComponents } from '../../helpers/components';
import { node, workflowOf } from '../../helpers/workflows';

/** A component whose nodes are instances of `uses` (plus one plain node). */
const user = (id: string, uses: string[], description?: string): ComponentDefinition => ({
  id,
  name: `Uses ${uses.join(' and ') || 'nothing'}`,
  ...(description === undefined ? {} : { description }),
  inputs: [],
  outputs: [],
  nodes: [
    node('plain', 'prompt', { text: id }),
    ...uses.map((used, index) => node(`n${index}`, 'component', { component: used })),
  ],
  edges: [],
});

describe('component files', () => {
  it('lists a component after the ones it uses, each once, and skips ids that name nothing', () => {
    // top uses left and right, both use base; right also names a component that is not there.
    const components = [
      user('top', ['left', 'right'], 'The top one'),
      user('right', ['base', 'ghost']),
      user('left', ['base']),
      user('base', []),
      user('unused', []),
    ];
    expect(componentWithDependencies(components, 'top').map((c) => c.id)).toEqual([
      'base',
      'left',
      'right',
      'top',
    ]);
    expect(componentWithDependencies(components, 'ghost')).toEqual([]);

    const file = componentFileOf(withComponents(workflowOf([], [], 'Mine'), components), 'top');
    expect(file).toEqual({
      ok: true,
      value: {
        format: 'peel.workflow',
        version: 2,
        name: 'Uses left and right',
        description: 'The top one',
        components: [components[3], components[2], components[1], components[0]],
        nodes: [],
        edges: [],
      },
    });
    const plain = componentFileOf(withComponents(workflowOf([], []), components), 'base');
    if (!plain.ok) throw new Error(plain.error.message);
    expect('description' in plain.value).toBe(false);
  });

  it('follows instances only: a plain node with a `component` param and a nameless instance add nothing', () => {
    const odd: ComponentDefinition = {
      ...user('odd', []),
      nodes: [node('fake', 'prompt', { text: 'x', component: 'base' }), node('nameless', 'component', {})],
    };
    expect(componentWithDependencies([user('base', []), odd], 'odd').map((c) => c.id)).toEqual(['odd']);
  });

  it('a component that contains itself is listed once (no endless walk)', () => {
    const loop = [user('a', ['b']), user('b', ['a'])];
    expect(componentWithDependencies(loop, 'a').map((c) => c.id)).toEqual(['b', 'a']);
  });

  it('refuses to export a component the workflow does not have', () => {
    expect(componentFileOf(withComponents(workflowOf([], []), [sceneMaker()]), 'nope')).toEqual({
      ok: false,
      error: { code: 'invalid_params', message: 'no component "nope" in this workflow' },
    });
    const { components: _none, ...bare } = workflowOf([], []);
    expect(componentFileOf(bare, 'sceneMaker')).toEqual({
      ok: false,
      error: { code: 'invalid_params', message: 'no component "sceneMaker" in this workflow' },
    });
  });
});

describe('importComponents', () => {
  it('into a workflow with no components field; a file with none adds none', () => {
    const { components: _none, ...bare } = workflowOf([node('p', 'prompt', { text: 'x' })], []);
    const nothing = importComponents(bare, {});
    expect(nothing.workflow).toEqual({ ...bare, components: [] });
    expect(nothing.ids.size).toBe(0);

    const imported = importComponents(bare, { components: [sceneMaker()] });
    // Exactly as in the file: nodes that are not instances are not given a `component` param.
    expect(imported.workflow.components).toStrictEqual([sceneMaker()]);
    expect([...imported.ids]).toEqual([['sceneMaker', 'sceneMaker']]);
  });
});

describe('replaceComponent', () => {
  it('replaces the definition with that id (the id is kept) and leaves the others in place', () => {
    const other = user('other', []);
    const workflow = withComponents(workflowOf([], []), [other, sceneMaker(), user('last', [])]);
    const next = {
      ...sceneMaker('a blue boot'),
      id: 'renamed',
      nodes: [node('gen', 'generate', { model: MODEL })],
    };
    const replaced = replaceComponent(workflow, 'sceneMaker', next);
    expect(replaced).toEqual({
      ...workflow,
      components: [other, { ...next, id: 'sceneMaker' }, user('last', [])],
    });
    // The workflow given is not changed.
    expect(workflow.components?.[1]).toEqual(sceneMaker());
  });

  it('a workflow with no components gets an empty list', () => {
    const { components: _none, ...bare } = workflowOf([], []);
    expect(replaceComponent(bare, 'sceneMaker', sceneMaker()).components).toEqual([]);
  });
});
