// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootEditor, type Editor, inspect, uniqueDbName } from './persistence-harness';

/**
 * Opens a Radix menu (it opens on pointer down). Kept here rather than imported from ./helpers:
 * that module imports the editor's canvas statically, a second copy of the editor modules beside
 * the fresh ones bootEditor loads after vi.resetModules, and that copy left storage unavailable.
 */
function openMenu(trigger: HTMLElement): void {
  fireEvent.pointerDown(trigger, { button: 0, ctrlKey: false, pointerType: 'mouse' });
}

let editor: Editor | undefined;
let dbName: string;

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem('peel.settings', JSON.stringify({ provider: 'preview' }));
  dbName = uniqueDbName();
});
afterEach(async () => {
  await editor?.close();
  editor = undefined;
});

const names = () => screen.queryAllByTestId('library-name').map((element) => element.textContent);
const rowOf = (name: string) => {
  const cell = screen.getAllByTestId('library-name').find((element) => element.textContent === name);
  const row = cell?.closest('li');
  if (!row) throw new Error(`no library row named ${name}`);
  return within(row as HTMLElement);
};

async function openLibrary(e: Editor) {
  fireEvent.click(screen.getByTestId('library-button'));
  await waitFor(() => expect(names().length).toBeGreaterThan(0));
  return e;
}

describe('library', () => {
  it('renames, duplicates, deletes with undo, and opens another workflow', async () => {
    editor = await openLibrary(await bootEditor({ dbName }));
    const first = editor.documentStore.useDocumentStore.getState().doc.name;
    expect(names()).toEqual([first]);

    fireEvent.click(rowOf(first).getByTestId('library-duplicate'));
    await waitFor(() => expect(names()).toContain(`${first} (copy)`));

    // Rename the copy (not the open workflow): straight in the library.
    fireEvent.click(rowOf(`${first} (copy)`).getByTestId('library-rename'));
    fireEvent.change(screen.getByTestId('library-rename-input'), {
      target: { value: '<b>Night</b> version' },
    });
    fireEvent.click(screen.getByTestId('library-rename-save'));
    await waitFor(() => expect(names()).toContain('<b>Night</b> version'));
    // Text from users is text: no element was made from it.
    expect(screen.getByTestId('library-panel').querySelector('b')).toBeNull();

    // Rename the open one: through the document (undoable, autosaved).
    fireEvent.click(rowOf(first).getByTestId('library-rename'));
    fireEvent.change(screen.getByTestId('library-rename-input'), { target: { value: 'Day version' } });
    fireEvent.click(screen.getByTestId('library-rename-save'));
    await waitFor(() => expect(names()).toContain('Day version'));
    expect(editor.documentStore.useDocumentStore.getState().doc.name).toBe('Day version');

    fireEvent.click(rowOf('<b>Night</b> version').getByTestId('library-delete'));
    await waitFor(() => expect(names()).not.toContain('<b>Night</b> version'));
    expect(screen.getByTestId('undo-delete').textContent).toContain('<b>Night</b> version');
    fireEvent.click(screen.getByTestId('undo-delete-button'));
    await waitFor(() => expect(names()).toContain('<b>Night</b> version'));

    fireEvent.click(rowOf('<b>Night</b> version').getByTestId('library-open'));
    await waitFor(() =>
      expect(editor?.documentStore.useDocumentStore.getState().doc.name).toBe('<b>Night</b> version'),
    );
    const store = await inspect(dbName);
    expect((await store.workflows.list()).map((item) => item.name).sort()).toEqual(
      ['<b>Night</b> version', 'Day version'].sort(),
    );
    expect(await store.settings.get('editor.lastWorkflowId')).toBe(
      editor.state.usePersistenceStore.getState().workflowId,
    );
    store.close();
  });

  it('deleting the open workflow opens the next one, and undo brings it back to the list', async () => {
    editor = await openLibrary(await bootEditor({ dbName }));
    const first = editor.documentStore.useDocumentStore.getState().doc.name;
    fireEvent.click(rowOf(first).getByTestId('library-duplicate'));
    await waitFor(() => expect(names()).toHaveLength(2));
    const openBefore = editor.state.usePersistenceStore.getState().workflowId;
    fireEvent.click(rowOf(first).getByTestId('library-delete'));
    await waitFor(() => expect(editor?.state.usePersistenceStore.getState().workflowId).not.toBe(openBefore));
    expect(editor.documentStore.useDocumentStore.getState().doc.name).toBe(`${first} (copy)`);
    fireEvent.click(screen.getByTestId('undo-delete-button'));
    await waitFor(() => expect(names()).toHaveLength(2));
  });

  it('a template picked from the menu becomes a new saved workflow, leaving the old one intact', async () => {
    editor = await bootEditor({ dbName });
    const before = editor.state.usePersistenceStore.getState().workflowId;
    act(() => editor?.documentStore.commands.renameWorkflow('Keep me'));
    act(() => openMenu(screen.getAllByTestId('template-menu')[0] as HTMLElement));
    fireEvent.click(screen.getByTestId('template-brand-mascot'));
    await waitFor(() => expect(editor?.state.usePersistenceStore.getState().workflowId).not.toBe(before));
    const store = await inspect(dbName);
    const names = (await store.workflows.list()).map((item) => item.name);
    store.close();
    expect(names).toContain('Keep me');
    expect(names).toHaveLength(2);
  });
});

describe('history', () => {
  it('lists runs with status, cost and thumbnails, and totals per day and per workflow', async () => {
    editor = await bootEditor({ dbName });
    for (const prompt of ['a red kite', 'a blue kite']) {
      act(() => editor?.documentStore.commands.setParam('prompt', 'text', prompt));
      await act(() => editor?.runController.startRun());
      await waitFor(() => expect(editor?.runStore.useRunStore.getState().running).toBe(false));
    }
    fireEvent.click(screen.getByTestId('history-button'));
    // The panel refreshes when the recorder's last write lands.
    await waitFor(() =>
      expect(screen.getAllByTestId('history-status').map((element) => element.textContent)).toEqual([
        'ok',
        'ok',
      ]),
    );
    expect(screen.getAllByTestId('history-cost')[0]?.textContent).toMatch(/\$/);
    await waitFor(() =>
      expect(screen.getByTestId('history-panel').querySelectorAll('img').length).toBeGreaterThan(0),
    );
    const name = editor.documentStore.useDocumentStore.getState().doc.name;
    expect(screen.getByTestId('spend-per-workflow').textContent).toContain(name);
    expect(screen.getByTestId('spend-per-workflow').textContent).toContain('2 runs');
    expect(screen.getByTestId('spend-per-day').textContent).toContain('2 runs');

    // Open the older run's outputs; re-run it: its graph comes back, everything from the cache.
    fireEvent.click(screen.getAllByTestId('history-open')[1] as HTMLElement);
    expect(screen.getByTestId('run-outputs').textContent).toContain('gen');
    await act(async () => {
      fireEvent.click(screen.getAllByTestId('history-rerun')[1] as HTMLElement);
    });
    await waitFor(() => expect(editor?.runStore.useRunStore.getState().totals?.calls).toBe(0));
    const prompt = editor.documentStore.useDocumentStore
      .getState()
      .doc.nodes.find((node) => node.id === 'prompt');
    expect(prompt?.params.text).toBe('a red kite');
    await waitFor(() =>
      expect(screen.getAllByTestId('history-status').map((element) => element.textContent)).toEqual([
        'ok',
        'ok',
        'ok',
      ]),
    );
    expect(editor.runStore.useRunStore.getState().totals?.calls).toBe(0);
  });
});
