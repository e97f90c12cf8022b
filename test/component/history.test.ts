// @vitest-environment jsdom
import './setup-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { commands, setHistoryClock, useDocumentStore } from '../../src/editor/store/document-store';
import { runActions } from '../../src/editor/store/run-store';
import type { RunEvent } from '../../src/engine/events';
import type { Workflow } from '../../src/engine/workflow';
import { resetStores, sampleWorkflow } from './helpers';

const doc = (): Workflow => structuredClone(useDocumentStore.getState().doc);
const history = () => useDocumentStore.getState().past.length;

const nodeIn = (workflow: Workflow, id: string) => {
  const found = workflow.nodes.find((node) => node.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
};

/**
 * Apply a command: the document must become exactly `before` with `change` applied (nothing
 * else moved), as one history entry named `label`; then undo must give back `before` and redo
 * `after`, deeply.
 */
function checkRoundTrip(
  apply: () => void,
  label: string,
  change: (expected: Workflow) => void,
): { before: Workflow; after: Workflow } {
  const before = doc();
  const entries = history();
  apply();
  const after = doc();
  const expected = structuredClone(before);
  change(expected);
  expect(after).toEqual(expected);
  expect(after).not.toEqual(before);
  expect(history()).toBe(entries + 1);
  expect(useDocumentStore.getState().past.at(-1)?.label).toBe(label);
  commands.undo();
  expect(doc()).toEqual(before);
  commands.redo();
  expect(doc()).toEqual(after);
  return { before, after };
}

let now = 1_000_000;
beforeEach(() => {
  resetStores();
  now = 1_000_000;
  setHistoryClock(() => now);
});

describe('every command undoes and redoes exactly', () => {
  it('addNode', () => {
    checkRoundTrip(
      () => commands.addNode({ type: 'prompt', position: { x: 5, y: 6 }, params: { text: '' } }),
      'Add prompt',
      (expected) => {
        expected.nodes.push({ id: 'prompt', type: 'prompt', position: { x: 5, y: 6 }, params: { text: '' } });
      },
    );
  });

  it('addNode already connected (link released on the canvas) is one step', () => {
    checkRoundTrip(
      () =>
        commands.addNode({
          type: 'edit',
          position: { x: 0, y: 0 },
          params: {},
          connect: { nodeId: 'g', port: 'image', side: 'source', newNodePort: 'image' },
        }),
      'Add edit',
      (expected) => {
        expected.nodes.push({ id: 'edit', type: 'edit', position: { x: 0, y: 0 }, params: {} });
        expected.edges.push({
          id: 'e-g.image-edit.image',
          source: 'g',
          sourcePort: 'image',
          target: 'edit',
          targetPort: 'image',
        });
      },
    );
  });

  it('deleteNodes removes the nodes and their edges', () => {
    checkRoundTrip(
      () => commands.deleteNodes(['g']),
      'Delete node',
      (expected) => {
        expected.nodes = expected.nodes.filter((node) => node.id !== 'g');
        expected.edges = expected.edges.filter((edge) => edge.id === 'e3');
      },
    );
  });

  it('deleteSelection of nodes and edges together', () => {
    checkRoundTrip(
      () => commands.deleteSelection(['refs', 'x'], ['e1']),
      'Delete nodes',
      (expected) => {
        expected.nodes = expected.nodes.filter((node) => node.id !== 'refs' && node.id !== 'x');
        expected.edges = expected.edges.filter((edge) => edge.id === 'e2');
      },
    );
  });

  it('moveNodes', () => {
    checkRoundTrip(
      () => commands.moveNodes([{ id: 'p', position: { x: 40, y: 50 } }]),
      'Move',
      (expected) => {
        nodeIn(expected, 'p').position = { x: 40, y: 50 };
      },
    );
  });

  it('connect', () => {
    checkRoundTrip(
      () => commands.connect({ source: 'refs', sourcePort: 'images', target: 'g', targetPort: 'references' }),
      'Connect',
      (expected) => {
        expected.edges.push({
          id: 'e-refs.images-g.references',
          source: 'refs',
          sourcePort: 'images',
          target: 'g',
          targetPort: 'references',
        });
      },
    );
  });

  it('connect to a taken single input replaces the old edge in one step', () => {
    commands.addNode({ type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'other' } });
    checkRoundTrip(
      () => commands.connect({ source: 'prompt', sourcePort: 'text', target: 'g', targetPort: 'prompt' }),
      'Connect',
      (expected) => {
        expected.edges = expected.edges.filter((edge) => edge.id !== 'e1');
        expected.edges.push({
          id: 'e-prompt.text-g.prompt',
          source: 'prompt',
          sourcePort: 'text',
          target: 'g',
          targetPort: 'prompt',
        });
      },
    );
  });

  it('disconnect', () => {
    checkRoundTrip(
      () => commands.disconnect(['e1']),
      'Delete connection',
      (expected) => {
        expected.edges = expected.edges.filter((edge) => edge.id !== 'e1');
      },
    );
  });

  it('setParam, and removing a param', () => {
    checkRoundTrip(
      () => commands.setParam('g', 'aspectRatio', '16:9'),
      'Edit aspectRatio',
      (expected) => {
        nodeIn(expected, 'g').params.aspectRatio = '16:9';
      },
    );
    now += 5000;
    checkRoundTrip(
      () => commands.setParam('e', 'instruction', undefined),
      'Edit instruction',
      (expected) => {
        delete nodeIn(expected, 'e').params.instruction;
      },
    );
  });

  it('setLabel, and clearing it', () => {
    checkRoundTrip(
      () => commands.setLabel('p', 'Fox prompt'),
      'Rename node',
      (expected) => {
        nodeIn(expected, 'p').label = 'Fox prompt';
      },
    );
    now += 5000;
    checkRoundTrip(
      () => commands.setLabel('p', '  '),
      'Rename node',
      (expected) => {
        delete nodeIn(expected, 'p').label;
      },
    );
  });

  it('setExposeAs, and clearing it', () => {
    checkRoundTrip(
      () => commands.setExposeAs('p', 'subject'),
      'Expose input',
      (expected) => {
        nodeIn(expected, 'p').exposeAs = 'subject';
      },
    );
    now += 5000;
    checkRoundTrip(
      () => commands.setExposeAs('p', undefined),
      'Expose input',
      (expected) => {
        delete nodeIn(expected, 'p').exposeAs;
      },
    );
  });

  it('pasteNodes copies nodes with fresh ids and their internal edges', () => {
    const source = doc();
    const clip = {
      nodes: source.nodes.filter((n) => n.id === 'p' || n.id === 'g'),
      edges: source.edges.filter((e) => e.id === 'e1'),
    };
    checkRoundTrip(
      () => commands.pasteNodes(clip, { x: 32, y: 32 }),
      'Paste nodes',
      (expected) => {
        expected.nodes.push(
          { id: 'prompt', type: 'prompt', position: { x: 32, y: 32 }, params: { text: 'a red fox' } },
          {
            id: 'gen',
            type: 'generate',
            position: { x: 432, y: 32 },
            params: { model: 'gemini-3.1-flash-image' },
          },
        );
        expected.edges.push({
          id: 'e-prompt.text-gen.prompt',
          source: 'prompt',
          sourcePort: 'text',
          target: 'gen',
          targetPort: 'prompt',
        });
      },
    );
  });

  it('renameWorkflow', () => {
    checkRoundTrip(
      () => commands.renameWorkflow('Foxes'),
      'Rename workflow',
      (expected) => {
        expected.name = 'Foxes';
      },
    );
  });

  it('layoutNodes (auto-layout) is one step for all positions', () => {
    checkRoundTrip(
      () =>
        commands.layoutNodes(
          new Map([
            ['p', { x: 1, y: 2 }],
            ['g', { x: 3, y: 4 }],
          ]),
        ),
      'Auto-layout',
      (expected) => {
        nodeIn(expected, 'p').position = { x: 1, y: 2 };
        nodeIn(expected, 'g').position = { x: 3, y: 4 };
      },
    );
  });

  it('a command that changes nothing adds no history', () => {
    commands.moveNodes([{ id: 'p', position: { x: 0, y: 0 } }]);
    commands.setParam('missing', 'text', 'x');
    expect(history()).toBe(0);
  });

  it('a new command clears the redo stack', () => {
    commands.setLabel('p', 'A');
    commands.undo();
    expect(useDocumentStore.getState().future).toHaveLength(1);
    now += 5000;
    commands.setLabel('g', 'B');
    expect(useDocumentStore.getState().future).toHaveLength(0);
  });
});

