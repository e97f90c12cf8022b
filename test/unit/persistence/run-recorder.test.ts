import './helpers';
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { canonicalJson } from '../../../src/engine/canonical';
import type { RunEvent } from '../../../src/engine/events';
import { runWorkflow } from '../../../src/engine/executor';
import { sha256HexOfString } from '../../../src/engine/image/hash';
import type { ImageProvider } from '../../../src/engine/provider';
import { toWorkflowFile } from '../../../src/engine/save';
import type { ImageValue } from '../../../src/engine/values';
import { openPeelStore } from '../../../src/persistence/peel-store';
import type { RunRecord } from '../../../src/persistence/records';
import { localDay } from '../../../src/persistence/run-history';
import { runLockName } from '../../../src/persistence/run-locks';
import { workflowSnapshotHash } from '../../../src/persistence/run-recorder';
import { FakeLockManager } from './fake-locks';
import { CountingProvider, testImage, testWorkflow, uniqueDbName } from './helpers';

const options = { storage: null, locks: null } as const;

describe('RunRecorder', () => {
  it('records a run from the real engine event stream, then a cached re-run', async () => {
    const store = await openPeelStore(uniqueDbName('runs'), options);
    const workflow = testWorkflow('a blue kite');
    const provider = new CountingProvider();
    const recorder = store.recordRun({
      workflowId: 'wf-1',
      workflow,
      inputs: { subject: 'kite', photo: testImage(3) },
    });
    const result = await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider,
      cache: store.cache,
      onEvent: recorder.onEvent,
      runId: 'run-a',
    });
    await recorder.idle();
    expect(recorder.errors).toEqual([]);

    const run = await store.runs.get('run-a');
    expect(run).toBeDefined();
    if (!run) return;
    expect(run.snapshotHash).toBe(
      sha256HexOfString(canonicalJson(toWorkflowFile(workflow, { embedImages: false }))),
    );
    expect(run.snapshotHash).toBe(workflowSnapshotHash(structuredClone(workflow)));
    expect(run).toMatchObject({
      workflowId: 'wf-1',
      workflowName: 'Kites',
      status: 'ok',
      interrupted: false,
      row: 1,
    });
    expect(run.endedAt).toBeGreaterThanOrEqual(run.startedAt);
    expect(run.nodeIds).toEqual(['p', 'g']);
    expect(run.estimate?.calls).toBe(1);
    expect(run.totals).toEqual(result.totals);
    expect(run.totals).toMatchObject({ calls: 1, cachedNodes: 0 });
    expect(run.totals.costUsd).toBeCloseTo(0.039);
    expect(run.inputs.subject).toBe('kite');
    expect(run.inputs.photo).toMatchObject({ $image: testImage(3).hash });

    const made = result.nodes.get('g')?.outputs?.image as ImageValue;
    expect(run.nodes.p).toMatchObject({ status: 'ran', calls: 0 });
    expect(run.nodes.g).toMatchObject({ status: 'ran', calls: 1, outputHashes: [made.hash] });
    expect(run.nodes.g?.costUsd).toBeCloseTo(0.039);
    expect(run.nodes.g?.cacheKey).toMatch(/^[0-9a-f]{64}$/);
    expect(run.nodes.g?.outputs?.text).toBe('drew: a blue kite');
    expect(run.outputHashes).toEqual([made.hash]);
    expect((await store.blobs.get(made.hash))?.bytes).toEqual(made.bytes);
    expect(await store.blobs.has(testImage(3).hash)).toBe(true);

    const again = store.recordRun({ workflowId: 'wf-1', workflow });
    await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider,
      cache: store.cache,
      onEvent: again.onEvent,
      runId: 'run-b',
    });
    await again.idle();
    expect(provider.calls).toBe(1);
    const cachedRun = await store.runs.get('run-b');
    expect(cachedRun?.nodes.g).toMatchObject({ status: 'cached', calls: 0, costUsd: 0 });
    expect(cachedRun?.totals).toEqual({ calls: 0, cachedNodes: 1, costUsd: 0 });
    store.close();
  });

  it('lists runs newest first per workflow and totals spend per day and per workflow', async () => {
    const store = await openPeelStore(uniqueDbName('spend'), options);
    const day = (d: number, hour: number) => new Date(2026, 0, d, hour).getTime();
    const base = {
      snapshotHash: 'h',
      row: 1,
      inputs: {},
      status: 'ok' as const,
      interrupted: false,
      nodeIds: [],
      nodes: {},
      outputHashes: [],
    };
    const runs = [
      {
        id: 'r1',
        workflowId: 'a',
        workflowName: 'A',
        startedAt: day(1, 9),
        totals: { calls: 2, cachedNodes: 0, costUsd: 0.08 },
      },
      {
        id: 'r2',
        workflowId: 'b',
        workflowName: 'B',
        startedAt: day(1, 15),
        totals: { calls: 1, cachedNodes: 0, costUsd: 0.04 },
      },
      {
        id: 'r3',
        workflowId: 'a',
        workflowName: 'A',
        startedAt: day(2, 10),
        totals: { calls: 5, cachedNodes: 1, costUsd: 0.2 },
      },
    ];
    await store.db.runs.bulkPut(runs.map((run) => ({ ...base, ...run })));

    expect((await store.runs.list()).map((run) => run.id)).toEqual(['r3', 'r2', 'r1']);
    expect((await store.runs.list({ workflowId: 'a' })).map((run) => run.id)).toEqual(['r3', 'r1']);
    expect((await store.runs.list({ workflowId: 'a', limit: 1 })).map((run) => run.id)).toEqual(['r3']);

    const perDay = await store.runs.spendPerDay();
    expect(perDay.map((entry) => [entry.day, entry.calls, entry.runs])).toEqual([
      [localDay(day(1, 9)), 3, 2],
      [localDay(day(2, 10)), 5, 1],
    ]);
    expect(perDay[0]?.costUsd).toBeCloseTo(0.12);
    expect((await store.runs.spendPerDay({ since: day(2, 0) })).map((entry) => entry.runs)).toEqual([1]);

    const perWorkflow = await store.runs.spendPerWorkflow();
    expect(
      perWorkflow.map((entry) => [entry.workflowId, entry.workflowName, entry.calls, entry.runs]),
    ).toEqual([
      ['a', 'A', 7, 2],
      ['b', 'B', 1, 1],
    ]);
    expect(perWorkflow[0]?.costUsd).toBeCloseTo(0.28);
    store.close();
  });
});

