import './helpers';
import { describe, expect, it } from 'vitest';
import { openPeelDatabase } from '../../../src/persistence/database';
import { createPeelStore, openPeelStore } from '../../../src/persistence/peel-store';
import {
  cacheEntryWith,
  type FaultPlan,
  faultMiddleware,
  testImage,
  testWorkflow,
  uniqueDbName,
} from './helpers';

describe.each(['blob', 'bytes'] as const)('blob store (%s mode)', (mode) => {
  it('stores an image once however many cache entries and workflows use it', async () => {
    const store = await openPeelStore(uniqueDbName('dedup'), { blobMode: mode, storage: null, locks: null });
    const shared = testImage(7);
    const other = testImage(8);
    await store.cache.set('k1', cacheEntryWith([shared]));
    await store.cache.set('k2', cacheEntryWith([shared, other]));
    const saved = await store.workflows.create(testWorkflow('kite', [shared]), [shared]);
    expect(saved.ok).toBe(true);

    expect(await store.db.blobs.count()).toBe(2);
    expect((await store.db.blobs.where('hash').equals(shared.hash).toArray()).length).toBe(1);
    const row = await store.db.blobs.get(shared.hash);
    expect(mode === 'blob' ? row?.blob instanceof Blob : row?.bytes instanceof ArrayBuffer).toBe(true);
    expect(await store.blobs.mode()).toBe(mode);
    store.close();
  });

  it('returns the exact bytes, as an ImageValue and as a Blob', async () => {
    const store = await openPeelStore(uniqueDbName('bytes'), { blobMode: mode, storage: null, locks: null });
    const image = testImage(9);
    // A view into a larger buffer must store only its own bytes.
    const padded = new Uint8Array(image.bytes.length + 8);
    padded.set(image.bytes, 4);
    const view = { ...image, bytes: padded.subarray(4, 4 + image.bytes.length) };
    await store.db.transaction('rw', store.db.blobs, async () =>
      store.blobs.putMissing(await store.blobs.recordsFor([view])),
    );
    const back = await store.blobs.get(image.hash);
    expect(back?.bytes).toEqual(image.bytes);
    expect(back?.mimeType).toBe('image/png');
    const blob = await store.blobs.getBlob(image.hash);
    expect(new Uint8Array((await blob?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(image.bytes);
    expect(blob?.type).toBe('image/png');
    expect(await store.blobs.get('0'.repeat(64))).toBeUndefined();
    store.close();
  });
});

describe('blob mode detection', () => {
  it('uses Blobs where the database accepts them', async () => {
    const store = await openPeelStore(uniqueDbName('probe-ok'), { storage: null, locks: null });
    expect(await store.blobs.mode()).toBe('blob');
    expect(await store.db.blobs.count()).toBe(0); // the probe row is gone
    store.close();
  });

  it('does not probe for rows it does not build: a workflow without images is saved without it', async () => {
    const plan: { puts: number; current?: FaultPlan } = {
      puts: 0,
      current: { table: 'blobs', failOn: () => false, error: () => new Error('unused') },
    };
    const db = await openPeelDatabase(uniqueDbName('probe-none'), {
      beforeOpen: (database) => database.use(faultMiddleware(plan)),
    });
    const store = createPeelStore(db, { storage: null, locks: null });
    expect(await store.blobs.recordsFor([])).toEqual([]);
    const saved = await store.workflows.create(testWorkflow('no images'));
    expect(saved.ok).toBe(true);
    expect(plan.puts).toBe(0);
    // The first image still probes, once.
    await store.cache.set('k', cacheEntryWith([testImage(4)]));
    expect(await store.blobs.mode()).toBe('blob');
    expect(plan.puts).toBe(2);
    store.close();
  });

  it('falls back to bytes once when putting a Blob is refused (DataCloneError)', async () => {
    const plan: { puts: number; current?: FaultPlan } = {
      puts: 0,
      current: {
        table: 'blobs',
        failOn: () => true,
        error: () => new DOMException('Blob could not be cloned', 'DataCloneError'),
      },
    };
    const db = await openPeelDatabase(uniqueDbName('probe-refused'), {
      beforeOpen: (database) => database.use(faultMiddleware(plan)),
    });
    const store = createPeelStore(db, { storage: null, locks: null });
    expect(await store.blobs.mode()).toBe('bytes');
    expect(await store.blobs.mode()).toBe('bytes');
    expect(plan.puts).toBe(1); // detected once, not per write
    plan.current = undefined;
    const image = testImage(3);
    await store.cache.set('k', cacheEntryWith([image]));
    expect((await db.blobs.get(image.hash))?.bytes).toBeInstanceOf(ArrayBuffer);
    expect((await store.cache.get('k'))?.outputs.text).toBe('ok');
    store.close();
  });
});
