/**
 * Boots the whole editor against a fake-indexeddb database, and "reloads" it: fresh modules
 * (every store, cache and image map empty, as after a page reload) over the same database.
 */
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import type { LinkedFile } from '../../src/editor/io/open-link';
import { starterWorkflow } from '../../src/editor/templates/startup';
import { exportWorkflowJson } from '../../src/engine/export';
import { openPeelStore, type PeelStore } from '../../src/persistence';
import { FakeLockManager } from '../unit/persistence/fake-locks';

let counter = 0;
export const uniqueDbName = () => `peel-component-${process.pid}-${++counter}-${Date.now()}`;

async function loadModules() {
  const [app, startup, boot, documentStore, runStore, viewStore, settings, state, session, runController] =
    await Promise.all([
      import('../../src/editor/App'),
      import('../../src/editor/templates/startup'),
      import('../../src/editor/persistence/boot'),
      import('../../src/editor/store/document-store'),
      import('../../src/editor/store/run-store'),
      import('../../src/editor/store/view-store'),
      import('../../src/editor/settings/settings-store'),
      import('../../src/editor/persistence/state'),
      import('../../src/editor/persistence/workflow-session'),
      import('../../src/editor/run/run-controller'),
    ]);
  return { app, startup, boot, documentStore, runStore, viewStore, settings, state, session, runController };
}

export type Editor = Awaited<ReturnType<typeof loadModules>> & {
  /** Where flush-on-hide listens: dispatch `pagehide` here. */
  hideTarget: EventTarget;
  close: () => Promise<void>;
};

export interface BootOptions {
  dbName: string;
  /** Shared between "tabs" of one test, like the browser's lock manager. */
  locks?: FakeLockManager;
  storeOptions?: Parameters<typeof openPeelStore>[1];
  /** Render the App (default) or only boot the stores. */
  render?: boolean;
  /** Start as a `/?open=` link would, with this file. */
  linked?: LinkedFile;
}

/** A fresh editor (new modules, like a new page) over `dbName`; its first document has arrived. */
export async function bootEditor(options: BootOptions): Promise<Editor> {
  vi.resetModules();
  const modules = await loadModules();
  const locks = options.locks ?? new FakeLockManager();
  const hideTarget = new EventTarget();
  modules.viewStore.useViewStore.setState({ hintVisible: false });
  await act(() =>
    modules.startup.openInitialDocument(
      {
        dbName: options.dbName,
        hideTarget,
        lock: { locks },
        // jsdom Blobs do not survive fake-indexeddb's structured clone (they come back as plain
        // objects); the blob store's bytes mode is the one for such engines. Real Blobs: e2e.
        storeOptions: { locks, storage: null, blobMode: 'bytes', ...options.storeOptions },
      },
      options.linked ? Promise.resolve(options.linked) : undefined,
    ),
  );
  if (options.render !== false) {
    // Panels and node views load on demand in the app (lazy-first-paint.test.ts); these tests are
    // about storage, so the fresh modules' parts are fetched before the editor renders.
    const [panels, views] = await Promise.all([
      import('../../src/editor/lazy-panels'),
      import('../../src/editor/canvas/lazy-node-views'),
    ]);
    await Promise.all([panels.preloadLazyPanels(), views.preloadNodeViews()]);
    render(<modules.app.App />);
  }
  return {
    ...modules,
    hideTarget,
    close: async () => {
      cleanup();
      await act(() => modules.boot.stopPersistence());
    },
  };
}

/** A `/?open=` link's file, as the link fetched it: the starter workflow named `name`. */
export function linkedStarter(name: string): LinkedFile {
  const text = exportWorkflowJson({ ...starterWorkflow(), name });
  return { ok: true, source: '"link.json" (linked)', bytes: new TextEncoder().encode(text) };
}

/** A second connection to the same database, to look at what was stored. */
export function inspect(dbName: string): Promise<PeelStore> {
  return openPeelStore(dbName, { storage: null, locks: null, blobMode: 'bytes' });
}

/** Lets pending IndexedDB work (setImmediate-scheduled in fake-indexeddb) and promises settle. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await act(() => new Promise<void>((resolve) => setImmediate(resolve)));
}

/**
 * The run status a node shows, at any level of detail (full body, overview or far-out placeholder:
 * jsdom lays nothing out, so a fit on opening lands far out and the status badge is not drawn).
 */
export function shownStatus(id: string): string | undefined {
  const node = screen.getByTestId(`node-${id}`);
  return [...node.classList].find((name) => name.startsWith('status-'))?.slice('status-'.length);
}

/**
 * For a test file whose tests each boot an editor on the preview provider (free and offline, and
 * still a model call the engine plans and caches): every test starts with empty localStorage and
 * that provider, and the editor it put in the returned slot is closed after it.
 */
export function previewEditorEachTest(): { editor?: Editor } {
  const slot: { editor?: Editor } = {};
  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem('peel.settings', JSON.stringify({ provider: 'preview' }));
  });
  afterEach(async () => {
    await slot.editor?.close();
    slot.editor = undefined;
  });
  return slot;
}

/**
 * Calls `listener` with the stores and mode of every IndexedDB transaction opened from now on
 * (Dexie's included); returns the function that stops it.
 */
export function onIdbTransaction(listener: (stores: string[], mode: IDBTransactionMode) => void): () => void {
  const proto = globalThis.IDBDatabase.prototype;
  const original = proto.transaction;
  proto.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    const [stores, mode] = args;
    listener(typeof stores === 'string' ? [stores] : [...stores], mode ?? 'readonly');
    return original.apply(this, args);
  };
  return () => {
    proto.transaction = original;
  };
}
