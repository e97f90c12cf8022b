import { useEffect } from 'react';
import { restoreWorkflow } from '../panels/library/library-actions';
import { dismissNotice, usePersistenceStore } from './state';
import { flushSave, reloadFromStore, saveCopyOfCurrent, takeOver } from './workflow-session';

const UNDO_MS = 10_000;

function reloadPage(): void {
  void flushSave().finally(() => globalThis.location?.reload());
}

/** Read-only, conflict, schema and storage messages. All text is rendered as text, never HTML. */
export function StorageBanners() {
  const state = usePersistenceStore();
  const trashed = state.trashed;
  const readOnly = state.readOnly !== null;
  useEffect(() => {
    // Editing is paused while another tab writes: the canvas and palette stop taking input.
    document.documentElement.classList.toggle('peel-read-only', readOnly);
    return () => document.documentElement.classList.remove('peel-read-only');
  }, [readOnly]);
  useEffect(() => {
    if (!trashed) return;
    const timer = setTimeout(() => usePersistenceStore.setState({ trashed: null }), UNDO_MS);
    return () => clearTimeout(timer);
  }, [trashed]);
  return (
    <div className="storage-banners">
      {state.memoryReason && (
        <p className="banner warning" data-testid="memory-banner" role="alert">
          {state.memoryReason}
        </p>
      )}
      {state.readOnly && (
        <div className="banner warning" data-testid="readonly-banner" role="alert">
          <span>
            {state.readOnly === 'taken-over'
              ? 'Another tab took over this workflow — editing here is paused.'
              : 'Open in another tab — editing here is paused.'}
          </span>
          <button type="button" data-testid="take-over" onClick={() => void takeOver()}>
            Take over
          </button>
        </div>
      )}
      {state.conflict && (
        <div className="banner error" data-testid="conflict-banner" role="alert">
          <span>{state.conflict}</span>
          <button type="button" data-testid="conflict-reload" onClick={() => void reloadFromStore()}>
            Reload the saved version
          </button>
          <button type="button" data-testid="conflict-copy" onClick={() => void saveCopyOfCurrent()}>
            Keep mine as a copy
          </button>
        </div>
      )}
      {state.versionChange && (
        <div className="banner warning" data-testid="version-banner" role="alert">
          <span>Peel was updated in another tab. Your work was saved; reload this tab to keep editing.</span>
          <button type="button" onClick={reloadPage}>
            Reload
          </button>
        </div>
      )}
      {state.blocked && (
        <p className="banner warning" data-testid="blocked-banner" role="alert">
          Peel needs to update its storage: close the other Peel tabs (or reload them) to continue.
        </p>
      )}
      {state.notices.map((notice) => (
        <div key={notice.id} className={`banner ${notice.kind}`} data-testid="storage-notice" role="alert">
          <span>{notice.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => dismissNotice(notice.id)}>
            ×
          </button>
        </div>
      ))}
      {trashed && (
        <div className="banner" data-testid="undo-delete" role="status">
          <span>Moved “{trashed.name}” to the trash.</span>
          <button
            type="button"
            data-testid="undo-delete-button"
            onClick={() => void restoreWorkflow(trashed.id)}
          >
            Undo
          </button>
        </div>
      )}
    </div>
  );
}
