/**
 * Tidy's layout worker, run in Node: the real worker module listens on a stand-in global scope and
 * messages go through structuredClone, as postMessage would. What must hold: the worker places every
 * node exactly where the in-page layout does, only ids, sizes and links cross to it, a worker that
 * cannot start still gives the layout, and Tidy applies a worker's answer as one undo step.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { autoLayout } from '../../../src/editor/canvas/layout';
import { createWorkerLayout, type LayoutFn } from '../../../src/editor/canvas/layout-client';
import { layoutInputOf } from '../../../src/editor/canvas/layout-input';
import type { LayoutReply, LayoutRequest } from '../../../src/editor/canvas/layout-protocol';
import { LAYOUT_IN_PAGE_UP_TO, tidyLayout } from '../../../src/editor/canvas/tidy';
import { commands, useDocumentStore } from '../../../src/editor/store/document-store';
import { useViewStore } from '../../../src/editor/store/view-store';
import type { Position, Workflow, WorkflowEdge, WorkflowNode } from '../../../src/engine/workflow';
import { edge, node, workflowOf } from '../../helpers/workflows';

type Scope = {
  onmessage: ((event: { data: LayoutRequest }) => void) | null;
  postMessage(message: LayoutReply): void;
};

let scope: Scope;
const sent: LayoutRequest[] = [];

/** A Worker stand-in whose other end is the real layout worker module. */
function fakeWorker(): Worker {
  const worker = {
    onmessage: null as ((event: { data: LayoutReply }) => void) | null,
    onerror: null as (() => void) | null,
    terminate: () => undefined,
    postMessage(message: LayoutRequest) {
      sent.push(message);
      // Asynchronous, like a real worker: the page goes on while the layout runs.
      const copy = structuredClone(message);
      setTimeout(() => scope.onmessage?.({ data: copy }), 0);
    },
  };
  scope.postMessage = (reply) => worker.onmessage?.({ data: structuredClone(reply) });
  return worker as unknown as Worker;
}

/** A worker that fails to load (a blocked script, a missing chunk): only its error event arrives. */
function brokenWorker(): Worker {
  const worker = {
    onmessage: null,
    onerror: null as (() => void) | null,
    terminate: () => undefined,
    postMessage() {
      setTimeout(() => worker.onerror?.(), 0);
    },
  };
  return worker as unknown as Worker;
}

/**
 * Chains of five like the bench graph (prompt -> generate -> edit -> edit -> export, with extra
 * links into the export), a frame and a note the layout must leave alone, and measured sizes of
 * different heights, so a layout that ignores sizes would overlap.
 */
function fixture(chains: number): {
  doc: Workflow;
  measured: Record<string, { width: number; height: number }>;
} {
  const nodes: WorkflowNode[] = [];
  const edges: WorkflowEdge[] = [];
  const measured: Record<string, { width: number; height: number }> = {};
  for (let i = 0; i < chains; i++) {
    nodes.push(node(`p${i}`, 'prompt', { text: `scene ${i}` }));
    nodes.push(node(`g${i}`, 'generate', { model: 'gemini-3.1-flash-image' }));
    nodes.push(node(`e${i}`, 'edit', { instruction: 'warmer' }));
    nodes.push(node(`f${i}`, 'edit', { instruction: 'rain' }));
    nodes.push(node(`x${i}`, 'export', { filename: '{node}' }));
    edges.push(edge(`p${i}`, 'text', `g${i}`, 'prompt'));
    edges.push(edge(`g${i}`, 'image', `e${i}`, 'image'));
    edges.push(edge(`e${i}`, 'image', `f${i}`, 'image'));
    edges.push(edge(`f${i}`, 'image', `x${i}`, 'images'));
    edges.push(edge(`g${i}`, 'image', `x${i}`, 'images'));
    measured[`p${i}`] = { width: 260, height: 140 + (i % 3) * 40 };
    measured[`g${i}`] = { width: 300, height: 380 };
    measured[`e${i}`] = { width: 280, height: 240 + (i % 2) * 120 };
  }
  nodes.push(node('frame1', 'frame', { title: 'group' }, { position: { x: -500, y: -500 } }));
  nodes.push(node('note1', 'note', { text: 'hello' }, { position: { x: -900, y: 40 } }));
  return { doc: workflowOf(nodes, edges), measured };
}

const boxesOverlap = (
  positions: Map<string, Position>,
  sizes: Map<string, { width: number; height: number }>,
): string[] => {
  const boxes = [...positions].map(([id, at]) => ({
    id,
    ...at,
    ...(sizes.get(id) ?? { width: 0, height: 0 }),
  }));
  const overlaps: string[] = [];
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1))
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        overlaps.push(`${a.id}/${b.id}`);
  return overlaps;
};

