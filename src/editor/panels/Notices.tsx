import { useEffect } from 'react';
import { ImportDialog } from '../io/ImportDialog';
import { useDiagnosticsStore } from '../run/diagnostics';
import { useRunStore } from '../store/run-store';
import { useViewStore, view } from '../store/view-store';
import { dismissHint } from '../templates/startup';

const TOAST_MS = 6000;

/** Import reports, the first-visit hint, transient messages and graph-level problems (cycles, stopped runs). */
export function Notices() {
  const hint = useViewStore((state) => state.hintVisible);
  const toast = useViewStore((state) => state.toast);
  const graphErrors = useDiagnosticsStore((state) => state.graphErrors);
  const runError = useRunStore((state) => (state.running ? null : state.lastError));
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => view.toast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);
  return (
    <div className="notices">
      {/* In this one column with the hint and toasts, an import's report never covers them. */}
      <ImportDialog />
      {hint && (
        <div className="hint" data-testid="first-run-hint" role="note">
          <p>
            <strong>Welcome to Peel.</strong> Edit the prompt, then press <kbd>Run</kbd> (Ctrl/⌘+Enter). Drag
            nodes from the left, or double-click the canvas to add one. No API key yet? Turn on the preview
            provider in Settings.
          </p>
          <button type="button" data-testid="dismiss-hint" onClick={dismissHint}>
            Got it
          </button>
        </div>
      )}
      {graphErrors.map((message) => (
        <p key={message} className="notice error" role="alert">
          {message}
        </p>
      ))}
      {runError && (
        <p className="notice error" data-testid="run-error" role="alert">
          The run stopped: {runError}
        </p>
      )}
      {toast && (
        <p className="notice" data-testid="toast" role="status">
          {toast}
        </p>
      )}
    </div>
  );
}
