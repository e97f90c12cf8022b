// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeLockManager } from '../unit/persistence/fake-locks';
import { bootEditor, type Editor, inspect, settle, uniqueDbName } from './persistence-harness';

const editors: Editor[] = [];
let dbName: string;

beforeEach(() => {
  localStorage.clear();
  dbName = uniqueDbName();
});
afterEach(async () => {
  for (const editor of editors.splice(0).reverse()) await editor.close();
});

const storedName = async (id: string) => {
  const store = await inspect(dbName);
  const opened = await store.workflows.open(id);
  store.close();
  return opened.ok ? opened.value.workflow.name : undefined;
};

describe('two tabs on one workflow', () => {
  it('the second is read-only with a banner, never writes, and can take over', async () => {
    const locks = new FakeLockManager();
    // Two "tabs": separate module instances over one database and one lock manager.
    const first = await bootEditor({ dbName, locks, render: false });
    editors.push(first);
    const second = await bootEditor({ dbName, locks });
    editors.push(second);
    const id = second.state.usePersistenceStore.getState().workflowId ?? '';
    expect(id).toBe(first.state.usePersistenceStore.getState().workflowId);
    expect(screen.getByTestId('readonly-banner').textContent).toContain(
      'Open in another tab — editing here is paused',
    );
    expect(screen.getByTestId('save-status').getAttribute('data-state')).toBe('read-only');

    // An edit in the read-only tab is not saved, even on hide.
    act(() => second.documentStore.commands.renameWorkflow('From the read-only tab'));
    second.hideTarget.dispatchEvent(new Event('pagehide'));
    act(() => first.documentStore.commands.renameWorkflow('From the writer'));
    first.hideTarget.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(await storedName(id)).toBe('From the writer');

    fireEvent.click(screen.getByTestId('take-over'));
    await waitFor(() => expect(screen.queryByTestId('readonly-banner')).toBeNull());
    // It continues from what the writer saved, not from its own stale copy.
    expect(second.documentStore.useDocumentStore.getState().doc.name).toBe('From the writer');
    expect(first.state.usePersistenceStore.getState().readOnly).toBe('taken-over');

    act(() => first.documentStore.commands.renameWorkflow('Late edit in the old writer'));
    first.hideTarget.dispatchEvent(new Event('pagehide'));
    act(() => second.documentStore.commands.renameWorkflow('The new writer'));
    second.hideTarget.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(await storedName(id)).toBe('The new writer');
  });
});
