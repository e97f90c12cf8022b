// @vitest-environment jsdom
import './setup-dom';
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workflow } from '../../src/engine/workflow';
import { bootEditor, type Editor, uniqueDbName } from './persistence-harness';

let editor: Editor | undefined;
let dbName: string;

beforeEach(() => {
  localStorage.clear();
  // The preview provider: free and offline, and still model calls the engine counts.
  localStorage.setItem('peel.settings', JSON.stringify({ provider: 'preview' }));
  dbName = uniqueDbName();
});
afterEach(async () => {
  await editor?.close();
  editor = undefined;
});

async function runAndWait(e: Editor): Promise<void> {
  await act(() => e.runController.startRun());
  await waitFor(() => expect(e.runStore.useRunStore.getState().running).toBe(false));
}

/** The startup template with a list of three scenes feeding its Generate's prompt. */
function mapped(doc: Workflow): Workflow {
  return {
    ...doc,
    nodes: [
      ...doc.nodes,
      {
        id: 'scenes',
        type: 'list',
        position: { x: -400, y: 300 },
        params: { items: ['a beach', 'a desk', 'a forest'] },
      },
    ],
    edges: [
      ...doc.edges.filter((edge) => !(edge.target === 'gen' && edge.targetPort === 'prompt')),
      { source: 'scenes', sourcePort: 'items', target: 'gen', targetPort: 'prompt' },
    ],
  };
}

describe('element strips after a reload', () => {
  it('a mapped node shows its strip again from the stored run, with no run and no call', async () => {
    editor = await bootEditor({ dbName });
    const first = editor;
    act(() => first.session.replaceDocument(mapped(first.documentStore.useDocumentStore.getState().doc)));
    await runAndWait(first);
    expect(first.runStore.useRunStore.getState().totals?.calls).toBe(3);
    const live = first.runStore.useRunStore.getState().nodes.gen?.elements;
    expect(live?.entries).toHaveLength(3);
    const liveImages = live?.entries.map((entry) => entry?.images[0]);
    expect(new Set(liveImages).size).toBe(3);
    await first.close();

    // A new page: empty stores and image map; only the database remains.
    editor = await bootEditor({ dbName });
    const restored = editor.runStore.useRunStore.getState().nodes.gen;
    expect(restored?.elements?.count).toBe(3);
    expect(restored?.elements?.entries.map((entry) => entry?.images[0])).toEqual(liveImages);
    // Each element keeps the instance a per-element re-roll names.
    expect(restored?.elements?.entries.map((entry) => entry?.instanceId)).toEqual([
      'gen[1]',
      'gen[2]',
      'gen[3]',
    ]);
    expect(restored?.status).toBe('done');
    expect(screen.getByTestId('elements-progress-gen').textContent).toBe('3 elements');
    const strip = screen.getByTestId('element-strip-gen');
    expect(strip.querySelectorAll('.element-thumb')).toHaveLength(3);
    expect([...strip.querySelectorAll('.element-index')].map((badge) => badge.textContent)).toEqual([
      '1',
      '2',
      '3',
    ]);
    // The thumbnails come back from the blob store. Looked up afresh each time: the tab's saved
    // viewport (zoom 0.18) is put back a frame after mounting, and the node's compact body
    // (level of detail) then mounts a new strip in place of the one found above.
    await waitFor(() =>
      expect(screen.getByTestId('element-strip-gen').querySelectorAll('img[src^="blob:"]')).toHaveLength(3),
    );
    expect(editor.runStore.useRunStore.getState().running).toBe(false);

    // Re-running is all cache: the strip was not a stand-in for work still to do.
    await runAndWait(editor);
    expect(editor.runStore.useRunStore.getState().totals?.calls).toBe(0);
  });

  it('a newer run of the node unmapped wins over older elements', async () => {
    editor = await bootEditor({ dbName });
    const first = editor;
    const plain = first.documentStore.useDocumentStore.getState().doc;
    act(() => first.session.replaceDocument(mapped(plain)));
    await runAndWait(first);
    act(() => first.session.replaceDocument(plain));
    await runAndWait(first);
    expect(first.runStore.useRunStore.getState().nodes.gen?.outputs?.images).toHaveLength(1);
    await first.close();

    editor = await bootEditor({ dbName });
    const restored = editor.runStore.useRunStore.getState().nodes.gen;
    expect(restored?.elements).toBeUndefined();
    expect(restored?.outputs?.images).toHaveLength(1);
    expect(screen.queryByTestId('element-strip-gen')).toBeNull();
  });
});
