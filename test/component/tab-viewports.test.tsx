// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootEditor, type Editor, inspect, settle, uniqueDbName } from './persistence-harness';

/** Issue #17: each workflow tab keeps its own pan and zoom, after a switch and after a reload. */

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

/** The canvas's pan and zoom as React Flow draws them. */
const transform = (): string =>
  (document.querySelector('.react-flow__viewport') as HTMLElement | null)?.style.transform ?? '';

/** Zooms with the canvas's own controls (a real viewport change, as a user makes it). */
async function zoom(button: 'in' | 'out', times: number): Promise<string> {
  for (let i = 0; i < times; i++) {
    const before = transform();
    fireEvent.click(screen.getByRole('button', { name: button === 'in' ? /zoom in/i : /zoom out/i }));
    await waitFor(() => expect(transform()).not.toBe(before));
  }
  // The end of the move is reported a tick later (React Flow's move-end timer).
  await settle(5);
  return transform();
}

describe('per-tab viewport', () => {
  it('each tab puts back its own pan and zoom when it comes forward, and after a reload', async () => {
    editor = await bootEditor({ dbName });
    const m = await modules();
    const state = () => m.tabsStore.useTabsStore.getState();
    await waitFor(() => expect(state().tabs).toHaveLength(1));
    const a = state().activeId as string;
    await settle(5);
    const viewA = await zoom('in', 3);

    act(() => m.templates.newBlankWorkflow());
    await waitFor(() => expect(state().tabs).toHaveLength(2));
    const b = state().tabs[1]?.id as string;
    await waitFor(() => expect(state().activeId).toBe(b));
    await settle(5);
    const viewB = await zoom('out', 2);
    expect(viewB).not.toBe(viewA);

    await act(() => m.tabs.switchTab(a));
    await waitFor(() => expect(transform()).toBe(viewA));
    await act(() => m.tabs.switchTab(b));
    await waitFor(() => expect(transform()).toBe(viewB));
    await settle();

    // Saved with the tabs.
    const stored = await inspect(dbName);
    const saved = await stored.settings.get<Record<string, unknown>>('editor.tabViewports');
    stored.close();
    expect(Object.keys(saved ?? {}).sort()).toEqual([a, b].sort());

    // Reload: B (last on screen) comes back with its viewport, then A with its own.
    await editor.close();
    editor = await bootEditor({ dbName });
    const after = await modules();
    await waitFor(() => expect(after.tabsStore.useTabsStore.getState().tabs).toHaveLength(2));
    await waitFor(() => expect(transform()).toBe(viewB));
    await act(() => after.tabs.switchTab(a));
    await waitFor(() => expect(transform()).toBe(viewA));
  }, 90_000);
});
