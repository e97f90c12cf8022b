// @vitest-environment jsdom
import './setup-dom';
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { promptGenerateExport } from '../helpers/workflows';
import { type FaultPlan, faultMiddleware, quotaError } from '../unit/persistence/helpers';
import { bootEditor, type Editor, uniqueDbName } from './persistence-harness';

let editor: Editor | undefined;
let dbName: string;

beforeEach(() => {
  localStorage.clear();
  // The preview provider: free and offline, and still a model call the engine caches.
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

const notices = () => screen.queryAllByTestId('storage-notice').map((notice) => notice.textContent ?? '');

describe('a run whose results cannot be cached (issue 11 item 3)', () => {
  for (const [label, error] of [
    ['a failed write', () => new Error('disk unplugged')],
    ['a full disk', quotaError],
  ] as const) {
    it(`${label}: the storage banner says so once per run; the outputs are still shown`, async () => {
      const plan: { current?: FaultPlan; puts: number } = { puts: 0 };
      editor = await bootEditor({
        dbName,
        storeOptions: { beforeOpen: (db) => db.use(faultMiddleware(plan)) },
      });
      act(() => editor?.documentStore.commands.loadWorkflow(promptGenerateExport(['a fox', 'a hare'])));
      plan.current = { table: 'cache', failOn: () => true, error };
      await runAndWait(editor);
      const state = editor.runStore.useRunStore.getState();
      expect(state.nodes.g0?.status).toBe('done');
      expect(state.nodes.g1?.status).toBe('done');
      expect(state.nodes.g0?.outputs?.images).toHaveLength(1);
      // Two results could not be cached: one banner, saying what it costs.
      const cacheNotices = notices().filter((text) => /in the cache/.test(text));
      expect(cacheNotices).toHaveLength(1);
      expect(cacheNotices[0]).toMatch(/later runs will pay for it again/);
      expect(cacheNotices[0]).toMatch(label === 'a full disk' ? /Browser storage is full/ : /disk unplugged/);
      expect(cacheNotices[0]).toMatch(/Saved workflows are not affected/);
      // Nothing was cached, so the next run pays again, and says so again.
      act(() => {
        for (const notice of editor?.state.usePersistenceStore.getState().notices ?? [])
          editor?.state.dismissNotice(notice.id);
      });
      await runAndWait(editor);
      expect(editor.runStore.useRunStore.getState().totals?.calls).toBe(2);
      expect(notices().filter((text) => /in the cache/.test(text))).toHaveLength(1);
    });
  }
});
