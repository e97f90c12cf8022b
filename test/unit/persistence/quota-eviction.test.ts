import './helpers';
import { describe, expect, it } from 'vitest';
import { openPeelDatabase } from '../../../src/persistence/database';
import { isQuotaExceeded, PersistenceFailure } from '../../../src/persistence/errors';
import { createPeelStore } from '../../../src/persistence/peel-store';
import type { StoreEvent } from '../../../src/persistence/store-events';
import {
  abortWrappingQuota,
  cacheEntryWith,
  type FaultPlan,
  faultMiddleware,
  quotaError,
  testImage,
  testWorkflow,
  uniqueDbName,
} from './helpers';

/**
 * A store with: one saved workflow using image W; cache entries a, b, c, d (images A..D, `a` also
 * using W) last used in the order a, b, d, c; an orphan blob O; and a last run of the workflow whose
 * output is B. Each test then makes chosen puts fail.
 */
async function fullStore() {
  const plan: { current?: FaultPlan; puts: number } = { puts: 0 };
  const db = await openPeelDatabase(uniqueDbName('quota'), {
    beforeOpen: (database) => database.use(faultMiddleware(plan)),
  });
  let now = 1;
  const store = createPeelStore(db, {
    storage: null,
    locks: null,
    now: () => now,
    cacheTouchDelayMs: 60_000,
    // 2 of 4 similar-sized entries reach 40% of the cache; 1 does not.
    eviction: { fraction: 0.4, minEntries: 1 },
  });
  const events: StoreEvent[] = [];
  store.subscribe((event) => events.push(event));
  const [w, a, b, c, d, orphan] = [
    testImage(100),
    testImage(1),
    testImage(2),
    testImage(3),
    testImage(4),
    testImage(9),
  ];
  const saved = await store.workflows.create(testWorkflow('kite', [w]), [w]);
  if (!saved.ok) throw new Error(saved.error.message);
  for (const [key, images] of [
    ['a', [a, w]],
    ['b', [b]],
    ['c', [c]],
    ['d', [d]],
  ] as const) {
    now++;
    await store.cache.set(key, cacheEntryWith([...images]));
  }
  now = 50;
  await store.cache.get('c'); // c becomes the most recently used
  await db.transaction('rw', db.blobs, async () =>
    store.blobs.putMissing(await store.blobs.recordsFor([orphan])),
  );
  await db.runs.put({
    id: 'run-1',
    workflowId: saved.value.id,
    workflowName: 'Kites',
    snapshotHash: 'x',
    row: 1,
    inputs: {},
    status: 'ok',
    interrupted: false,
    startedAt: 10,
    endedAt: 11,
    nodeIds: ['g'],
    nodes: {},
    totals: { calls: 1, cachedNodes: 0, costUsd: 0.04 },
    outputHashes: [b.hash],
  });
  plan.puts = 0;
  return { db, store, plan, events, images: { w, a, b, c, d, orphan }, workflowId: saved.value.id };
}

describe.each([
  ['QuotaExceededError', quotaError],
  ['AbortError wrapping QuotaExceededError', abortWrappingQuota],
])('eviction on %s', (_label, makeError) => {
  it('evicts LRU cache entries, then unreferenced blobs, never workflows; retries once and succeeds', async () => {
    const { db, store, plan, events, images } = await fullStore();
    plan.current = { table: 'cache', failOn: (n) => n === 1, error: makeError };
    const fresh = testImage(77);
    await store.cache.set('e', cacheEntryWith([fresh]));

    // The failed put, the pending lastUsedAt write (flushed so the LRU order is current), the retry.
    expect(plan.puts).toBe(3);
    const evicted = events.filter((event) => event.type === 'evicted');
    expect(evicted).toHaveLength(1);
    const report = evicted[0]?.type === 'evicted' ? evicted[0].report : undefined;
    expect(report?.cacheKeys).toEqual(['a', 'b']); // least recently used first (c was read last)
    // A and the orphan go; B stays (latest run output), W stays (workflow), C and D stay (cached).
    expect(report?.blobHashes.sort()).toEqual([images.a.hash, images.orphan.hash].sort());
    expect(report?.cacheEntries).toBe(2);
    expect(report?.blobs).toBe(2);
    expect(report?.bytes).toBeGreaterThan(images.a.bytes.length + images.orphan.bytes.length);

    expect((await db.cache.toCollection().primaryKeys()).sort()).toEqual(['c', 'd', 'e']);
    expect(await db.workflows.count()).toBe(1);
    const blobs = new Set(await db.blobs.toCollection().primaryKeys());
    for (const kept of [images.w, images.b, images.c, images.d, fresh])
      expect(blobs.has(kept.hash)).toBe(true);
    expect((await store.cache.get('e'))?.outputs.text).toBe('ok');
    expect(events.some((event) => event.type === 'write-failed')).toBe(false);
    store.close();
  });
});

