// @vitest-environment jsdom
/**
 * A run on a full disk: history and the cache both fail to save, and the store finds nothing to
 * clear. The editor shows one banner that lists what was not saved (it used to stack five: two
 * "nothing left to clear" reports, the cache warning, and history's failure twice, once with and
 * once without "Saved workflows are not affected").
 */
import './setup-dom';
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { promptGenerateExport } from '../helpers/workflows';
import { type FaultPlan, faultMiddleware, quotaError } from '../unit/persistence/helpers';
import { bootEditor, previewEditorEachTest, settle, uniqueDbName } from './persistence-harness';

const slot = previewEditorEachTest();

const notices = () => screen.queryAllByTestId('storage-notice').map((notice) => notice.textContent ?? '');
/** The notices' own text (the banner's text content also holds its dismiss button's "×"). */
const texts = () =>
  slot.editor?.state.usePersistenceStore.getState().notices.map((notice) => notice.text) ?? [];

describe('storage full: one banner', () => {
  it('a run whose history and results cannot be saved shows one banner naming both', async () => {
    const full: { puts: number; current?: FaultPlan } = { puts: 0 };
    const editor = await bootEditor({
      dbName: uniqueDbName(),
      storeOptions: { beforeOpen: (db) => db.use(faultMiddleware(full)) },
    });
    slot.editor = editor;
    act(() => editor.documentStore.commands.loadWorkflow(promptGenerateExport(['a fox'])));
    await settle();
    full.current = { table: ['runs', 'cache'], failOn: () => true, error: quotaError };
    await act(() => editor.runController.startRun());
    await waitFor(() => expect(editor.runStore.useRunStore.getState().running).toBe(false));
    // History is written after the run; wait for those writes, then for what they report.
    const { historyWritesSettled } = await import('../../src/editor/persistence/recording');
    await act(() => historyWritesSettled());
    await waitFor(() => expect(notices().join(' ')).toContain('run history'));
    await settle();
    const shown = texts();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatch(/^Browser storage is full: could not save /);
    expect(shown[0]).toContain('run history');
    expect(shown[0]).toContain('the result of "g0" in the cache');
    expect(shown[0]).toMatch(
      /could not save [^.]*\. This run keeps it, but later runs will pay for it again until the cache can be written\./,
    );
    expect(shown[0]).toContain('Saved workflows are not affected.');
    // The run itself is fine.
    expect(editor.runStore.useRunStore.getState().nodes.g0?.status).toBe('done');
  });

  it('grows in place, lists each thing once, and starts again once dismissed', async () => {
    const editor = await bootEditor({ dbName: uniqueDbName() });
    slot.editor = editor;
    const { reportStorageFull } = await import('../../src/editor/persistence/storage-full');
    const { usePersistenceStore, dismissNotice, addNotice } = editor.state;
    act(() => {
      addNotice('info', 'Another message.');
      reportStorageFull('run history');
    });
    const first = usePersistenceStore.getState().notices[1];
    act(() => {
      reportStorageFull('setting "theme"');
      reportStorageFull('run history');
    });
    const [, banner] = usePersistenceStore.getState().notices;
    expect(banner?.id).toBe(first?.id);
    expect(banner?.text).toContain('could not save run history and setting "theme". Saved workflows');
    // A workflow's own save failed: its stored version stays, which is what the banner says.
    act(() => reportStorageFull('workflow "Kites"', { workflow: true }));
    const workflowBanner = usePersistenceStore.getState().notices[1]?.text ?? '';
    expect(workflowBanner).toContain('run history, setting "theme" and workflow "Kites".');
    expect(workflowBanner).toContain('The last saved version of each workflow is kept.');
    expect(workflowBanner).not.toContain('not affected');
    // What not saving costs is said once, after the list, however often it happens.
    act(() => {
      reportStorageFull('the result of "g0" in the cache', { consequence: 'Later runs pay again.' });
      reportStorageFull('the result of "g1" in the cache', { consequence: 'Later runs pay again.' });
    });
    expect(usePersistenceStore.getState().notices[1]?.text).toMatch(
      /"g0" in the cache and the result of "g1" in the cache\. Later runs pay again\. The last saved version of each workflow is kept\. Delete/,
    );
    act(() => dismissNotice(first?.id ?? -1));
    act(() => reportStorageFull('a cached output'));
    expect(notices()).toHaveLength(2);
    expect(texts()).toEqual([
      'Another message.',
      'Browser storage is full: could not save a cached output. Saved workflows are not affected. Delete workflows you no longer need, or free space used by other sites.',
    ]);
  });
});