describe('merging', () => {
  it('a typing burst in one field is one undo step; a pause starts a new one', () => {
    const before = doc();
    for (const text of ['a', 'a r', 'a re', 'a red']) {
      commands.setParam('p', 'text', text);
      now += 300;
    }
    expect(history()).toBe(1);
    now += 2000;
    commands.setParam('p', 'text', 'a red cat');
    expect(history()).toBe(2);
    commands.undo();
    expect(doc().nodes[0]?.params.text).toBe('a red');
    commands.undo();
    expect(doc()).toEqual(before);
  });

  it('typing in another field does not merge', () => {
    commands.setParam('p', 'text', 'x');
    commands.setParam('g', 'avoid', 'y');
    expect(history()).toBe(2);
  });

  it('a drag (start..stop) is one undo step, however long it takes', () => {
    const before = doc();
    for (let step = 1; step <= 5; step++) {
      commands.moveNodes([{ id: 'p', position: { x: step * 10, y: 0 } }], { dragging: true });
      now += 1500;
    }
    commands.moveNodes([{ id: 'p', position: { x: 60, y: 0 } }], { dragging: false });
    expect(history()).toBe(1);
    expect(doc().nodes[0]?.position).toEqual({ x: 60, y: 0 });
    commands.undo();
    expect(doc()).toEqual(before);
    commands.redo();
    expect(doc().nodes[0]?.position).toEqual({ x: 60, y: 0 });
  });

  it('two drags of the same node are two steps', () => {
    commands.moveNodes([{ id: 'p', position: { x: 10, y: 0 } }], { dragging: true });
    commands.moveNodes([{ id: 'p', position: { x: 10, y: 0 } }], { dragging: false });
    commands.moveNodes([{ id: 'p', position: { x: 20, y: 0 } }], { dragging: true });
    commands.moveNodes([{ id: 'p', position: { x: 30, y: 0 } }], { dragging: false });
    expect(history()).toBe(2);
  });
});

