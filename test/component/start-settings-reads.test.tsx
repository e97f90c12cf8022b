// @vitest-environment jsdom
import './setup-dom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
 * The editor's start reads several settings (the last workflow, the tabs' viewports, the open
 * tabs, whether persistence was asked for) from different places. Each was a read-only
 * transaction of its own; they are read ahead in one.
 */
let editor: Editor | undefined;
let dbName: string;
let settingsOnlyReads: number;
/** Transactions on run history alone (not Dexie's own check of every store when it opens). */
let runsTransactions: number;
let restoreTransaction: () => void;

beforeEach(() => {
  localStorage.clear();
  dbName = uniqueDbName();
  settingsOnlyReads = 0;
  runsTransactions = 0;
  restoreTransaction = onIdbTransaction((stores, mode) => {
    if (stores.length === 1 && stores[0] === 'settings' && mode === 'readonly') settingsOnlyReads++;
    if (stores.length === 1 && stores[0] === 'runs') runsTransactions++;
  });
});
afterEach(async () => {
  await editor?.close();
  editor = undefined;
  restoreTransaction();
});

describe('settings read at start', () => {
  it('are not read at all on a first visit by a link: the start created the database, nothing is stored', async () => {
    editor = await bootEditor({
      dbName,
      linked: linkedStarter('From a link'),
    });
    await settle();
    expect(settingsOnlyReads).toBe(0);
    // No look for runs a closed tab left behind either: there can be none.
    expect(runsTransactions).toBe(0);
    expect(editor.documentStore.useDocumentStore.getState().doc.name).toBe('From a link');
    expect(editor.state.usePersistenceStore.getState().workflowId).toEqual(expect.any(String));
  });

  it('come in one read-only transaction when a link is opened over stored work, which is kept', async () => {
    editor = await bootEditor({ dbName });
    await settle();
    const first = editor.state.usePersistenceStore.getState().workflowId;
    await editor.close();
    settingsOnlyReads = 0;
    runsTransactions = 0;
    editor = await bootEditor({
      dbName,
      linked: linkedStarter('From a link'),
    });
    await settle();
    expect(settingsOnlyReads).toBe(1);
    expect(runsTransactions).toBe(1);
    const persistence = editor.state.usePersistenceStore.getState();
    expect(editor.documentStore.useDocumentStore.getState().doc.name).toBe('From a link');
    expect(persistence.workflowId).not.toBe(first);
    const stored = await inspect(dbName);
    const library = await stored.workflows.list();
    stored.close();
    expect(library.map((entry) => entry.id).sort()).toEqual([first, persistence.workflowId].sort());
  });

  it('come in one when the last workflow is reopened, which is the one shown again', async () => {
    editor = await bootEditor({ dbName });
    await settle();
    const first = editor.state.usePersistenceStore.getState().workflowId;
    await editor.close();
    settingsOnlyReads = 0;
    editor = await bootEditor({ dbName });
    await settle();
    expect(editor.state.usePersistenceStore.getState().workflowId).toBe(first);
    // The reopened workflow's own check of the last id reads again (after the start's one).
    expect(settingsOnlyReads).toBe(2);
  });
});
