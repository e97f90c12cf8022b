import { describe, expect, it } from 'vitest';
import { runStateFromHistory } from '../../../src/editor/persistence/restore-runs';
import type { NodeRunRecord, RunRecord } from '../../../src/persistence';
import { node, workflowOf } from '../../helpers/workflows';

const workflow = workflowOf(
  [node('scenes', 'list', { items: ['a', 'b', 'c'] }), node('gen', 'generate', {})],
  [],
);
const hash = (n: number) => n.toString(16).padStart(64, '0');

function element(index: number, status: NodeRunRecord['status'] = 'ran', count = 3): NodeRunRecord {
  return {
    status,
    calls: status === 'ran' ? 1 : 0,
    costUsd: status === 'ran' ? 0.04 : 0,
    outputHashes: [hash(index)],
    outputs: { image: { $image: hash(index), mimeType: 'image/png' }, text: '' },
    element: { of: 'gen', index, count, item: ['a', 'b', 'c'][index - 1] ?? '' },
  } as NodeRunRecord;
}

function run(id: string, nodes: Record<string, NodeRunRecord>, startedAt: number): RunRecord {
  return {
    id,
    workflowId: 'w',
    workflowName: 'Test',
    snapshotHash: 'x',
    row: 1,
    inputs: {},
    status: 'ok',
    interrupted: false,
    startedAt,
    nodeIds: Object.keys(nodes),
    nodes,
    totals: { calls: 0, cachedNodes: 0, costUsd: 0 },
    outputHashes: [],
  };
}

describe('element strips from run history', () => {
  it("folds a run's element records into their node: count, order, images, instance ids, status", () => {
    // Recorded in finishing order, not element order.
    const state = runStateFromHistory(workflow, [
      run('r1', { 'gen[3]': element(3), 'gen[1]': element(1), 'gen[2]': element(2, 'cached') }, 1),
    ]);
    const gen = state.nodes.gen;
    expect(gen?.elements).toMatchObject({ runId: 'r1', count: 3, finished: 3 });
    expect(gen?.elements?.entries.map((entry) => entry?.images)).toEqual([[hash(1)], [hash(2)], [hash(3)]]);
    expect(gen?.elements?.entries.map((entry) => entry?.instanceId)).toEqual(['gen[1]', 'gen[2]', 'gen[3]']);
    expect(gen?.elements?.entries.map((entry) => entry?.status)).toEqual(['done', 'cached', 'done']);
    expect(gen?.status).toBe('done');
    expect(gen?.outputs?.images).toEqual([hash(1), hash(2), hash(3)]);
    expect(gen?.costUsd).toBeCloseTo(0.08);
    // No stray entries under the instance ids.
    expect(Object.keys(state.nodes)).toEqual(['gen']);
  });

  it('the newest run owns the strip; an older run never mixes in', () => {
    const newer = run('new', { 'gen[1]': element(1, 'ran', 2), 'gen[2]': element(2, 'ran', 2) }, 2);
    const older = run('old', { 'gen[1]': element(1), 'gen[2]': element(2), 'gen[3]': element(3) }, 1);
    const state = runStateFromHistory(workflow, [newer, older]);
    expect(state.nodes.gen?.elements?.count).toBe(2);
    expect(state.nodes.gen?.elements?.runId).toBe('new');
  });

  it('a newer unmapped run of the node wins; an element still running elsewhere shows nothing', () => {
    const unmapped = run(
      'plain',
      {
        gen: {
          status: 'ran',
          calls: 1,
          costUsd: 0.04,
          outputHashes: [hash(9)],
          outputs: { image: { $image: hash(9), mimeType: 'image/png' } },
        } as NodeRunRecord,
      },
      2,
    );
    const mapped = run('mapped', { 'gen[1]': element(1), 'gen[2]': element(2), 'gen[3]': element(3) }, 1);
    const state = runStateFromHistory(workflow, [unmapped, mapped]);
    expect(state.nodes.gen?.elements).toBeUndefined();
    expect(state.nodes.gen?.outputs?.images).toEqual([hash(9)]);

    const elsewhere = runStateFromHistory(workflow, [run('live', { 'gen[1]': element(1, 'running') }, 1)]);
    expect(elsewhere.nodes.gen).toBeUndefined();
  });

  it('an element the page lost mid-call is marked interrupted, with nothing re-submitted', () => {
    const state = runStateFromHistory(workflow, [
      run('r', { 'gen[1]': element(1), 'gen[2]': element(2, 'interrupted'), 'gen[3]': element(3) }, 1),
    ]);
    const entry = state.nodes.gen?.elements?.entries[1];
    expect(entry?.status).toBe('interrupted');
    expect(entry?.message).toContain('Nothing was re-submitted');
    expect(state.nodes.gen?.status).toBe('interrupted');
  });
});
