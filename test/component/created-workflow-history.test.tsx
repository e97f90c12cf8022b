// @vitest-environment jsdom
import './setup-dom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writerLockName } from '../../src/persistence/writer-lock';
import { FakeLockManager } from '../unit/persistence/fake-locks';
import {
  bootEditor,
  type Editor,
  inspect,
  linkedStarter,
  onIdbTransaction,
  settle,
  uniqueDbName,
} from './persistence-harness';

/**
 * A workflow created at start (a linked file kept as a new workflow, or a first visit's template)
 * has a fresh id, so no run can be stored under it: its run state is the empty history's, without
 * a read. Reading it anyway was one more IndexedDB round trip on the way to a usable editor.
 */
let editor: Editor | undefined;
let dbName: string;
let runReads: number;
let restoreTransaction: () => void;
let settingReads: string[];

beforeEach(() => {
  localStorage.clear();
  dbName = uniqueDbName();
  runReads = 0;
  const stopWatching = onIdbTransaction((stores, mode) => {
    // A history read is a read-only transaction on the runs store alone (Dexie's open checks the
    // schema in one over every store).
    if (stores.length === 1 && stores[0] === 'runs' && mode === 'readonly') runReads++;
  });
  settingReads = [];
  const storeProto = globalThis.IDBObjectStore.prototype;
  const originalGet = storeProto.get;
  storeProto.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
    if (this.name === 'settings') settingReads.push(String(query));
    return originalGet.call(this, query);
  };
  restoreTransaction = () => {
    stopWatching();
    storeProto.get = originalGet;
  };
});
afterEach(async () => {
  await editor?.close();
  editor = undefined;
  restoreTransaction();
});

/** A first visit from a link to a workflow file named "From a link", storage settled. */
async function bootFromLink(): Promise<Editor> {
  const booted = await bootEditor({
    dbName,
    linked: linkedStarter('From a link'),
  });
  await settle();
  return booted;
}

describe('a workflow created at start', () => {
  it('opened from a link: no run history is read, and it shows no run', async () => {
    editor = await bootFromLink();
    expect(editor.documentStore.useDocumentStore.getState().doc.name).toBe('From a link');
    expect(editor.state.usePersistenceStore.getState().workflowId).toEqual(expect.any(String));
    expect(runReads).toBe(0);
    expect(editor.runStore.useRunStore.getState().nodes).toEqual({});
  });

  it('opened from a link on a first visit: no setting is read (the start created the database)', async () => {
    editor = await bootFromLink();
    expect(settingReads).toEqual([]);
    const store = await inspect(dbName);
    const last = await store.settings.get('editor.lastWorkflowId');
    store.close();
    expect(last).toBe(editor.state.usePersistenceStore.getState().workflowId);
  });

  it('opened from a link over stored work: the last workflow is read once (for its draft) and becomes the new one', async () => {
    editor = await bootEditor({ dbName });
    await settle();
    await editor.close();
    settingReads = [];
    editor = await bootFromLink();
    expect(settingReads.filter((key) => key === 'editor.lastWorkflowId')).toHaveLength(1);
    const store = await inspect(dbName);
    const last = await store.settings.get('editor.lastWorkflowId');
    store.close();
    expect(last).toBe(editor.state.usePersistenceStore.getState().workflowId);
  });

  it('a reopened workflow still reads its runs back', async () => {
    editor = await bootEditor({ dbName });
    await settle();
    await editor.close();
    runReads = 0;
    editor = await bootEditor({ dbName });
    await settle();
    expect(runReads).toBeGreaterThan(0);
  });

  it('opened from a link: the start does not wait for the browser to grant its lock, and holds it once granted', async () => {
    // A browser slow to answer lock requests: nothing is granted until the gate opens.
    let openGate: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    class SlowLocks extends FakeLockManager {
      override async request(...args: Parameters<FakeLockManager['request']>): Promise<unknown> {
        await gate;
        return super.request(...args);
      }
    }
    const locks = new SlowLocks();
    const booting = bootEditor({
      dbName,
      locks,
      linked: linkedStarter('From a link'),
    });
    const started = await Promise.race([
      booting.then(() => 'started' as const),
      // Generous: a cold start on a busy two-core machine takes a few seconds; waiting for the
      // lock would never finish, since the gate opens only after this race.
      new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 12_000)),
    ]);
    openGate();
    editor = await booting;
    expect(started).toBe('started');
    await settle();
    const id = editor.state.usePersistenceStore.getState().workflowId;
    expect(id).toEqual(expect.any(String));
    const held = (await locks.query()).held.map((lock) => lock.name);
    expect(held).toContain(writerLockName(String(id)));
    expect(editor.state.usePersistenceStore.getState().readOnly).toBeNull();
  });

  it('opened from a link where the browser refuses lock requests: the start completes and the file is saved', async () => {
    class RefusingLocks extends FakeLockManager {
      override async request(): Promise<unknown> {
        throw new DOMException('Lock requests are not allowed here', 'SecurityError');
      }
    }
    editor = await bootEditor({ dbName, locks: new RefusingLocks(), linked: linkedStarter('From a link') });
    await settle();
    const id = editor.state.usePersistenceStore.getState().workflowId;
    expect(id).toEqual(expect.any(String));
    const store = await inspect(dbName);
    const saved = await store.workflows.list();
    store.close();
    expect(saved.map((entry) => entry.id)).toEqual([id]);
  });
});
