import { type PersistenceState, usePersistenceStore } from './state';
import { flushSave, reloadFromStore } from './workflow-session';

type Shown = { state: string; text: string };

export function saveStatusText(
  state: Pick<PersistenceState, 'mode' | 'readOnly' | 'save'> &
    Partial<Pick<PersistenceState, 'historyWrites'>>,
): Shown {
  if (state.mode === 'opening') return { state: 'opening', text: 'Opening…' };
  if (state.mode === 'memory') return { state: 'memory', text: 'Not saved: no storage in this browser' };
  if (state.readOnly) return { state: 'read-only', text: 'Read-only (open in another tab)' };
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
  const shown = saveStatusText({ mode, readOnly, save, historyWrites });
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
