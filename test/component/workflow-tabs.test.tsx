// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootEditor, type Editor, settle, uniqueDbName } from './persistence-harness';

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

const modules = async () => ({
  tabs: await import('../../src/editor/tabs/tabs'),
  tabsStore: await import('../../src/editor/tabs/tabs-store'),
  templates: await import('../../src/editor/panels/TemplateMenu'),
});

describe('workflow tabs', () => {
  it('two workflows in tabs keep their own document, undo history and run state; reload brings both back', async () => {
    editor = await bootEditor({ dbName });
    const e = editor;
    const { tabsStore, templates } = await modules();
    const doc = () => e.documentStore.useDocumentStore.getState();
    const tabIds = () => tabsStore.useTabsStore.getState().tabs.map((tab) => tab.id);
    await waitFor(() => expect(tabIds()).toHaveLength(1));
    const first = tabIds()[0] as string;

    // Tab 1: an edit (undoable) and a run (outputs on the node).
    act(() => e.documentStore.commands.setParam('prompt', 'text', 'a lighthouse'));
    await act(() => e.runController.startRun());
    await waitFor(() => expect(e.runStore.useRunStore.getState().running).toBe(false));
    expect(e.runStore.useRunStore.getState().nodes.gen?.status).toBe('done');
    const firstDoc = doc().doc;

    // New: a second tab, blank, with no history and no run state.
    act(() => templates.newBlankWorkflow());
    await waitFor(() => expect(tabIds()).toHaveLength(2));
    const second = tabIds()[1] as string;
    expect(tabsStore.useTabsStore.getState().activeId).toBe(second);
    expect(doc().doc.nodes).toHaveLength(0);
    expect(e.runStore.useRunStore.getState().nodes.gen).toBeUndefined();
    act(() => {
      e.documentStore.commands.addNode({
        type: 'prompt',
        position: { x: 0, y: 0 },
        params: { text: 'tab two' },
      });
    });
    const secondDoc = doc().doc;
    await settle();

    // Back to tab 1 (a click on its tab): its document, its undo history, its run state.
    const bar = screen.getByTestId('tab-bar');
    fireEvent.click(within(bar).getAllByRole('tab')[0] as HTMLElement);
    await waitFor(() => expect(tabsStore.useTabsStore.getState().activeId).toBe(first));
    await waitFor(() => expect(doc().doc).toEqual(firstDoc));
    expect(doc().past.length).toBeGreaterThan(0);
    expect(e.runStore.useRunStore.getState().nodes.gen?.status).toBe('done');
    act(() => e.documentStore.commands.undo());
    expect(doc().doc.nodes.find((node) => node.id === 'prompt')?.params.text).not.toBe('a lighthouse');
    act(() => e.documentStore.commands.redo());

    // And to tab 2 with the keyboard (Alt+PageDown): its own node and history.
    fireEvent.keyDown(window, { key: 'PageDown', altKey: true });
    await waitFor(() => expect(tabsStore.useTabsStore.getState().activeId).toBe(second));
    await waitFor(() => expect(doc().doc).toEqual(secondDoc));
    expect(doc().past).toHaveLength(1);
    expect(e.runStore.useRunStore.getState().nodes.gen).toBeUndefined();
    await settle();

    // Reload: both tabs, in order, the last one on screen.
    await e.close();
    editor = await bootEditor({ dbName });
    const after = await modules();
    await waitFor(() =>
      expect(after.tabsStore.useTabsStore.getState().tabs.map((tab) => tab.id)).toEqual([first, second]),
    );
    expect(after.tabsStore.useTabsStore.getState().activeId).toBe(second);
    expect(screen.getAllByRole('tab').map((tab) => tab.getAttribute('aria-selected'))).toEqual([
      'false',
      'true',
    ]);
    // The other tab opens from the library with its run state from history.
    const reloaded = editor;
    await act(() => after.tabs.switchTab(first));
    expect(
      reloaded.documentStore.useDocumentStore.getState().doc.nodes.find((n) => n.id === 'prompt')?.params
        .text,
    ).toBe('a lighthouse');
    await waitFor(() => expect(reloaded.runStore.useRunStore.getState().nodes.gen?.status).toBe('done'));
  });

  it('closing tabs: the neighbour comes forward, the last one leaves a blank workflow; the workflow stays saved', async () => {
    editor = await bootEditor({ dbName });
    const e = editor;
    const { tabs, tabsStore, templates } = await modules();
    const state = () => tabsStore.useTabsStore.getState();
    await waitFor(() => expect(state().tabs).toHaveLength(1));
    const first = state().tabs[0]?.id as string;
    act(() => templates.newBlankWorkflow());
    await waitFor(() => expect(state().tabs).toHaveLength(2));
    const second = state().tabs[1]?.id as string;
    // An unsaved edit shows the marker on the active tab until autosave catches up.
    act(() => e.documentStore.commands.addNode({ type: 'prompt', position: { x: 0, y: 0 } }));
    expect(within(screen.getByTestId(`tab-${second}`)).getByTestId('tab-unsaved')).toBeTruthy();

    await act(() => tabs.closeTab(second));
    expect(state().tabs.map((tab) => tab.id)).toEqual([first]);
    expect(state().activeId).toBe(first);
    const library = await e.state.getPeelStore()?.workflows.list();
    expect(library?.some((entry) => entry.id === second)).toBe(true);

    await act(() => tabs.closeTab(first));
    await waitFor(() => expect(state().tabs).toHaveLength(1));
    expect(state().tabs[0]?.id).not.toBe(first);
    expect(e.documentStore.useDocumentStore.getState().doc.nodes).toHaveLength(0);
  });

  it('opening a workflow from the library that is already in a tab brings that tab forward', async () => {
    editor = await bootEditor({ dbName });
    const { tabs, tabsStore, templates } = await modules();
    const state = () => tabsStore.useTabsStore.getState();
    await waitFor(() => expect(state().tabs).toHaveLength(1));
    const first = state().tabs[0]?.id as string;
    act(() => templates.newBlankWorkflow());
    await waitFor(() => expect(state().tabs).toHaveLength(2));
    await act(() => tabs.openInTab(first));
    expect(state().activeId).toBe(first);
    expect(state().tabs).toHaveLength(2);
  });

  it('a workflow opened over an untouched tab takes its place; New, an edited tab or a run tab stay', async () => {
    editor = await bootEditor({ dbName });
    const e = editor;
    const { tabs, tabsStore, templates } = await modules();
    const state = () => tabsStore.useTabsStore.getState();
    const ids = () => state().tabs.map((tab) => tab.id);
    const store = () => e.state.getPeelStore();
    const opened = async (notId: string | null) => {
      await waitFor(() => expect(state().activeId).not.toBe(notId));
      await settle();
      return state().activeId as string;
    };
    await waitFor(() => expect(state().tabs).toHaveLength(1));
    const starter = state().tabs[0]?.id as string;

    // The first start's workflow, never touched: a template opened over it takes its tab, and the
    // starter goes to the trash (restorable) rather than into a growing library of copies.
    act(() => e.documentStore.commands.loadWorkflow(e.startup.starterWorkflow()));
    const template = await opened(starter);
    expect(ids()).toEqual([template]);
    await waitFor(async () =>
      expect((await store()?.workflows.listDeleted())?.map((entry) => entry.id)).toContain(starter),
    );
    expect((await store()?.workflows.list())?.some((entry) => entry.id === starter)).toBe(false);

    // New asks for a tab: it opens beside the untouched one, which stays.
    act(() => templates.newBlankWorkflow());
    const blank = await opened(template);
    expect(ids()).toEqual([template, blank]);

    // Edited: the next workflow opens beside it, and nothing goes to the trash.
    act(() => e.documentStore.commands.addNode({ type: 'prompt', position: { x: 0, y: 0 } }));
    act(() => e.documentStore.commands.loadWorkflow(e.startup.starterWorkflow()));
    const third = await opened(blank);
    expect(ids()).toEqual([template, blank, third]);
    expect((await store()?.workflows.list())?.some((entry) => entry.id === blank)).toBe(true);

    // Run (not edited): it keeps its tab too.
    await act(() => e.runController.startRun());
    await waitFor(() => expect(e.runStore.useRunStore.getState().running).toBe(false));
    act(() => e.documentStore.commands.loadWorkflow(e.startup.starterWorkflow()));
    const fourth = await opened(third);
    expect(ids()).toEqual([template, blank, third, fourth]);

    // Leaving an untouched tab for one already open closes nothing.
    await act(() => tabs.switchTab(template));
    expect(ids()).toEqual([template, blank, third, fourth]);
    expect((await store()?.workflows.list())?.some((entry) => entry.id === fourth)).toBe(true);
  });
});