describe('what never enters history', () => {
  it('run events change the run store, not the document or its history', () => {
    commands.setLabel('p', 'A');
    const state = useDocumentStore.getState();
    const events: RunEvent[] = [
      {
        type: 'run-start',
        runId: 'r',
        row: 1,
        nodeIds: ['p'],
        estimate: { calls: 0, cachedNodes: 0, usd: 0, perNode: {} },
        at: 1,
      },
      { type: 'node-start', runId: 'r', nodeId: 'p', at: 2 },
      {
        type: 'node-finish',
        runId: 'r',
        nodeId: 'p',
        status: 'ran',
        at: 3,
        durationMs: 1,
        calls: 0,
        outputs: { text: 'a red fox' },
      },
      {
        type: 'run-finish',
        runId: 'r',
        status: 'ok',
        at: 4,
        durationMs: 3,
        totals: { calls: 0, cachedNodes: 0, costUsd: 0 },
      },
    ];
    for (const event of events) runActions.apply(event);
    expect(useDocumentStore.getState()).toBe(state);
  });

  it('loadWorkflow replaces the document and clears history', () => {
    commands.setLabel('p', 'A');
    commands.undo();
    commands.setLabel('g', 'B');
    const loaded = sampleWorkflow();
    loaded.name = 'Loaded';
    commands.loadWorkflow(loaded);
    const state = useDocumentStore.getState();
    expect(state.doc).toEqual(loaded);
    expect(state.past).toEqual([]);
    expect(state.future).toEqual([]);
    commands.undo();
    expect(useDocumentStore.getState().doc).toEqual(loaded);
  });
});
