// @vitest-environment jsdom
import './setup-dom';
import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkedFile } from '../../src/editor/io/open-link';
import type { NodeCache } from '../../src/engine/cache';
import type { RunEstimate } from '../../src/engine/events';
import type { PeelDatabase } from '../../src/persistence';
import { FakeLockManager } from '../unit/persistence/fake-locks';
import { bootEditor, type Editor, inspect, linkedStarter, settle, uniqueDbName } from './persistence-harness';

/**
 * A link's file opens once storage has opened: the database opens while the shell paints, and the
 * file's nodes, drawn after it, no longer hold up the open's steps (a 500-node file kept the page
 * busy about 200 ms longer that way). A database that does not open keeps the file waiting a
 * moment at most.
 */

let editor: Editor | undefined;
const events: string[] = [];

/** The linked file, recording when the import reads its bytes. */
function recordedLink(name: string): LinkedFile {
  const file = linkedStarter(name);
  if (!file.ok) throw new Error('the starter link is a file');
  return {
    ok: true,
    source: file.source,
    get bytes() {
      events.push('file read');
      return file.bytes;
    },
  };
}

function recordOpen(db: PeelDatabase): void {
  events.push('database opening');
  db.on('ready', () => {
    events.push('database open');
  });
}

beforeEach(() => {
  localStorage.clear();
  events.length = 0;
});

afterEach(async () => {
  await editor?.close();
  editor = undefined;
});

/**
 * Starts as a link to the starter workflow "From a link" would, over `dbName`, watching estimates:
 * which cache the file met as it opened, and every estimate made for it until well past the edit
 * debounce (a change of cache after the start would have planned it again by then).
 */
async function openLinkWatchingEstimates(dbName: string) {
  vi.resetModules();
  const [startup, boot, documentStore, runStore, cacheProvider, diagnostics, state] = await Promise.all([
    import('../../src/editor/templates/startup'),
    import('../../src/editor/persistence/boot'),
    import('../../src/editor/store/document-store'),
    import('../../src/editor/store/run-store'),
    import('../../src/editor/run/cache-provider'),
    import('../../src/editor/run/diagnostics'),
    import('../../src/editor/persistence/state'),
  ]);
  const stopWatching = diagnostics.watchDiagnostics();
  const linkOpen = () => documentStore.useDocumentStore.getState().doc.name === 'From a link';
  let cacheAtOpen: NodeCache | undefined;
  const unsubscribeDoc = documentStore.useDocumentStore.subscribe(() => {
    if (linkOpen()) cacheAtOpen ??= cacheProvider.getNodeCache();
  });
  const estimates: RunEstimate[] = [];
  const unsubscribeRun = runStore.useRunStore.subscribe((now, before) => {
    if (now.estimate && now.estimate !== before.estimate && linkOpen()) estimates.push(now.estimate);
  });
  try {
    const locks = new FakeLockManager();
    await act(() =>
      startup.openInitialDocument(
        { dbName, storeOptions: { locks, storage: null, blobMode: 'bytes' } },
        Promise.resolve(recordedLink('From a link')),
      ),
    );
    await act(() => new Promise((resolve) => setTimeout(resolve, diagnostics.DIAGNOSTICS_DEBOUNCE_MS + 150)));
    await settle();
    return {
      cacheAtOpen,
      keysAtOpen: (await cacheAtOpen?.keys?.())?.size,
      storeCache: state.getPeelStore()?.cache,
      cacheAfter: cacheProvider.getNodeCache(),
      estimates,
    };
  } finally {
    unsubscribeDoc();
    unsubscribeRun();
    stopWatching();
    await act(() => boot.stopPersistence());
  }
}

describe("a link's file and storage at start", () => {
  it('the file is read once the database is open, and kept as the new workflow', async () => {
    editor = await bootEditor({
      dbName: uniqueDbName(),
      render: false,
      linked: recordedLink('From a link'),
      storeOptions: { beforeOpen: recordOpen },
    });
    await settle();
    // The file was read once, after the database had opened (it was read before storage loaded).
    expect(events).toEqual(['database opening', 'database open', 'file read']);
    expect(editor.documentStore.useDocumentStore.getState().doc.name).toBe('From a link');
    expect(editor.state.usePersistenceStore.getState().workflowId).toEqual(expect.any(String));
  });

  it("a returning user's link is estimated once, against storage's cache", async () => {
    const dbName = uniqueDbName();
    // A database from an earlier visit.
    (await inspect(dbName)).close();
    const opened = await openLinkWatchingEstimates(dbName);
    // Estimated against the outputs already paid for from the start, and not planned again.
    expect(opened.cacheAtOpen).toBe(opened.storeCache);
    expect(opened.estimates).toHaveLength(1);
    expect(opened.estimates[0]).toMatchObject({ calls: 1 });
    expect(opened.cacheAfter).toBe(opened.storeCache);
  });

  it("a first visit's link is estimated once, with its nodes", async () => {
    const opened = await openLinkWatchingEstimates(uniqueDbName());
    // The database was created by this open: its cache is empty, as the memory cache the file was
    // estimated against (answered at once, no database read); taking it over plans nothing again.
    expect(opened.cacheAtOpen).not.toBe(opened.storeCache);
    expect(opened.keysAtOpen).toBe(0);
    expect(opened.estimates).toHaveLength(1);
    expect(opened.estimates[0]).toMatchObject({ calls: 1 });
    expect(opened.cacheAfter).toBe(opened.storeCache);
  });

  it('a database that never opens keeps the file off the screen a moment at most', async () => {
    vi.resetModules();
    const [startup, documentStore] = await Promise.all([
      import('../../src/editor/templates/startup'),
      import('../../src/editor/store/document-store'),
    ]);
    // An open request that never answers (as one blocked by another tab's upgrade may not).
    const stuck: IDBFactory = {
      open: () => ({}) as IDBOpenDBRequest,
      deleteDatabase: () => ({}) as IDBOpenDBRequest,
      cmp: (a: unknown, b: unknown) => indexedDB.cmp(a, b),
      databases: async () => [],
    };
    const started = performance.now();
    void startup.openInitialDocument(
      {
        dbName: uniqueDbName(),
        storeOptions: { indexedDB: stuck, locks: new FakeLockManager(), storage: null },
      },
      Promise.resolve(recordedLink('Opened anyway')),
    );
    await act(() =>
      vi.waitFor(() => expect(documentStore.useDocumentStore.getState().doc.name).toBe('Opened anyway'), {
        timeout: 5_000,
        interval: 20,
      }),
    );
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(startup.LINK_WAITS_FOR_STORAGE_MS - 20);
    expect(events).toEqual(['file read']);
  });
});
