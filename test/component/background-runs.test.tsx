// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageProvider } from '../../src/engine/provider';
import { scriptedProvider } from '../helpers/scripted-provider';
import { bootEditor, type Editor, settle, uniqueDbName } from './persistence-harness';

/**
 * Issue #17: a run goes on when its workflow tab goes to the background. Its events land in its
 * own tab's run state, never in the tab on screen; the tab shows a running badge, then how it
 * ended; History records it; it can be cancelled from its tab; closing its tab asks first.
 */

let editor: Editor | undefined;
let dbName: string;

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem('peel.settings', JSON.stringify({ provider: 'preview' }));
  dbName = uniqueDbName();
});
afterEach(async () => {
  editor?.runController.setEditorProviderOverride(null);
  await editor?.close();
  editor = undefined;
});

/** A provider whose calls wait until the test lets them through, one by one, in order. */
function gatedProvider() {
  const inner = scriptedProvider();
  const gates: Array<() => void> = [];
  const provider: ImageProvider = {
    ...inner,
    async generateImage(request, context) {
      await new Promise<void>((resolve) => {
        gates.push(resolve);
        // A cancelled call stops waiting (and no longer counts as waiting).
        context.signal.addEventListener(
          'abort',
          () => {
            gates.splice(gates.indexOf(resolve), 1);
            resolve();
          },
          { once: true },
        );
      });
      return inner.generateImage(request, context);
    },
  };
  return {
    provider,
    requests: inner.requests,
    waiting: () => gates.length,
    releaseNext: () => gates.shift()?.(),
  };
}

const modules = async () => ({
  tabs: await import('../../src/editor/tabs/tabs'),
  tabsStore: await import('../../src/editor/tabs/tabs-store'),
  templates: await import('../../src/editor/panels/TemplateMenu'),
});

const badgeOf = (tabId: string) =>
  within(screen.getByTestId(`tab-${tabId}`))
    .queryByTestId('tab-run-badge')
    ?.getAttribute('aria-label') ?? null;

/** Boots, runs tab A (the first workflow) up to its waiting call, opens a blank tab B. */
async function runInAThenOpenB() {
  editor = await bootEditor({ dbName });
  const e = editor;
  const m = await modules();
  const gate = gatedProvider();
  e.runController.setEditorProviderOverride(gate.provider);
  const tabIds = () => m.tabsStore.useTabsStore.getState().tabs.map((tab) => tab.id);
  await waitFor(() => expect(tabIds()).toHaveLength(1));
  const a = tabIds()[0] as string;
  act(() => e.documentStore.commands.setParam('prompt', 'text', 'a lighthouse at dusk'));
  const runA = e.runController.startRun();
  await waitFor(() => expect(gate.waiting()).toBe(1));
  expect(e.runStore.useRunStore.getState().running).toBe(true);
  expect(badgeOf(a)).toBe('run in progress');

  act(() => m.templates.newBlankWorkflow());
  await waitFor(() => expect(tabIds()).toHaveLength(2));
  const b = tabIds()[1] as string;
  await waitFor(() => expect(m.tabsStore.useTabsStore.getState().activeId).toBe(b));
  return { e, m, gate, a, b, runA };
}