/** Answers the first call; every later call hangs until the run is aborted (a tab closed mid-call). */
class HalfHangingProvider implements ImageProvider {
  readonly id = 'half-hanging';
  readonly needsApiKey = false;
  private readonly answering = new CountingProvider();
  calls = 0;
  generateImage: ImageProvider['generateImage'] = async (request, { signal }) => {
    this.calls++;
    if (this.calls === 1) return this.answering.generateImage(request);
    return new Promise((resolve) =>
      signal.addEventListener('abort', () =>
        resolve({ ok: false, error: { code: 'cancelled', message: 'cancelled' } }),
      ),
    );
  };
}

describe('markInterruptedRuns', () => {
  it('marks runs with no end, and their in-flight nodes, as interrupted, keeping what was paid', async () => {
    const name = uniqueDbName('interrupted');
    const tab = await openPeelStore(name, options);
    const workflow = testWorkflow('two kites');
    const generate = workflow.nodes[1];
    if (generate) generate.params.variations = 2;
    const provider = new HalfHangingProvider();
    const recorder = tab.recordRun({ workflowId: 'wf-1', workflow });
    const abort = new AbortController();
    const running = runWorkflow(workflow, {
      registry: nodeRegistry,
      provider,
      cache: tab.cache,
      onEvent: recorder.onEvent,
      runId: 'run-x',
      signal: abort.signal,
    });
    while (provider.calls < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await recorder.idle();

    // The page reloads: a new session on the same database sweeps unfinished runs.
    const startup = await openPeelStore(name, options);
    const marked = await startup.runs.markInterruptedRuns();
    expect(marked).toEqual({ ok: true, value: { runIds: ['run-x'] } });
    const run = await startup.runs.get('run-x');
    expect(run).toMatchObject({ status: 'interrupted', interrupted: true });
    expect(run?.endedAt).toBeUndefined();
    expect(run?.nodes.p?.status).toBe('ran');
    expect(run?.nodes.g).toMatchObject({ status: 'interrupted', calls: 1 });
    expect(run?.totals.costUsd).toBeCloseTo(0.039); // the answered call was paid for
    expect((await startup.runs.markInterruptedRuns()).ok && (await startup.runs.get('run-x'))?.status).toBe(
      'interrupted',
    );
    expect(provider.calls).toBe(2); // nothing re-submitted

    abort.abort();
    await running;
    await recorder.idle();
    tab.close();
    startup.close();
  });

  it('holds a Web Lock while recording, so another tab starting up does not mark a live run', async () => {
    const name = uniqueDbName('live-run');
    const locks = new FakeLockManager();
    const tab = await openPeelStore(name, { storage: null, locks });
    const workflow = testWorkflow('two kites');
    const generate = workflow.nodes[1];
    if (generate) generate.params.variations = 2;
    const provider = new HalfHangingProvider();
    const recorder = tab.recordRun({ workflowId: 'wf-1', workflow });
    const abort = new AbortController();
    const running = runWorkflow(workflow, {
      registry: nodeRegistry,
      provider,
      cache: tab.cache,
      onEvent: recorder.onEvent,
      runId: 'run-live',
      signal: abort.signal,
    });
    while (provider.calls < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await recorder.idle();

    const otherTab = await openPeelStore(name, { storage: null, locks });
    expect(await otherTab.runs.markInterruptedRuns()).toEqual({ ok: true, value: { runIds: [] } });
    expect((await otherTab.runs.get('run-live'))?.status).toBe('running');

    abort.abort();
    await running;
    await recorder.idle();
    expect((await locks.query()).held).toEqual([]);
    expect((await otherTab.runs.get('run-live'))?.status).toBe('cancelled');
    tab.close();
    otherTab.close();
  });

  it('leaves alone runs whose lock a live tab still holds', async () => {
    const store = await openPeelStore(uniqueDbName('live'), {
      storage: null,
      locks: { request: async () => undefined, query: async () => ({ held: [{ name: 'peel-run:live' }] }) },
    });
    const base = {
      workflowId: 'w',
      workflowName: 'W',
      snapshotHash: 'h',
      row: 1,
      inputs: {},
      status: 'running' as const,
      interrupted: false,
      startedAt: 1,
      nodeIds: [],
      nodes: {},
      totals: { calls: 0, cachedNodes: 0, costUsd: 0 },
      outputHashes: [],
    };
    await store.db.runs.bulkPut([
      { ...base, id: 'live' },
      { ...base, id: 'dead' },
    ]);
    const marked = await store.runs.markInterruptedRuns();
    expect(marked.ok && marked.value.runIds).toEqual(['dead']);
    expect((await store.runs.get('live'))?.status).toBe('running');
    store.close();
  });
});

describe('RunRecorder write queue', () => {
  it('folds events that arrive during a write into one write of the newest state, and holds the lock until it is stored', async () => {
    const name = uniqueDbName('coalesce');
    const locks = new FakeLockManager();
    const tab = await openPeelStore(name, { storage: null, locks });
    const workflow = testWorkflow('four kites');
    const generate = workflow.nodes[1];
    if (generate) generate.params.variations = 4;
    // The events of a real run, replayed in one go: as a big run's events outpace the writes.
    const events: RunEvent[] = [];
    await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider: new CountingProvider(),
      cache: tab.cache,
      onEvent: (event) => events.push(event),
      runId: 'run-fold',
    });
    expect(events.length).toBeGreaterThan(6);
    const puts: string[] = [];
    const put = tab.db.runs.put.bind(tab.db.runs);
    tab.db.runs.put = ((record: RunRecord, key?: string) => {
      puts.push(record.status);
      return put(record, key);
    }) as typeof tab.db.runs.put;
    // The write waits at this gate, so the check below sees a run that has ended but is not
    // stored yet, however fast or slow the machine is. The gate sits before the write's
    // transaction opens (the recorder gathers the images first): awaiting it inside the
    // transaction would let IndexedDB commit the transaction early.
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    const recordsFor = tab.blobs.recordsFor.bind(tab.blobs);
    tab.blobs.recordsFor = (async (...args: Parameters<typeof recordsFor>) => {
      await gate;
      return recordsFor(...args);
    }) as typeof tab.blobs.recordsFor;

    const recorder = tab.recordRun({ workflowId: 'wf-1', workflow });
    for (const event of events) recorder.onEvent(event);
    // The run has ended but is not stored yet: another tab starting now must not mark it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await locks.query()).held.map((lock) => lock.name)).toEqual([runLockName('run-fold')]);
    openGate();
    await recorder.idle();
    expect(recorder.errors).toEqual([]);
    expect(puts).toEqual(['ok']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await locks.query()).held).toEqual([]);
    const stored = await tab.runs.get('run-fold');
    expect(stored?.status).toBe('ok');
    expect(stored?.nodes.g).toMatchObject({ status: 'ran', calls: 4 });
    const images = stored?.nodes.g?.outputs?.images;
    expect(Array.isArray(images) ? images : []).toHaveLength(4);
    expect(stored?.outputHashes.length).toBeGreaterThan(0);
    for (const hash of stored?.outputHashes ?? []) expect(await tab.blobs.has(hash)).toBe(true);
    tab.close();
  });

  it('writes again for events that arrive while a write is under way', async () => {
    const tab = await openPeelStore(uniqueDbName('coalesce-2'), options);
    const workflow = testWorkflow('a kite');
    const events: RunEvent[] = [];
    await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider: new CountingProvider(),
      cache: tab.cache,
      onEvent: (event) => events.push(event),
      runId: 'run-two',
    });
    const puts: string[] = [];
    const put = tab.db.runs.put.bind(tab.db.runs);
    tab.db.runs.put = ((record: RunRecord, key?: string) => {
      puts.push(`${record.status}:${Object.keys(record.nodes).length}`);
      return put(record, key);
    }) as typeof tab.db.runs.put;
    const recorder = tab.recordRun({ workflowId: 'wf-1', workflow });
    const [start, ...rest] = events;
    if (start) recorder.onEvent(start);
    // Let the first write begin, then deliver the rest while it runs.
    await Promise.resolve();
    await Promise.resolve();
    for (const event of rest) recorder.onEvent(event);
    await recorder.idle();
    expect(puts).toEqual(['running:0', 'ok:2']);
    expect((await tab.runs.get('run-two'))?.status).toBe('ok');
    tab.close();
  });
});
