import './helpers';
import { describe, expect, it } from 'vitest';
import { openPeelStore } from '../../../src/persistence/peel-store';
import { uniqueDbName } from './helpers';

/**
 * Settings read ahead in one transaction serve one read each, never hide this tab's own writes,
 * and are dropped when the start is over, so later reads see other tabs' writes.
 */
async function storeWith(values: Record<string, unknown>) {
  const store = await openPeelStore(uniqueDbName('prefetch'), { storage: null, locks: null });
  for (const [key, value] of Object.entries(values)) await store.settings.set(key, value);
  return store;
}

describe('settings prefetch', () => {
  it('hands each value read ahead to one get, then reads the database again', async () => {
    const store = await storeWith({ a: 1, b: 'two' });
    store.settings.prefetch(['a', 'b', 'missing']);
    // Another writer (another tab) changes "a" after the read ahead.
    await store.db.settings.put({ key: 'a', value: 99 });
    expect(await store.settings.get('a')).toBe(1);
    expect(await store.settings.get('a')).toBe(99);
    expect(await store.settings.get('b')).toBe('two');
    expect(await store.settings.get('missing')).toBeUndefined();
    store.close();
  });

  it('never returns a value older than a set or remove made here', async () => {
    const store = await storeWith({ a: 1, b: 2, c: 3 });
    store.settings.prefetch(['a', 'b', 'c']);
    await store.settings.set('a', 10);
    await store.settings.remove('b');
    expect(await store.settings.get('a')).toBe(10);
    expect(await store.settings.get('b')).toBeUndefined();
    expect(await store.settings.get('c')).toBe(3);
    store.close();
  });

  it('drops what was not asked for once told to', async () => {
    const store = await storeWith({ a: 1 });
    store.settings.prefetch(['a']);
    await store.db.settings.put({ key: 'a', value: 2 });
    store.settings.dropPrefetched();
    expect(await store.settings.get('a')).toBe(2);
    store.close();
  });

  it('reads the database itself when the read ahead failed, and leaves no rejection behind', async () => {
    const store = await storeWith({ a: 1 });
    const table = store.db.settings;
    const bulkGet = table.bulkGet;
    table.bulkGet = () => Promise.reject(new Error('the read ahead failed')) as never;
    // "b" is never asked for: its failed read must not surface as an unhandled rejection.
    store.settings.prefetch(['a', 'b']);
    table.bulkGet = bulkGet;
    expect(await store.settings.get('a')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    store.settings.dropPrefetched();
    store.close();
  });
});

describe('a database this open created', () => {
  it('is marked as created by that connection only, not by a later one or a reopen', async () => {
    const name = uniqueDbName('created');
    const first = await openPeelStore(name, { storage: null, locks: null });
    const second = await openPeelStore(name, { storage: null, locks: null });
    expect(first.db.createdByThisOpen).toBe(true);
    expect(second.db.createdByThisOpen).toBe(false);
    first.close();
    second.close();
    const reopened = await openPeelStore(name, { storage: null, locks: null });
    expect(reopened.db.createdByThisOpen).toBe(false);
    reopened.close();
  });

  it('answers settings known to be absent once each, without reading, and never over a write made here', async () => {
    const store = await openPeelStore(uniqueDbName('absent'), { storage: null, locks: null });
    let reads = 0;
    const table = store.db.settings;
    const get = table.get.bind(table);
    table.get = ((key: string) => {
      reads++;
      return get(key);
    }) as typeof table.get;
    store.settings.prefetchAbsent(['a', 'b', 'c']);
    await store.db.settings.put({ key: 'a', value: 'another tab' });
    expect(await store.settings.get('a')).toBeUndefined();
    expect(reads).toBe(0);
    // Served once: the next read is the database's.
    expect(await store.settings.get('a')).toBe('another tab');
    expect(reads).toBe(1);
    await store.settings.set('b', 2);
    expect(await store.settings.get('b')).toBe(2);
    store.settings.dropPrefetched();
    await store.db.settings.put({ key: 'c', value: 3 });
    expect(await store.settings.get('c')).toBe(3);
    store.close();
  });
});