describe('runs in background tabs', () => {
  it('A runs on while B is edited and run; each run lands in its own tab; History records both', async () => {
    const { e, m, gate, a, b, runA } = await runInAThenOpenB();
    const run = () => e.runStore.useRunStore.getState();
    const parkedA = () => m.tabsStore.parkedTabs.get(a)?.run;

    // B on screen: its own empty run state, A's run still going (parked with its tab).
    expect(run().running).toBe(false);
    expect(run().nodes).toEqual({});
    expect(parkedA()?.running).toBe(true);
    expect(badgeOf(a)).toBe('run in progress');
    expect(badgeOf(b)).toBeNull();

    // B is edited (undoable) and run too, while A's call still waits.
    let bGen = '';
    act(() => {
      const prompt = e.documentStore.commands.addNode({
        type: 'prompt',
        position: { x: 0, y: 0 },
        params: { text: 'a harbour at noon' },
      });
      bGen = e.documentStore.commands.addNode({
        type: 'generate',
        position: { x: 400, y: 0 },
        params: { model: 'gemini-3.1-flash-image' },
      });
      e.documentStore.commands.connect({
        source: prompt,
        sourcePort: 'text',
        target: bGen,
        targetPort: 'prompt',
      });
    });
    expect(e.documentStore.useDocumentStore.getState().past.length).toBeGreaterThan(0);
    const runB = e.runController.startRun();
    await waitFor(() => expect(gate.waiting()).toBe(2));
    expect(run().running).toBe(true);

    // A's call answers first: A finishes in the background, B's run state does not move.
    act(() => gate.releaseNext());
    await act(() => runA);
    expect(parkedA()?.running).toBe(false);
    expect(parkedA()?.nodes.gen?.status).toBe('done');
    expect(parkedA()?.nodes.gen?.outputs?.images).toHaveLength(1);
    const imagesOfA = parkedA()?.nodes.gen?.outputs?.images;
    expect(run().running).toBe(true);
    expect(run().nodes[bGen]?.status).toBe('running');
    expect(run().nodes[bGen]?.outputs).toBeUndefined();
    expect(badgeOf(a)).toBe('run finished');

    act(() => gate.releaseNext());
    await act(() => runB);
    expect(run().nodes[bGen]?.status).toBe('done');
    expect(run().nodes[bGen]?.outputs?.images).toHaveLength(1);
    expect(run().nodes[bGen]?.outputs?.images).not.toEqual(imagesOfA);
    // Seen as it ended: no badge on B.
    expect(badgeOf(b)).toBeNull();
    expect(gate.requests.map((request) => request.prompt)).toEqual([
      'a lighthouse at dusk',
      'a harbour at noon',
    ]);

    // Back to A: its finished run with its image; the badge has been seen.
    fireEvent.click(within(screen.getByTestId(`tab-${a}`)).getByRole('tab'));
    await waitFor(() => expect(m.tabsStore.useTabsStore.getState().activeId).toBe(a));
    await waitFor(() => expect(run().nodes.gen?.status).toBe('done'));
    expect(run().nodes.gen?.outputs?.images).toEqual(imagesOfA);
    expect(badgeOf(a)).toBeNull();

    await settle();
    const history = (await e.state.getPeelStore()?.runs.list({ limit: 10 })) ?? [];
    const byWorkflow = Object.fromEntries(history.map((record) => [record.workflowId, record.status]));
    expect(byWorkflow).toEqual({ [a]: 'ok', [b]: 'ok' });
  });

  it('cancel still works from A after a trip to B', async () => {
    const { e, m, gate, a, runA } = await runInAThenOpenB();
    await act(() => m.tabs.switchTab(a));
    expect(e.runStore.useRunStore.getState().running).toBe(true);
    fireEvent.keyDown(window, { key: '.', ctrlKey: true });
    await act(() => runA);
    expect(e.runStore.useRunStore.getState().lastStatus).toBe('cancelled');
    expect(gate.waiting()).toBe(0);
    await settle();
    const history = (await e.state.getPeelStore()?.runs.list({ workflowId: a })) ?? [];
    expect(history.map((record) => record.status)).toContain('cancelled');
  });

  it('closing a tab whose run is going asks first; "keep" keeps it, "cancel and close" cancels it', async () => {
    const { e, m, gate, a, runA } = await runInAThenOpenB();
    fireEvent.click(screen.getByTestId(`tab-close-${a}`));
    const dialog = await screen.findByTestId('tab-close-dialog');
    expect(dialog.getAttribute('role')).toBe('alertdialog');
    fireEvent.click(within(dialog).getByTestId('tab-close-keep'));
    expect(screen.queryByTestId('tab-close-dialog')).toBeNull();
    expect(m.tabsStore.useTabsStore.getState().tabs.some((tab) => tab.id === a)).toBe(true);
    expect(gate.waiting()).toBe(1);

    fireEvent.click(screen.getByTestId(`tab-close-${a}`));
    fireEvent.click(
      within(await screen.findByTestId('tab-close-dialog')).getByTestId('tab-close-cancel-run'),
    );
    await act(() => runA);
    await waitFor(() =>
      expect(m.tabsStore.useTabsStore.getState().tabs.some((tab) => tab.id === a)).toBe(false),
    );
    expect(gate.waiting()).toBe(0);
    // The tab on screen (B) never saw A's run.
    expect(e.runStore.useRunStore.getState().nodes).toEqual({});
    await settle();
    const history = (await e.state.getPeelStore()?.runs.list({ workflowId: a })) ?? [];
    expect(history.map((record) => record.status)).toEqual(['cancelled']);
  });
});