describe('quota errors', () => {
  it('saves a workflow after evicting cache, and never evicts a workflow', async () => {
    const { db, store, plan, events } = await fullStore();
    plan.current = { table: 'workflows', failOn: (n) => n === 1, error: abortWrappingQuota };
    const result = await store.workflows.create(testWorkflow('second'));
    expect(result.ok).toBe(true);
    expect(await db.workflows.count()).toBe(2);
    expect(events.filter((event) => event.type === 'evicted')).toHaveLength(1);
    expect(await db.cache.count()).toBe(2);
    store.close();
  });

  it('returns a clear error value when the retry fails too', async () => {
    const { db, store, plan, events } = await fullStore();
    plan.current = { table: 'workflows', failOn: () => true, error: quotaError };
    const result = await store.workflows.create(testWorkflow('second'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('quota_exceeded');
    expect(result.error.message).toMatch(/storage is full/i);
    expect(result.error.evicted?.cacheEntries).toBe(2);
    expect(plan.puts).toBe(2); // one retry, not a loop
    expect(await db.workflows.count()).toBe(1);
    const failed = events.find((event) => event.type === 'write-failed');
    expect(failed?.type === 'write-failed' && failed.error.code).toBe('quota_exceeded');
    // A workflow's save says so: the editor then never tells the user workflows are safe.
    expect(failed?.type === 'write-failed' && failed.workflow).toBe(true);
    store.close();
  });

  it('rejects NodeCache.set with the error value (the engine tolerates it) and reports it', async () => {
    const { store, plan, events } = await fullStore();
    plan.current = { table: 'blobs', failOn: () => true, error: quotaError };
    const failure = await store.cache
      .set('e', cacheEntryWith([testImage(78)]))
      .catch((cause: unknown) => cause);
    expect(failure).toBeInstanceOf(PersistenceFailure);
    expect((failure as PersistenceFailure).error.code).toBe('quota_exceeded');
    // The code on the thrown value itself: the engine's warning carries it (causeCode).
    expect((failure as PersistenceFailure).code).toBe('quota_exceeded');
    expect(events.map((event) => event.type)).toEqual(['evicted', 'write-failed']);
    const failed = events.find((event) => event.type === 'write-failed');
    expect(failed?.type === 'write-failed' && failed.workflow).toBeUndefined();
    store.close();
  });

  it('reports other write failures without evicting anything', async () => {
    const { db, store, plan, events } = await fullStore();
    plan.current = {
      table: 'workflows',
      failOn: () => true,
      error: () => new DOMException('disk', 'UnknownError'),
    };
    const result = await store.workflows.create(testWorkflow('second'));
    expect(result.ok === false && result.error.code).toBe('write_failed');
    expect(events.map((event) => event.type)).toEqual(['write-failed']);
    expect(await db.cache.count()).toBe(4);
    store.close();
  });
});

describe('isQuotaExceeded', () => {
  it('sees quota errors however they are wrapped', () => {
    expect(isQuotaExceeded(quotaError())).toBe(true);
    expect(isQuotaExceeded(abortWrappingQuota())).toBe(true);
    expect(isQuotaExceeded(new Error('write failed', { cause: quotaError() }))).toBe(true);
    expect(isQuotaExceeded({ name: 'BulkError', failures: [new Error('x'), quotaError()] })).toBe(true);
    expect(isQuotaExceeded(new DOMException('aborted', 'AbortError'))).toBe(false);
    expect(isQuotaExceeded(new Error('QuotaExceededError in message only'))).toBe(false);
    expect(isQuotaExceeded(undefined)).toBe(false);
  });
});
