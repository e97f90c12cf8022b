// @vitest-environment jsdom
import './setup-dom';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunRecord } from '../../src/persistence';
import {
  bootEditor,
  type Editor,
  inspect,
  linkedStarter,
  settle,
  shownStatus,
  uniqueDbName,
} from './persistence-harness';

let editor: Editor | undefined;
let dbName: string;

beforeEach(() => {
  localStorage.clear();
  // The preview provider: free and offline, and still a model call the engine counts.
  localStorage.setItem('peel.settings', JSON.stringify({ provider: 'preview' }));
  dbName = uniqueDbName();
});
afterEach(async () => {
  vi.useRealTimers();
  await editor?.close();
  editor = undefined;
});

const imgOf = (testId: string) => screen.getByTestId(testId).querySelector('img');

async function runAndWait(e: Editor): Promise<void> {
  await act(() => e.runController.startRun());
  await waitFor(() => expect(e.runStore.useRunStore.getState().running).toBe(false));
}

describe('reload', () => {
  it('restores the workflow, its outputs on the nodes, and re-running makes zero calls', async () => {
    editor = await bootEditor({ dbName });
    act(() => editor?.documentStore.commands.setParam('prompt', 'text', 'a lighthouse in fog'));
    await runAndWait(editor);
    expect(editor.runStore.useRunStore.getState().totals?.calls).toBe(1);
    await waitFor(() => expect(imgOf('output-gen-0')?.getAttribute('src')).toMatch(/^blob:/));
    const doc = editor.documentStore.useDocumentStore.getState().doc;
    const outputHash = editor.runStore.useRunStore.getState().nodes.gen?.outputs?.images[0];
    await editor.close();

    // A new page: empty stores, empty image map, memory cache gone.
    editor = await bootEditor({ dbName });
    expect(editor.documentStore.useDocumentStore.getState().doc).toEqual(doc);
    expect(editor.documentStore.useDocumentStore.getState().past).toHaveLength(0);
    expect(shownStatus('gen')).toBe('done');
    expect(editor.runStore.useRunStore.getState().nodes.gen?.outputs?.images[0]).toBe(outputHash);
    // The preview image comes back from the blob store as an object URL.
    await waitFor(() => expect(imgOf('output-gen-0')?.getAttribute('src')).toMatch(/^blob:/));

    await runAndWait(editor);
    const totals = editor.runStore.useRunStore.getState().totals;
    expect(totals?.calls).toBe(0);
    expect(totals?.cachedNodes).toBeGreaterThanOrEqual(1);
    expect(shownStatus('gen')).toBe('cached');
  });

  it('the Export node keeps its file list after a reload (names and images)', async () => {
    editor = await bootEditor({ dbName });
    await runAndWait(editor);
    const exportsOf = (e: Editor) => e.runStore.useRunStore.getState().nodes.out?.exports;
    const before = exportsOf(editor);
    expect(before).toHaveLength(1);
    expect(before?.[0]?.fileName).toBe('Text-to-image-1-1.png');
    await editor.close();

    editor = await bootEditor({ dbName });
    expect(exportsOf(editor)).toEqual(before);
    // The image behind the list is back too (the node's thumbnail and download use it).
    const stored = await inspect(dbName);
    expect(await stored.blobs.has(before?.[0]?.hash ?? '')).toBe(true);
    stored.close();
  });

  it('a run whose page went away shows its in-flight nodes as interrupted and re-submits nothing', async () => {
    editor = await bootEditor({ dbName });
    const workflowId = editor.state.usePersistenceStore.getState().workflowId ?? '';
    await editor.close();
    // What the recorder leaves when the tab dies mid-call: a run still "running", gen in flight.
    const store = await inspect(dbName);
    const run: RunRecord = {
      id: 'run-dead-tab',
      workflowId,
      workflowName: 'Text to image',
      snapshotHash: 'x',
      row: 1,
      inputs: {},
      status: 'running',
      interrupted: false,
      startedAt: Date.now(),
      nodeIds: ['prompt', 'gen', 'out'],
      nodes: {
        prompt: { status: 'ran', calls: 0, costUsd: 0, outputHashes: [], outputs: { text: 'a fox' } },
        gen: { status: 'running', startedAt: Date.now(), calls: 0, costUsd: 0, outputHashes: [] },
      },
      totals: { calls: 0, cachedNodes: 0, costUsd: 0 },
      outputHashes: [],
    };
    await store.db.runs.put(run);
    store.close();

    editor = await bootEditor({ dbName });
    const badge = screen.getByTestId('node-status-gen');
    expect(badge.getAttribute('data-status')).toBe('interrupted');
    expect(badge.textContent).toBe('interrupted');
    expect(badge.getAttribute('title')).toContain('Nothing was re-submitted');
    expect(shownStatus('prompt')).toBe('done');
    expect(editor.runStore.useRunStore.getState().running).toBe(false);
    const after = await inspect(dbName);
    expect((await after.runs.get('run-dead-tab'))?.status).toBe('interrupted');
    expect(await after.runs.list()).toHaveLength(1);
    after.close();
  });

  it('an edit the tab could not save before closing (draft) is there after the reload', async () => {
    editor = await bootEditor({ dbName });
    const id = editor.state.usePersistenceStore.getState().workflowId ?? '';
    // The debounce never fires: the page dies before it, with no pagehide flush either.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    act(() => editor?.documentStore.commands.renameWorkflow('Typed, then the tab closed'));
    cleanup();
    editor = await bootEditor({ dbName });
    expect(editor.documentStore.useDocumentStore.getState().doc.name).toBe('Typed, then the tab closed');
    await settle();
    const store = await inspect(dbName);
    const opened = await store.workflows.open(id);
    store.close();
    expect(opened.ok && opened.value.workflow.name).toBe('Typed, then the tab closed');
  });

  it("a start from a link saves the last workflow's draft instead of leaving it for a start that never replays it", async () => {
    editor = await bootEditor({ dbName });
    const id = editor.state.usePersistenceStore.getState().workflowId ?? '';
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    act(() => editor?.documentStore.commands.renameWorkflow('Typed, then the tab closed'));
    cleanup();
    vi.useRealTimers();
    editor = await bootEditor({
      dbName,
      linked: linkedStarter('From a link'),
    });
    expect(editor.documentStore.useDocumentStore.getState().doc.name).toBe('From a link');
    await settle();
    const store = await inspect(dbName);
    const opened = await store.workflows.open(id);
    const names = (await store.workflows.list()).map((entry) => entry.name).sort();
    store.close();
    expect(opened.ok && opened.value.workflow.name).toBe('Typed, then the tab closed');
    expect(names).toEqual(['From a link', 'Typed, then the tab closed']);
  });

  it('without IndexedDB it says so and works in memory', async () => {
    // As in some private modes: the factory exists but refuses to open anything.
    const refusing = {
      open: () => {
        throw new DOMException(
          'A mutation operation was attempted on a database that did not allow mutations.',
          'InvalidStateError',
        );
      },
    } as unknown as IDBFactory;
    editor = await bootEditor({ dbName, storeOptions: { indexedDB: refusing } });
    expect(screen.getByTestId('memory-banner').textContent).toContain('Storage is unavailable');
    expect(screen.getByTestId('save-status').textContent).toContain('no storage');
    expect(editor.documentStore.useDocumentStore.getState().doc.nodes.length).toBeGreaterThan(0);
  });
});