beforeAll(async () => {
  scope = { onmessage: null, postMessage: () => undefined };
  (globalThis as { self?: unknown }).self = scope;
  await import('../../../src/editor/canvas/layout-worker');
});

beforeEach(() => {
  sent.length = 0;
});

describe('the layout worker', () => {
  it('places every node where the in-page layout does, without overlaps', async () => {
    const { doc, measured } = fixture(12);
    const inWorker = await createWorkerLayout(fakeWorker)(layoutInputOf(doc, measured));
    const inPage = autoLayout(doc, measured);
    expect(inWorker.size).toBe(60);
    expect([...inWorker].sort()).toEqual([...inPage].sort());
    // Frames and notes keep their place: the layout never moves them.
    expect(inWorker.has('frame1')).toBe(false);
    expect(inWorker.has('note1')).toBe(false);
    const sizes = new Map(layoutInputOf(doc, measured).nodes.map((n) => [n.id, n]));
    expect(boxesOverlap(inWorker, sizes)).toEqual([]);
  });

  it('receives only ids, sizes and links, never the document', async () => {
    const { doc, measured } = fixture(2);
    await createWorkerLayout(fakeWorker)(layoutInputOf(doc, measured));
    const [request] = sent;
    expect(Object.keys(request?.input ?? {}).sort()).toEqual(['edges', 'nodes']);
    expect(request?.input.nodes.find((n) => n.id === 'g1')).toEqual({ id: 'g1', width: 300, height: 380 });
    for (const n of request?.input.nodes ?? [])
      expect(Object.keys(n).sort()).toEqual(['height', 'id', 'width']);
    for (const e of request?.input.edges ?? []) expect(Object.keys(e).sort()).toEqual(['source', 'target']);
    expect(JSON.stringify(request)).not.toContain('scene');
  });

  it('still lays out, on the page, when the worker cannot start', async () => {
    const { doc, measured } = fixture(3);
    const layout = createWorkerLayout(brokenWorker);
    const first = await layout(layoutInputOf(doc, measured));
    expect([...first].sort()).toEqual([...autoLayout(doc, measured)].sort());
    // Once broken, later layouts go straight to the page.
    const second = await layout(layoutInputOf(doc, measured));
    expect(second.size).toBe(15);
  });

  it('answers each request with its own layout when several are in flight', async () => {
    const small = fixture(1);
    const big = fixture(4);
    const layout = createWorkerLayout(fakeWorker);
    const [a, b] = await Promise.all([
      layout(layoutInputOf(small.doc, small.measured)),
      layout(layoutInputOf(big.doc, big.measured)),
    ]);
    expect(a.size).toBe(5);
    expect(b.size).toBe(20);
  });
});

describe('Tidy with the worker', () => {
  const positionsOf = (): Map<string, Position> =>
    new Map(useDocumentStore.getState().doc.nodes.map((n) => [n.id, n.position]));

  it('moves every node in one undo step, with measured sizes', async () => {
    const { doc, measured } = fixture(12);
    expect(doc.nodes.length).toBeGreaterThan(LAYOUT_IN_PAGE_UP_TO);
    commands.loadWorkflow(doc);
    useViewStore.setState({ measured });
    const before = positionsOf();
    const past = useDocumentStore.getState().past.length;
    let fits = 0;
    const workerLayout: LayoutFn = createWorkerLayout(fakeWorker);
    await tidyLayout(() => fits++, workerLayout);

    // The worker computed it (big graph), and the page applied exactly its answer.
    expect(sent).toHaveLength(1);
    const expected = autoLayout(doc, measured);
    for (const [id, at] of expected) expect(positionsOf().get(id)).toEqual(at);
    expect(positionsOf().get('frame1')).toEqual({ x: -500, y: -500 });
    expect(useDocumentStore.getState().past.length).toBe(past + 1);
    expect(useDocumentStore.getState().past.at(-1)?.label).toBe('Auto-layout');
    expect(fits).toBe(1);

    commands.undo();
    expect(positionsOf()).toEqual(before);
  });

  it('drops the answer when the user left for another component level meanwhile', async () => {
    const { doc, measured } = fixture(12);
    commands.loadWorkflow(doc);
    useViewStore.setState({ measured });
    const past = useDocumentStore.getState().past.length;
    const { editScope } = await import('../../../src/editor/store/edit-scope');
    const slow: LayoutFn = async (input) => {
      const positions = await createWorkerLayout(fakeWorker)(input);
      editScope.enter('some-component');
      return positions;
    };
    await tidyLayout(() => undefined, slow);
    editScope.reset();
    expect(useDocumentStore.getState().past.length).toBe(past);
  });
});
