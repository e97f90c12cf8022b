import './helpers';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { encodeCacheEntry } from '../../../src/engine/cache-codec';
import { toWorkflowFile } from '../../../src/engine/save';
import { openPeelDatabase } from '../../../src/persistence/database';
import { openPeelStore } from '../../../src/persistence/peel-store';
import { defineSchemaV1 } from '../../../src/persistence/schema';
import type { StoreEvent } from '../../../src/persistence/store-events';
import { cacheEntryWith, testImage, testWorkflow, uniqueDbName } from './helpers';

describe('schema upgrade v1 → v2', () => {
  it('upgrades a real v1 database and backfills what v2 indexes', async () => {
    const name = uniqueDbName('upgrade');
    const reference = testImage(1);
    const output = testImage(2);
    const { record } = encodeCacheEntry(cacheEntryWith([output], 'hi', 1000));

    // The database exactly as the v1 release created it: only the v1 schema, v1-shaped rows.
    const v1 = new Dexie(name);
    defineSchemaV1(v1);
    await v1.open();
    await v1.table('workflows').put({
      id: 'w1',
      name: 'Kites',
      file: toWorkflowFile(testWorkflow('a kite', [reference]), { embedImages: false }),
      createdAt: 1,
      updatedAt: 2,
    });
    await v1.table('cache').put({ key: 'k1', record, provider: 'fake', createdAt: 1000, sizeBytes: 50 });
    await v1.table('runs').put({
      id: 'r1',
      workflowId: 'w1',
      startedAt: 5,
      status: 'ok',
      nodes: { g: { status: 'ran', outputHashes: [output.hash] } },
      totals: { calls: 1, cachedNodes: 0, costUsd: 0.039 },
    });
    await v1.table('settings').put({ key: 'theme', value: 'dark' });
    expect(v1.verno).toBe(1);
    v1.close();

    const db = await openPeelDatabase(name);
    expect(db.verno).toBe(2);
    const cacheRow = await db.cache.get('k1');
    expect(cacheRow?.lastUsedAt).toBe(1000);
    expect(cacheRow?.imageHashes).toEqual([output.hash]);
    const workflow = await db.workflows.get('w1');
    expect(workflow?.revision).toBe(1);
    expect(workflow?.imageHashes).toEqual([reference.hash]);
    const run = await db.runs.get('r1');
    expect(run?.interrupted).toBe(false);
    expect(run?.outputHashes).toEqual([output.hash]);
    expect(await db.settings.get('theme')).toEqual({ key: 'theme', value: 'dark' });

    // The v2 indexes answer queries over the upgraded rows.
    expect(await db.cache.orderBy('lastUsedAt').primaryKeys()).toEqual(['k1']);
    expect(await db.workflows.where('imageHashes').equals(reference.hash).primaryKeys()).toEqual(['w1']);
    expect(
      await db.runs.where('[workflowId+startedAt]').between(['w1', 0], ['w1', 10]).primaryKeys(),
    ).toEqual(['r1']);
    db.close();
  });

  it('opens an empty name straight at v2', async () => {
    const db = await openPeelDatabase(uniqueDbName('fresh'));
    expect(db.verno).toBe(2);
    expect(db.tables.map((table) => table.name).sort()).toEqual([
      'blobs',
      'cache',
      'runs',
      'settings',
      'workflows',
    ]);
    db.close();
  });
});

describe('schema change in another tab', () => {
  it('closes on versionchange and tells the editor, so the newer tab can upgrade', async () => {
    const name = uniqueDbName('vc');
    const seen: Array<number | null> = [];
    const db = await openPeelDatabase(name, { onVersionChange: ({ newVersion }) => seen.push(newVersion) });
    await db.workflows.put({
      id: 'w',
      name: 'x',
      file: {},
      imageHashes: [],
      createdAt: 1,
      updatedAt: 1,
      revision: 1,
    });

    // A newer Peel in another tab: the whole history plus a v3.
    const newer = new Dexie(name);
    defineSchemaV1(newer);
    newer.version(2).stores({});
    newer.version(3).stores({ notes: 'id' });
    await newer.open();
    expect(newer.verno).toBe(3);
    expect(seen).toEqual([3]);
    expect(db.isOpen()).toBe(false);
    expect(await newer.table('workflows').count()).toBe(1);
    newer.close();
  });

  it('reaches store subscribers as a version-change event', async () => {
    const name = uniqueDbName('vc-store');
    const store = await openPeelStore(name, { storage: null, locks: null });
    const events: StoreEvent[] = [];
    store.subscribe((event) => events.push(event));
    const newer = new Dexie(name);
    defineSchemaV1(newer);
    newer.version(2).stores({});
    newer.version(3).stores({ notes: 'id' });
    await newer.open();
    expect(events).toEqual([{ type: 'version-change', newVersion: 3 }]);
    newer.close();
  });

  it('reports an upgrade blocked by an old connection that will not close', async () => {
    const name = uniqueDbName('blocked');
    const v1 = new Dexie(name);
    defineSchemaV1(v1);
    await v1.open();
    v1.close();
    // An old tab still holding v1 (native version 10) that ignores versionchange.
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 10);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    raw.onversionchange = () => undefined;

    const blocked: Array<{ oldVersion: number; newVersion: number | null }> = [];
    let opened = false;
    const opening = openPeelDatabase(name, {
      onBlocked: (info) => {
        blocked.push(info);
        raw.close(); // the user closed the old tab
      },
    }).then((db) => {
      opened = true;
      return db;
    });
    const db = await opening;
    expect(blocked).toEqual([{ oldVersion: 1, newVersion: 2 }]);
    expect(opened).toBe(true);
    db.close();
  });
});
