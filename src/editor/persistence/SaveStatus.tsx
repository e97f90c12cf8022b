import { type PersistenceState, usePersistenceStore } from './state';
import { flushSave, reloadFromStore } from './workflow-session';

type Shown = { state: string; text: string };

export function saveStatusText(
  state: Pick<PersistenceState, 'mode' | 'readOnly' | 'save'> &
    Partial<Pick<PersistenceState, 'historyWrites' | 'workflowId'>>,
): Shown {
  if (state.mode === 'opening') return { state: 'opening', text: 'Opening…' };
  if (state.mode === 'memory') return { state: 'memory', text: 'Not saved: no storage in this browser' };
  if (state.readOnly) return { state: 'read-only', text: 'Read-only (open in another tab)' };
  // Storage is open but no workflow is yet (a link's file or a first visit's template is being
  // stored, or another tab's workflow is opening): nothing on screen is saved, so "Saved" would be
  // untrue. It also changes the status in the same frame as the tab bar, not one frame earlier.
  if (state.workflowId === null && state.save.state !== 'error')
    return { state: 'opening', text: 'Opening…' };
  switch (state.save.state) {
    case 'idle':
    case 'saved':
      return (state.historyWrites ?? 0) > 0
        ? { state: 'saving', text: 'Saving…' }
        : { state: 'saved', text: 'Saved' };
    case 'pending':
    case 'saving':
      return { state: 'saving', text: 'Saving…' };
    case 'error':
      return { state: 'error', text: `Save failed: ${state.save.message.replace(/^Not saved: /, '')}` };
  }
}

/** Saved / Saving… / Save failed: reason (with Retry, or Reload on a conflict). */
export function SaveStatus() {
  const mode = usePersistenceStore((state) => state.mode);
  const readOnly = usePersistenceStore((state) => state.readOnly);
  const save = usePersistenceStore((state) => state.save);
  const historyWrites = usePersistenceStore((state) => state.historyWrites);
  const workflowId = usePersistenceStore((state) => state.workflowId);
  const shown = saveStatusText({ mode, readOnly, save, historyWrites, workflowId });
  const conflict = save.errorCode === 'conflict';
  return (
    <span
      className={`save-status save-${shown.state}`}
      data-testid="save-status"
      data-state={shown.state}
      role="status"
    >
      <span className="save-status-text">{shown.text}</span>
      {shown.state === 'error' && !conflict && (
        <button type="button" data-testid="save-retry" onClick={() => void flushSave()}>
          Retry
        </button>
      )}
      {shown.state === 'error' && conflict && (
        <button type="button" data-testid="save-reload" onClick={() => void reloadFromStore()}>
          Reload
        </button>
      )}
    </span>
  );
}
