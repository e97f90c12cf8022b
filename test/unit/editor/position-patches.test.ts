/**
 * Tidy's positions are applied without an immer draft (position-patches.ts). What it records must
 * be what the draft recorded, so undo and redo keep working: same document, same patches.
 */
import { applyPatches, type Draft, enablePatches, type Patch, produceWithPatches } from 'immer';
import { beforeEach, describe, expect, it } from 'vitest';
import { commands, useDocumentStore } from '../../../src/editor/store/document-store';
import { editScope } from '../../../src/editor/store/edit-scope';
import { withPositions } from '../../../src/editor/store/position-patches';
import type { ComponentDefinition } from '../../../src/engine/components/types';
import type { Position, Workflow } from '../../../src/engine/workflow';
import { edge, node, workflowOf } from '../../helpers/workflows';

enablePatches();

/** Patches on distinct paths apply in any order: compare them sorted by path. */
const sorted = (patches: Patch[]) =>
  [...patches].sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')));

const inner: ComponentDefinition = {
  id: 'c1',
  name: 'Inner',
  inputs: [],
  outputs: [],
  nodes: [node('ip', 'prompt', { text: 'x' }), node('ig', 'generate', { model: 'm' })],
  edges: [edge('ip', 'text', 'ig', 'prompt')],
};

const doc: Workflow = {
  ...workflowOf(
    [
      node('p', 'prompt', { text: 'a' }),
      node('g', 'generate', { model: 'm' }, { position: { x: 40, y: 16 } }),
      node('x', 'export', {}),
    ],
    [edge('p', 'text', 'g', 'prompt')],
  ),
  components: [inner],
};

/** What the draft recipe (the old layoutNodes) produced, for the nodes of `list`. */
function byDraft(base: Workflow, positions: Map<string, Position>, componentId?: string) {
  return produceWithPatches(base, (draft: Draft<Workflow>) => {
    const list = componentId ? draft.components?.find((c) => c.id === componentId)?.nodes : draft.nodes;
    for (const moved of list ?? []) {
      const to = positions.get(moved.id);
      if (to && (to.x !== moved.position.x || to.y !== moved.position.y))
        moved.position = { x: to.x, y: to.y };
    }
  });
}

describe('withPositions', () => {
  it('gives the document and the patches a draft gives, sharing the nodes that stay put', () => {
    const positions = new Map([
      ['p', { x: 100, y: 200 }],
      ['g', { x: 40, y: 16 }],
      ['x', { x: 300, y: 0 }],
    ]);
    const [expected, patches, inversePatches] = byDraft(doc, positions);
    const change = withPositions(doc, undefined, positions);
    expect(change.doc).toEqual(expected);
    expect(sorted(change.patches)).toEqual(sorted(patches));
    expect(sorted(change.inversePatches)).toEqual(sorted(inversePatches));
    expect(change.doc.nodes[1]).toBe(doc.nodes[1]);
    expect(change.doc.edges).toBe(doc.edges);
    expect(change.doc.components).toBe(doc.components);
    expect(
      Object.isFrozen(change.doc) &&
        Object.isFrozen(change.doc.nodes) &&
        Object.isFrozen(change.doc.nodes[0]),
    ).toBe(true);
    expect(applyPatches(change.doc, change.inversePatches)).toEqual(doc);
  });

  it('moves the nodes of the component definition being edited', () => {
    const positions = new Map([
      ['ip', { x: 7, y: 9 }],
      ['p', { x: 500, y: 500 }],
    ]);
    const [expected, patches, inversePatches] = byDraft(doc, positions, 'c1');
    const change = withPositions(doc, 'c1', positions);
    expect(change.doc).toEqual(expected);
    expect(sorted(change.patches)).toEqual(sorted(patches));
    expect(sorted(change.inversePatches)).toEqual(sorted(inversePatches));
    expect(change.doc.nodes).toBe(doc.nodes);
    expect(change.doc.components?.[0]?.nodes[0]?.position).toEqual({ x: 7, y: 9 });
  });

  it('changes nothing when every node is already in place', () => {
    const change = withPositions(doc, undefined, new Map([['g', { x: 40, y: 16 }]]));
    expect(change.doc).toBe(doc);
    expect(change.patches).toEqual([]);
  });
});

describe('layoutNodes (Tidy) through history', () => {
  beforeEach(() => {
    commands.loadWorkflow(doc);
  });

  it('inside an opened component is one undo step of the workflow', () => {
    editScope.enter('c1');
    commands.layoutNodes(new Map([['ig', { x: 64, y: 32 }]]));
    editScope.reset();
    const moved = useDocumentStore.getState();
    expect(moved.past).toHaveLength(1);
    expect(moved.doc.components?.[0]?.nodes[1]?.position).toEqual({ x: 64, y: 32 });
    expect(moved.doc.nodes).toBe(doc.nodes);
    commands.undo();
    expect(useDocumentStore.getState().doc).toEqual(doc);
    commands.redo();
    expect(useDocumentStore.getState().doc).toEqual(moved.doc);
  });

  it('of a graph already laid out that way adds no undo step', () => {
    commands.layoutNodes(new Map(doc.nodes.map((n) => [n.id, n.position])));
    expect(useDocumentStore.getState().past).toHaveLength(0);
    expect(useDocumentStore.getState().doc).toBe(doc);
  });
});
