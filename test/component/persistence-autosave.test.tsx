// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FaultPlan, faultMiddleware, quotaError } from '../unit/persistence/helpers';
import { bootEditor, type Editor, inspect, settle, uniqueDbName } from './persistence-harness';

let editor: Editor | undefined;
let dbName: string;

beforeEach(() => {
  localStorage.clear();
  dbName = uniqueDbName();
});
afterEach(async () => {
  vi.useRealTimers();
  await editor?.close();
  editor = undefined;
});

const storedName = async (id: string) => {
  const store = await inspect(dbName);
  try {
    const opened = await store.workflows.open(id);
    return opened.ok ? opened.value.workflow.name : undefined;
  } finally {
    store.close();
  }
};
const openId = (e: Editor) => e.state.usePersistenceStore.getState().workflowId ?? '';
const saveState = () => screen.getByTestId('save-status').getAttribute('data-state');

describe('autosave', () => {
  it('a first visit saves the template as a new workflow and remembers it', async () => {
    editor = await bootEditor({ dbName });
    const id = openId(editor);
    expect(id).not.toBe('');
    expect(await storedName(id)).toBe(editor.documentStore.useDocumentStore.getState().doc.name);
    expect(saveState()).toBe('saved');
    expect(screen.getByTestId('save-status').textContent).toContain('Saved');
  });

  it('saves every change within 500 ms of the last edit', async () => {
    editor = await bootEditor({ dbName });
    const id = openId(editor);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    act(() => editor?.documentStore.commands.renameWorkflow('Foxes at dusk'));
    expect(saveState()).toBe('saving');
    await act(() => vi.advanceTimersByTimeAsync(499));
    expect(await storedName(id)).not.toBe('Foxes at dusk');
    await act(() => vi.advanceTimersByTimeAsync(1));
    await settle();
    expect(await storedName(id)).toBe('Foxes at dusk');
    expect(saveState()).toBe('saved');
  });

  it('saves at once when the page is hidden (pagehide), before the debounce', async () => {
    editor = await bootEditor({ dbName });
    const id = openId(editor);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    act(() => editor?.documentStore.commands.renameWorkflow('Hidden edit'));
    editor.hideTarget.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(await storedName(id)).toBe('Hidden edit');
  });

  it('shows a failed save with its reason, keeps it, and Retry saves it', async () => {
    const plan: { current?: FaultPlan; puts: number } = { puts: 0 };
    editor = await bootEditor({
      dbName,
      storeOptions: { beforeOpen: (db) => db.use(faultMiddleware(plan)) },
    });
    const id = openId(editor);
    plan.current = { table: 'workflows', failOn: () => true, error: () => new Error('disk unplugged') };
    act(() => editor?.documentStore.commands.renameWorkflow('Will fail first'));
    act(() => editor?.hideTarget.dispatchEvent(new Event('pagehide')));
    await waitFor(() => expect(saveState()).toBe('error'));
    expect(screen.getByTestId('save-status').textContent).toMatch(/^Save failed: .*disk unplugged/);
    expect(await storedName(id)).not.toBe('Will fail first');
    plan.current = undefined;
    fireEvent.click(screen.getByTestId('save-retry'));
    await waitFor(() => expect(saveState()).toBe('saved'));
    expect(await storedName(id)).toBe('Will fail first');
  });

  it('a quota failure that eviction cannot fix says so; the saved workflow stays as it was', async () => {
    const plan: { current?: FaultPlan; puts: number } = { puts: 0 };
    editor = await bootEditor({
      dbName,
      storeOptions: { beforeOpen: (db) => db.use(faultMiddleware(plan)) },
    });
    const id = openId(editor);
    const before = await storedName(id);
    plan.current = { table: 'workflows', failOn: () => true, error: quotaError };
    act(() => editor?.documentStore.commands.renameWorkflow('Too big'));
    act(() => editor?.hideTarget.dispatchEvent(new Event('pagehide')));
    await waitFor(() => expect(saveState()).toBe('error'));
    expect(screen.getByTestId('save-status').textContent).toContain('Browser storage is full');
    expect(
      screen
        .getAllByTestId('storage-notice')
        .map((n) => n.textContent)
        .join(' '),
    ).toContain('Browser storage is full');
    expect(await storedName(id)).toBe(before);
  });

  it('a save over a newer revision (another tab) is refused and offers a reload, never overwriting', async () => {
    editor = await bootEditor({ dbName });
    const id = openId(editor);
    const other = await inspect(dbName);
    const opened = await other.workflows.open(id);
    if (!opened.ok) throw new Error('not saved');
    await other.workflows.save(
      id,
      { ...opened.value.workflow, name: 'Saved by the other tab' },
      {
        baseRevision: opened.value.revision,
      },
    );
    other.close();
    act(() => editor?.documentStore.commands.renameWorkflow('Mine'));
    act(() => editor?.hideTarget.dispatchEvent(new Event('pagehide')));
    await waitFor(() => expect(screen.getByTestId('conflict-banner')).toBeTruthy());
    expect(screen.getByTestId('conflict-banner').textContent).toContain('changed elsewhere');
    expect(await storedName(id)).toBe('Saved by the other tab');
    fireEvent.click(screen.getByTestId('conflict-reload'));
    await waitFor(() =>
      expect(editor?.documentStore.useDocumentStore.getState().doc.name).toBe('Saved by the other tab'),
    );
    expect(screen.queryByTestId('conflict-banner')).toBeNull();
  });
});
