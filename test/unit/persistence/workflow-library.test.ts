import './helpers';
import { describe, expect, it } from 'vitest';
import { openPeelStore } from '../../../src/persistence/peel-store';
import type { StoreEvent } from '../../../src/persistence/store-events';
import { readCounter, testImage, testWorkflow, uniqueDbName } from './helpers';

async function library(extra: Parameters<typeof openPeelStore>[1] = {}) {
  let now = 1000;
  let id = 0;
  const store = await openPeelStore(uniqueDbName('library'), {
    storage: null,
    locks: null,
    now: () => now++,
    newId: () => `wf-${++id}`,
    ...extra,
  });
  return store;
}

describe('workflow library', () => {
  it('creates a workflow without reading the table first, and refuses an id that is taken', async () => {
    const counter = { reads: 0 };
    let next = 0;
    const ids = ['wf-a', 'wf-b', 'wf-a'];
    const store = await library({
      newId: () => ids[next++] ?? 'wf-z',
      beforeOpen: (database) => database.use(readCounter('workflows', counter)),
    });
    const first = await store.workflows.create(testWorkflow('first'));
    const second = await store.workflows.create(testWorkflow('second'));
    expect(first.ok && second.ok).toBe(true);
    // One request each (the write): a read before it was a round trip to the database per create.
    expect(counter.reads).toBe(0);
    // A new id that some row already has (ids are random: only a test can make them collide).
    const taken = await store.workflows.create(testWorkflow('third'));
    expect(!taken.ok && taken.error).toMatchObject({
      code: 'conflict',
      message: 'a workflow with id wf-a exists',
    });
    const kept = await store.workflows.open('wf-a');
    expect(kept.ok && kept.value.workflow.nodes[0]?.params).toEqual({ text: 'first' });
    expect(kept.ok && kept.value.revision).toBe(1);
    // A save still reads the row it replaces (its revision decides).
    const saved = await store.workflows.save('wf-b', testWorkflow('second, edited'), { baseRevision: 1 });
    expect(saved.ok && saved.value.revision).toBe(2);
    expect(counter.reads).toBeGreaterThan(0);
    store.close();
  });

  it('saves the file (v2) without image bytes and opens the same workflow', async () => {
    const store = await library();
    const reference = testImage(5);
    const workflow = testWorkflow('a kite', [reference]);
    const saved = await store.workflows.create(workflow, [reference]);
    expect(saved).toEqual({
      ok: true,
      value: { id: 'wf-1', revision: 1, updatedAt: expect.any(Number), missingImages: [] },
    });

    const row = await store.db.workflows.get('wf-1');
    expect(row?.file.format).toBe('peel.workflow');
    expect(JSON.stringify(row?.file)).not.toContain('"data"');
    expect(row?.imageHashes).toEqual([reference.hash]);

    const opened = await store.workflows.open('wf-1');
    expect(opened.ok && opened.value.workflow).toEqual(workflow);
    expect(opened.ok && opened.value.revision).toBe(1);
    expect((await store.blobs.get(reference.hash))?.bytes).toEqual(reference.bytes);
    store.close();
  });

  it('lists newest first and reports images it has no bytes for', async () => {
    const store = await library();
    await store.workflows.create({ ...testWorkflow(), name: 'Old' });
    const orphanRef = testImage(6);
    const second = await store.workflows.create({ ...testWorkflow('x', [orphanRef]), name: 'New' });
    expect(second.ok && second.value.missingImages).toEqual([orphanRef.hash]);
    expect((await store.workflows.list()).map((summary) => [summary.name, summary.nodeCount])).toEqual([
      ['New', 3],
      ['Old', 2],
    ]);
    store.close();
  });

  it('refuses a save based on a stale revision (compare-and-set)', async () => {
    const store = await library();
    const created = await store.workflows.create(testWorkflow('v1'));
    if (!created.ok) throw new Error('create failed');
    const tabA = await store.workflows.save('wf-1', testWorkflow('from A'), { baseRevision: 1 });
    expect(tabA.ok && tabA.value.revision).toBe(2);
    const tabB = await store.workflows.save('wf-1', testWorkflow('from B'), { baseRevision: 1 });
    expect(tabB.ok).toBe(false);
    expect(!tabB.ok && tabB.error).toMatchObject({ code: 'conflict', currentRevision: 2 });
    const opened = await store.workflows.open('wf-1');
    expect(opened.ok && opened.value.workflow.nodes[0]?.params.text).toBe('from A');
    expect((await store.workflows.save('nope', testWorkflow(), { baseRevision: 1 })).ok).toBe(false);
    store.close();
  });

  it('renames, duplicates (sharing images), deletes to the trash and restores', async () => {
    const store = await library();
    const reference = testImage(8);
    await store.workflows.create(testWorkflow('a', [reference]), [reference]);
    const renamed = await store.workflows.rename('wf-1', 'Kites at dusk');
    expect(renamed.ok && renamed.value.revision).toBe(2);
    const opened = await store.workflows.open('wf-1');
    expect(opened.ok && opened.value.workflow.name).toBe('Kites at dusk');

    const copy = await store.workflows.duplicate('wf-1');
    expect(copy.ok && copy.value.id).toBe('wf-2');
    const copyOpened = await store.workflows.open('wf-2');
    expect(copyOpened.ok && copyOpened.value.workflow.name).toBe('Kites at dusk (copy)');
    expect(await store.db.blobs.count()).toBe(1);

    expect((await store.workflows.delete('wf-1')).ok).toBe(true);
    expect((await store.workflows.list()).map((summary) => summary.id)).toEqual(['wf-2']);
    expect((await store.workflows.listDeleted()).map((summary) => summary.id)).toEqual(['wf-1']);
    const openDeleted = await store.workflows.open('wf-1');
    expect(!openDeleted.ok && openDeleted.error.code).toBe('not_found');
    const saveDeleted = await store.workflows.save('wf-1', testWorkflow(), { baseRevision: 3 });
    expect(!saveDeleted.ok && saveDeleted.error.code).toBe('deleted');

    expect((await store.workflows.restore('wf-1')).ok).toBe(true);
    expect((await store.workflows.list()).map((summary) => summary.id).sort()).toEqual(['wf-1', 'wf-2']);

    await store.workflows.delete('wf-2');
    expect(await store.workflows.purgeDeleted()).toBe(1);
    expect(await store.db.workflows.count()).toBe(1);
    store.close();
  });

  it('reports a damaged stored workflow as a value', async () => {
    const store = await library();
    await store.db.workflows.put({
      id: 'bad',
      name: 'Bad',
      file: { format: 'peel.workflow', version: 1, name: 'Bad', nodes: 'oops', edges: [] },
      imageHashes: [],
      createdAt: 1,
      updatedAt: 1,
      revision: 1,
    });
    const opened = await store.workflows.open('bad');
    expect(!opened.ok && opened.error.code).toBe('invalid_workflow');
    store.close();
  });

  it('asks for persistent storage once, on the first save', async () => {
    let asked = 0;
    const storage = {
      persisted: async () => false,
      persist: async () => {
        asked++;
        return true;
      },
      estimate: async () => ({ usage: 250, quota: 1000 }),
    };
    const store = await library({ storage });
    const events: StoreEvent[] = [];
    store.subscribe((event) => events.push(event));
    expect(asked).toBe(0);
    await store.workflows.create(testWorkflow());
    await store.workflows.create(testWorkflow());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toBe(1);
    expect(events).toContainEqual({ type: 'persistence', granted: true });
    expect(await store.storageUsage()).toEqual({
      ok: true,
      value: { usage: 250, quota: 1000, fraction: 0.25 },
    });
    store.close();

    const none = await library({ storage: null });
    const usage = await none.storageUsage();
    expect(!usage.ok && usage.error.code).toBe('unsupported');
    none.close();
  });
});
