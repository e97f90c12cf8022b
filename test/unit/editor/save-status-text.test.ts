import { describe, expect, it } from 'vitest';
import { saveStatusText } from '../../../src/editor/persistence/SaveStatus';

const ready = { mode: 'indexeddb', readOnly: null } as const;

describe('saveStatusText', () => {
  it('says "Saving…" while a finished run\'s history is written, "Saved" once it is', () => {
    const save = { state: 'saved', message: '' } as const;
    expect(saveStatusText({ ...ready, save, historyWrites: 1 })).toEqual({
      state: 'saving',
      text: 'Saving…',
    });
    expect(saveStatusText({ ...ready, save, historyWrites: 0 })).toEqual({ state: 'saved', text: 'Saved' });
    expect(saveStatusText({ ...ready, save: { state: 'idle', message: '' }, historyWrites: 2 }).state).toBe(
      'saving',
    );
  });

  it('a failed document save still reads as failed while history is written', () => {
    const shown = saveStatusText({
      ...ready,
      save: { state: 'error', message: 'Not saved: disk full' },
      historyWrites: 1,
    });
    expect(shown).toEqual({ state: 'error', text: 'Save failed: disk full' });
  });

  it('says "Opening…", not "Saved", while storage is open but holds no workflow for the screen yet', () => {
    const idle = { state: 'idle', message: 'No changes' } as const;
    expect(saveStatusText({ ...ready, save: idle, workflowId: null })).toEqual({
      state: 'opening',
      text: 'Opening…',
    });
    // Once the workflow is stored (it has an id), it is saved.
    expect(saveStatusText({ ...ready, save: idle, workflowId: 'wf-1' })).toEqual({
      state: 'saved',
      text: 'Saved',
    });
    // A workflow that could not be stored says why, not "Opening…".
    expect(
      saveStatusText({
        ...ready,
        save: { state: 'error', message: 'Not saved: disk full' },
        workflowId: null,
      }),
    ).toEqual({ state: 'error', text: 'Save failed: disk full' });
  });
});
