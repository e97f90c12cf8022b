import './helpers';
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { runWorkflow } from '../../../src/engine/executor';
import type { ImageValue } from '../../../src/engine/values';
import { openPeelStore } from '../../../src/persistence/peel-store';
import { CountingProvider, cacheEntryWith, testImage, testWorkflow, uniqueDbName } from './helpers';

const storeOptions = { storage: null, locks: null } as const;

describe.each(['blob', 'bytes'] as const)('IndexedDbCache (%s mode)', (blobMode) => {
  it('keeps every output across a reload: an unchanged graph makes zero calls', async () => {
    const name = uniqueDbName('reload');
    const reference = testImage(40);
    const workflow = testWorkflow('a kite over the sea', [reference]);

    const first = await openPeelStore(name, { ...storeOptions, blobMode });
    await first.workflows.create(workflow, [reference]);
    const provider = new CountingProvider();
    const run1 = await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider,
      cache: first.cache,
      assets: first.blobs,
    });
    expect(run1.status).toBe('ok');
    expect(provider.calls).toBe(1);
    const made = run1.nodes.get('g')?.outputs?.image as ImageValue;
    first.close();

    const second = await openPeelStore(name, { ...storeOptions, blobMode });
    const fresh = new CountingProvider();
    const run2 = await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider: fresh,
      cache: second.cache,
      assets: second.blobs,
    });
    expect(run2.status).toBe('ok');
    expect(fresh.calls).toBe(0);
    expect(run2.totals).toMatchObject({ calls: 0, cachedNodes: 1 });
    expect(run2.estimate.calls).toBe(0);
    const cached = run2.nodes.get('g');
    expect(cached?.status).toBe('cached');
    const image = cached?.outputs?.image as ImageValue;
    expect(image.hash).toBe(made.hash);
    expect(image.bytes).toEqual(made.bytes);
    // The conversation survives, so an Edit downstream could continue it.
    expect(image.conversation?.[0]?.parts[0]).toMatchObject({ kind: 'text', text: 'a kite over the sea' });

    // A changed prompt is a different key: exactly one new call.
    const changed = await runWorkflow(testWorkflow('a kite over the hills', [reference]), {
      registry: nodeRegistry,
      provider: fresh,
      cache: second.cache,
      assets: second.blobs,
    });
    expect(changed.status).toBe('ok');
    expect(fresh.calls).toBe(1);
    second.close();
  });
});

describe('IndexedDbCache', () => {
  it('lists its keys in one read, as they are after writes and a clear', async () => {
    const store = await openPeelStore(uniqueDbName('keys'), storeOptions);
    expect([...(await store.cache.keys())]).toEqual([]);
    await store.cache.set('b', cacheEntryWith([testImage(3)]));
    await store.cache.set('a', cacheEntryWith([testImage(4)]));
    expect([...(await store.cache.keys())].sort()).toEqual(['a', 'b']);
    await store.clearCache();
    expect((await store.cache.keys()).size).toBe(0);
    store.close();
  });

  it('treats an entry whose image was removed as a miss', async () => {
    const store = await openPeelStore(uniqueDbName('missing'), storeOptions);
    const image = testImage(1);
    await store.cache.set('k', cacheEntryWith([image]));
    expect(await store.cache.get('k')).toBeDefined();
    await store.db.blobs.delete(image.hash);
    expect(await store.cache.get('k')).toBeUndefined();
    store.close();
  });

  it('batches lastUsedAt updates and writes them on flush', async () => {
    let now = 100;
    const store = await openPeelStore(uniqueDbName('touch'), {
      ...storeOptions,
      now: () => now,
      cacheTouchDelayMs: 60_000,
    });
    await store.cache.set('k', cacheEntryWith([testImage(2)], 'ok', 50));
    expect((await store.db.cache.get('k'))?.lastUsedAt).toBe(100);
    now = 200;
    await store.cache.get('k');
    now = 300;
    await store.cache.get('k');
    expect((await store.db.cache.get('k'))?.lastUsedAt).toBe(100); // not written per hit
    await store.cache.flushLastUsed();
    const row = await store.db.cache.get('k');
    expect(row?.lastUsedAt).toBe(300);
    expect(row?.createdAt).toBe(50);
    expect(row?.provider).toBe('fake');
    store.close();
  });

  it('reports its size and clears, keeping images a workflow still uses', async () => {
    const store = await openPeelStore(uniqueDbName('clear'), storeOptions);
    const kept = testImage(10);
    const dropped = testImage(11);
    await store.cache.set('a', cacheEntryWith([kept]));
    await store.cache.set('b', cacheEntryWith([dropped, kept]));
    await store.workflows.create(testWorkflow('x', [kept]), [kept]);
    const size = await store.cacheSize();
    expect(size.entries).toBe(2);
    // Records plus each image once.
    expect(size.bytes).toBeGreaterThan(kept.bytes.length + dropped.bytes.length);
    const rowsBytes = (await store.db.cache.toArray()).reduce(
      (sum, row) => sum + JSON.stringify(row.record).length,
      0,
    );
    expect(size.bytes).toBe(rowsBytes + kept.bytes.length + dropped.bytes.length);

    const cleared = await store.clearCache();
    expect(cleared.entries).toBe(2);
    expect(cleared.bytesFreed).toBe(rowsBytes + dropped.bytes.length);
    expect(await store.db.cache.count()).toBe(0);
    expect(await store.db.blobs.toCollection().primaryKeys()).toEqual([kept.hash]);
    expect(await store.cacheSize()).toEqual({ entries: 0, bytes: 0 });
    store.close();
  });
});
