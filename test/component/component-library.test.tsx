// @vitest-environment jsdom
import './setup-dom';
import 'fake-indexeddb/auto';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeComponentFromSelection, setInnerParam } from '../../src/editor/components/component-commands';
import {
  loadComponentLibrary,
  saveComponentToLibrary,
  useComponentLibrary,
} from '../../src/editor/components/component-library';
import { LibraryPanel } from '../../src/editor/panels/library/LibraryPanel';
import { setPeelStore } from '../../src/editor/persistence/state';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { useViewStore } from '../../src/editor/store/view-store';
import { openPeelStore } from '../../src/persistence';
import { renderCanvas, resetStores, sampleWorkflow } from './helpers';

const FIND = { timeout: 5000 };
const doc = () => useDocumentStore.getState().doc;
let inst = '';
let compId = '';

beforeEach(() => {
  resetStores(sampleWorkflow());
  useComponentLibrary.setState({ entries: [], trashed: null, loaded: true });
  act(() => {
    const made = makeComponentFromSelection(['g', 'e'], 'Scene maker');
    if (!('instanceId' in made)) throw new Error(made.message);
    inst = made.instanceId;
  });
  compId = String(doc().components?.[0]?.id);
  act(() => useViewStore.setState({ panel: 'library' }));
});

const names = () => useComponentLibrary.getState().entries.map((entry) => entry.name);

describe('the component library', () => {
  it('saves from the node; rename, duplicate and delete with undo in the library panel', async () => {
    renderCanvas(<LibraryPanel />);
    await userEvent.click(await screen.findByTestId(`component-save-library-${compId}`, {}, FIND));
    await waitFor(() => expect(names()).toEqual(['Scene maker']), FIND);
    const section = await screen.findByTestId('library-components', {}, FIND);
    const row = await within(section).findByTestId('library-component-scene-maker-1', {}, FIND);
    expect(row.textContent).toContain('Scene maker');

    await userEvent.click(within(row).getByTestId('library-component-rename'));
    const input = within(row).getByTestId('library-component-rename-input');
    await userEvent.clear(input);
    await userEvent.type(input, 'Hero shot{Enter}');
    await waitFor(() => expect(names()).toEqual(['Hero shot']), FIND);
    // The file inside follows the new name.
    expect(useComponentLibrary.getState().entries[0]?.file.components?.[0]?.name).toBe('Hero shot');

    await userEvent.click(within(row).getByTestId('library-component-duplicate'));
    await waitFor(() => expect(names()).toEqual(['Hero shot', 'Hero shot copy']), FIND);

    await userEvent.click(within(row).getByTestId('library-component-delete'));
    await waitFor(() => expect(names()).toEqual(['Hero shot copy']), FIND);
    await userEvent.click(await screen.findByTestId('library-component-undo', {}, FIND));
    await waitFor(() => expect(names().sort()).toEqual(['Hero shot', 'Hero shot copy']), FIND);
  });

  it('inserts a library component into another workflow: definition and instance in one undo step', async () => {
    renderCanvas(<LibraryPanel />);
    await userEvent.click(await screen.findByTestId(`component-save-library-${compId}`, {}, FIND));
    await waitFor(() => expect(names()).toEqual(['Scene maker']), FIND);
    act(() => resetStores(sampleWorkflow()));
    act(() => useViewStore.setState({ panel: 'library' }));
    const before = doc();
    await userEvent.click(await screen.findByTestId('library-component-insert', {}, FIND));
    expect(doc().components?.map((c) => c.name)).toEqual(['Scene maker']);
    const added = doc().nodes.filter((n) => n.type === 'component');
    expect(added.map((n) => n.params.component)).toEqual([doc().components?.[0]?.id]);
    expect(await screen.findByTestId(`node-${added[0]?.id}`, {}, FIND)).toBeTruthy();
    act(() => commands.undo());
    expect(doc()).toEqual(before);
  });

  it('Update from library shows the diff, then applies it to every instance in one undo step', async () => {
    renderCanvas(<LibraryPanel />);
    await userEvent.click(await screen.findByTestId(`component-save-library-${compId}`, {}, FIND));
    await waitFor(() => expect(names()).toEqual(['Scene maker']), FIND);
    // Changed here since it was saved.
    act(() => {
      setInnerParam(compId, 'e', 'instruction', 'make it gold');
    });
    const edited = doc();
    await userEvent.click(await screen.findByTestId(`component-update-library-${compId}`, {}, FIND));
    const dialog = await screen.findByTestId('component-update-dialog', {}, FIND);
    expect(within(dialog).getByTestId('component-update-diff').textContent).toBe('e: instruction changed');
    // Cancel changes nothing.
    await userEvent.click(within(dialog).getByTestId('component-update-cancel'));
    expect(doc()).toBe(edited);
    await userEvent.click(screen.getByTestId(`component-update-library-${compId}`));
    await userEvent.click(await screen.findByTestId('component-update-apply', {}, FIND));
    const inner = doc().components?.find((c) => c.id === compId);
    expect(inner?.nodes.find((n) => n.id === 'e')?.params.instruction).toBe('make it blue');
    expect(doc().nodes.find((n) => n.id === inst)?.params.component).toBe(compId);
    act(() => commands.undo());
    expect(doc()).toEqual(edited);
  });

  it('is kept in storage: a fresh load (as after a reload) finds the saved component', async () => {
    const store = await openPeelStore(`peel-component-library-${process.pid}-${Date.now()}`, {
      storage: null,
      locks: null,
      blobMode: 'bytes',
    });
    setPeelStore(store);
    try {
      expect(await saveComponentToLibrary(compId, 1000)).toBeNull();
      useComponentLibrary.setState({ entries: [], trashed: null, loaded: false });
      await loadComponentLibrary();
      const [entry] = useComponentLibrary.getState().entries;
      expect(entry?.name).toBe('Scene maker');
      expect(entry?.file.nodes).toEqual([]);
      expect(entry?.file.components?.map((c) => c.nodes.map((n) => n.id).sort())).toEqual([['e', 'g']]);
    } finally {
      setPeelStore(null);
      store.close();
    }
  });
});
