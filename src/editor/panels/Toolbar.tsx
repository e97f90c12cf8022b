import { useReactFlow } from '@xyflow/react';
import { formatUsd } from '../../engine/cost';
import { autoLayout } from '../canvas/layout';
import { IoButtons } from '../io/IoButtons';
import { PersistenceButtons } from '../persistence/PersistenceButtons';
import { useDiagnosticsStore } from '../run/diagnostics';
import { cancelRun, startRun } from '../run/run-controller';
import { count } from '../text/count';
import { useSettingsStore } from '../settings/settings-store';
import { commands, useDocumentStore } from '../store/document-store';
import { useRunStore } from '../store/run-store';
import { useViewStore, view } from '../store/view-store';
import { ModeButtons } from './run-form/ModeButtons';
import { TemplateMenu } from './TemplateMenu';

/** "2 problems": an invalid graph says so instead of estimating; a click shows the first one. */
function Problems({ total, first }: { total: number; first: string | undefined }) {
  const flow = useReactFlow();
  return (
    <button
      type="button"
      className="problems-button"
      data-testid="problems-button"
      title={first ? 'Show the first problem' : 'The workflow cannot run yet'}
      onClick={() => {
        if (!first) return;
        view.select([first]);
        void flow.fitView({ nodes: [{ id: first }], padding: 0.6, duration: 200, maxZoom: 1 });
      }}
    >
      ⚠ {count(total, 'problem')}
    </button>
  );
}

function Estimate() {
  const running = useRunStore((state) => state.running);
  const nodeErrors = useDiagnosticsStore((state) => state.nodeErrors);
  const graphErrors = useDiagnosticsStore((state) => state.graphErrors.length);
  const budget = useSettingsStore((state) => state.budgetUsd);
  const estimate = useRunStore((state) => state.estimate);
  const progress = useRunStore((state) => state.progress);
  const spent = useRunStore((state) => state.spentUsd);
  const totals = useRunStore((state) => state.totals);
  const lastStatus = useRunStore((state) => state.lastStatus);
  const preview = useSettingsStore((state) => state.provider === 'preview');
  const problemNodes = Object.entries(nodeErrors).filter(([, errors]) => errors.length > 0);
  const problemCount = graphErrors + problemNodes.reduce((sum, [, errors]) => sum + errors.length, 0);
  const overBudget =
    !running && !preview && budget !== null && estimate?.usd != null && estimate.usd > budget;
  let text: string;
  if (running) text = `Running ${progress.done} of ${progress.total} · spent ${formatUsd(spent)}`;
  else if (!estimate) text = 'Estimating…';
  else {
    const cached = estimate.cachedNodes > 0 ? ` · ${estimate.cachedNodes} cached` : '';
    const usd = preview ? 'free (preview)' : `≈ ${formatUsd(estimate.usd)}`;
    text = `Next run: ${count(estimate.calls, 'call')}${cached} · ${usd}`;
  }
  return (
    <div className="estimate" data-testid="estimate" aria-live="polite">
      {!running && problemCount > 0 ? (
        <Problems total={problemCount} first={problemNodes[0]?.[0]} />
      ) : (
        <span data-testid="estimate-text">{text}</span>
      )}
      {overBudget && (
        <span className="budget-warning" data-testid="budget-warning" role="status">
          over your {formatUsd(budget)} budget: the run stops before passing it
        </span>
      )}
      {!running && totals && (
        <span className="last-run" data-testid="last-run">
          Last run {lastStatus}: {count(totals.calls, 'call')}, {totals.cachedNodes} cached, cost{' '}
          {formatUsd(totals.costUsd)}
        </span>
      )}
    </div>
  );
}

export function Toolbar() {
  const running = useRunStore((state) => state.running);
  const canUndo = useDocumentStore((state) => state.past.length > 0);
  const canRedo = useDocumentStore((state) => state.future.length > 0);
  const name = useDocumentStore((state) => state.doc.name);
  const selectionSize = useViewStore((state) => state.selectedNodes.size);
  const flow = useReactFlow();
  const selected = () => [...useViewStore.getState().selectedNodes];
  return (
    <header className="toolbar" role="toolbar" aria-label="Workflow">
      <span className="brand">Peel</span>
      <input
        className="workflow-name"
        aria-label="Workflow name"
        data-testid="workflow-name"
        value={name}
        maxLength={200}
        onChange={(event) => commands.renameWorkflow(event.target.value)}
      />
      <TemplateMenu />
      <div className="toolbar-group">
        <button
          type="button"
          data-testid="undo-button"
          disabled={!canUndo}
          onClick={commands.undo}
          title="Undo (Ctrl/⌘+Z)"
        >
          Undo
        </button>
        <button
          type="button"
          data-testid="redo-button"
          disabled={!canRedo}
          onClick={commands.redo}
          title="Redo (Ctrl/⌘+Shift+Z)"
        >
          Redo
        </button>
        <button
          type="button"
          data-testid="layout-button"
          title="Auto-layout (Shift+L)"
          onClick={() => {
            commands.layoutNodes(
              autoLayout(useDocumentStore.getState().doc, useViewStore.getState().measured),
            );
            requestAnimationFrame(() => void flow.fitView({ padding: 0.2, duration: 200 }));
          }}
        >
          Tidy
        </button>
        <button
          type="button"
          data-testid="fit-button"
          title="Fit view (F)"
          onClick={() => void flow.fitView({ padding: 0.2, duration: 200 })}
        >
          Fit
        </button>
      </div>
      <div className="toolbar-group run-group">
        {running ? (
          <button type="button" className="danger" data-testid="cancel-button" onClick={cancelRun}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            data-testid="run-button"
            onClick={() => void startRun()}
            title="Run (Ctrl/⌘+Enter)"
          >
            ▶ Run
          </button>
        )}
        <button
          type="button"
          data-testid="run-to-button"
          disabled={running || selectionSize === 0}
          onClick={() => void startRun({ targets: selected() })}
          title="Run only what the selected nodes need"
        >
          Run to selected
        </button>
        <button
          type="button"
          data-testid="reroll-button"
          disabled={running || selectionSize === 0}
          onClick={() => void startRun({ reroll: selected() })}
          title="Run the selected nodes again, ignoring the cache"
        >
          Re-roll
        </button>
      </div>
      <Estimate />
      <IoButtons />
      <ModeButtons />
      <PersistenceButtons />
      <div className="toolbar-group toolbar-end">
        <button
          type="button"
          data-testid="help-button"
          onClick={() => view.togglePanel('help')}
          title="Keyboard shortcuts (?)"
        >
          Help
        </button>
        <button type="button" data-testid="settings-button" onClick={() => view.togglePanel('settings')}>
          Settings
        </button>
      </div>
    </header>
  );
}
