import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { closeTab } from './tabs';
import { useTabsStore } from './tabs-store';

/**
 * Closing a tab whose run is going asks first: cancel the run and close, or keep it running.
 * An alert dialog (focus on the safe choice, Escape keeps the tab); the run is recorded in
 * History either way.
 */
export function CloseRunningTab() {
  const askId = useTabsStore((state) => state.closeAsk);
  const name = useTabsStore((state) => state.tabs.find((tab) => tab.id === state.closeAsk)?.name);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (askId) keep.current?.focus();
  }, [askId]);
  if (!askId) return null;
  const dismiss = () => useTabsStore.setState({ closeAsk: null });
  return createPortal(
    <div
      className="tab-close-dialog"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="tab-close-title"
      aria-describedby="tab-close-text"
      data-testid="tab-close-dialog"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        dismiss();
      }}
    >
      <h3 id="tab-close-title">Close “{name || 'Untitled'}”?</h3>
      <p id="tab-close-text">
        Its run is still going. Closing the tab cancels the run; calls already made stay in History and in the
        cache.
      </p>
      <div className="tab-close-actions">
        <button
          type="button"
          className="tab-close-confirm"
          data-testid="tab-close-cancel-run"
          onClick={() => void closeTab(askId, { cancelRun: true })}
        >
          Cancel the run and close
        </button>
        <button type="button" ref={keep} data-testid="tab-close-keep" onClick={dismiss}>
          Keep it running
        </button>
      </div>
    </div>,
    document.body,
  );
}
