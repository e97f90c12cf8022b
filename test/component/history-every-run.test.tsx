// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootEditor, type Editor, inspect, settle, shownStatus, uniqueDbName } from './persistence-harness';

let editor: Editor | undefined;
let dbName: string;

beforeEach(() => {
  localStorage.clear();
  // The preview provider: free and offline, and still a model call the engine counts.
  localStorage.setItem('peel.settings', JSON.stringify({ provider: 'preview' }));
  dbName = uniqueDbName();
});
afterEach(async () => {
  await editor?.close();
  editor = undefined;
});

describe('history records every run path', () => {
  it('before any run, History says what it will list instead of empty spend tables', async () => {
    editor = await bootEditor({ dbName });
    fireEvent.click(screen.getByTestId('history-button'));
    const panel = await screen.findByTestId('history-panel');
    const empty = await within(panel).findByTestId('history-empty');
    expect(empty.textContent).toContain('No runs yet');
    expect(within(panel).queryByTestId('spend-per-day')).toBeNull();
    expect(within(panel).queryByTestId('spend-per-workflow')).toBeNull();
    expect(within(panel).queryByText('Spend per day')).toBeNull();
  });

  it('a Form run and each Batch row are in History with their source, calls and cost', async () => {
    editor = await bootEditor({ dbName });
    const form = await import('../../src/editor/panels/run-form/run-form-store');
    const batchStore = await import('../../src/editor/panels/batch/batch-store');
    const batchRunner = await import('../../src/editor/panels/batch/batch-runner');
    const recording = await import('../../src/editor/persistence/recording');

    // The text-to-image template exposes its prompt as "prompt".
    act(() => form.setFormValue('prompt', { kind: 'text', text: 'a form-run heron' }));
    await act(() => form.runForm());
    expect(form.useRunFormStore.getState().problems).toEqual([]);
    expect(form.useRunFormStore.getState().outcome?.status).toBe('ok');

    act(() => batchStore.loadBatchCsv('prompt\na batch fox\na batch moth\n', 'rows.csv'));
    await waitFor(() => expect(batchStore.useBatchStore.getState().estimate).not.toBeNull());
    await act(() => batchRunner.runBatchRows());
    expect(batchStore.useBatchStore.getState().results.map((row) => row.status)).toEqual(['ok', 'ok']);
    await act(() => recording.historyWritesSettled());
    await settle();

    const store = await inspect(dbName);
    const runs = await store.runs.list({ limit: 10 });
    store.close();
    expect(runs.map((run) => [run.source, run.row, run.status, run.totals.calls]).sort()).toEqual([
      ['batch', 1, 'ok', 1],
      ['batch', 2, 'ok', 1],
      ['form', 1, 'ok', 1],
    ]);

    // The History panel lists them, each with its source and cost.
    fireEvent.click(screen.getByTestId('history-button'));
    const panel = await screen.findByTestId('history-panel');
    await waitFor(() => expect(within(panel).getAllByTestId('history-source')).toHaveLength(3));
    const sources = within(panel)
      .getAllByTestId('history-source')
      .map((element) => element.textContent);
    expect(sources.sort()).toEqual(['Batch row 1', 'Batch row 2', 'Form']);
    expect(
      within(panel)
        .getAllByTestId('history-cost')
        .map((element) => element.textContent),
    ).toEqual(['$0.00', '$0.00', '$0.00']);
    expect(within(panel).getByTestId('spend-per-day').textContent).toContain('3 runs');
  });

  it('Form and Batch runs do not paint their outputs onto the graph after a reload', async () => {
    editor = await bootEditor({ dbName });
    const form = await import('../../src/editor/panels/run-form/run-form-store');
    const recording = await import('../../src/editor/persistence/recording');
    act(() => form.setFormValue('prompt', { kind: 'text', text: 'only in the form' }));
    await act(() => form.runForm());
    await act(() => recording.historyWritesSettled());
    await editor.close();

    editor = await bootEditor({ dbName });
    await settle();
    expect(shownStatus('gen')).toBe('idle');
  });
});
