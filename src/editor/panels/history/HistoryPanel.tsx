import { useEffect, useState } from 'react';
import { formatUsd } from '../../../engine/cost';
import { ROUTE_LABELS, type RouteId } from '../../../engine/route-models';
import type { DailySpend, RunRecord, WorkflowSpend } from '../../../persistence';
import { Thumb } from '../../node-ui/Thumb';
import { getPeelStore, usePersistenceStore } from '../../persistence/state';
import { useViewStore, view } from '../../store/view-store';
import { count } from '../../text/count';
import { rerun } from './history-actions';
import { RunOutputs } from './RunOutputs';

interface HistoryData {
  runs: RunRecord[];
  days: DailySpend[];
  workflows: WorkflowSpend[];
}

const SHOWN_DAYS = 14;

async function loadHistory(): Promise<HistoryData> {
  const store = getPeelStore();
  if (!store) return { runs: [], days: [], workflows: [] };
  const [runs, days, workflows] = await Promise.all([
    store.runs.list({ limit: 100 }),
    store.runs.spendPerDay(),
    store.runs.spendPerWorkflow(),
  ]);
  return { runs, days: days.slice(-SHOWN_DAYS).reverse(), workflows };
}

function RunRow({ run }: { run: RunRecord }) {
  const [expanded, setExpanded] = useState(false);
  return (
    <li className="history-row" data-testid={`history-run-${run.id}`}>
      <div className="history-line">
        <span className="history-time">{new Date(run.startedAt).toLocaleString()}</span>
        <span className={`history-status run-${run.status}`} data-testid="history-status">
          {run.status}
        </span>
        <span data-testid="history-cost">{formatUsd(run.totals.costUsd)}</span>
      </div>
      <div className="history-line">
        <span className="history-workflow">{run.workflowName}</span>
        <span className="history-source" data-testid="history-source">
          {run.source === 'form' ? 'Form' : run.source === 'batch' ? `Batch row ${run.row}` : 'Editor'}
        </span>
        <small>
          {count(run.totals.calls, 'call')} · {run.totals.cachedNodes} cached
          {run.route && run.totals.calls > 0 ? (
            <span data-testid="history-route"> · via {ROUTE_LABELS[run.route as RouteId] ?? run.route}</span>
          ) : null}
        </small>
      </div>
      <div className="history-thumbs">
        {run.outputHashes.slice(0, 4).map((hash) => (
          <Thumb key={hash} hash={hash} alt="run output" className="history-thumb" />
        ))}
      </div>
      <div className="history-actions">
        <button
          type="button"
          data-testid="history-open"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Hide outputs' : 'Outputs'}
        </button>
        <button type="button" data-testid="history-rerun" onClick={() => void rerun(run)}>
          Re-run
        </button>
      </div>
      {expanded && <RunOutputs run={run} />}
    </li>
  );
}

/** Recorded runs, newest first, with spend per day and per workflow. */
export function HistoryPanel() {
  const open = useViewStore((state) => state.panel === 'history');
  const tick = usePersistenceStore((state) => state.revisionTick);
  const [data, setData] = useState<HistoryData | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    void tick; // refresh when a run finished recording
    void loadHistory().then((next) => {
      if (live) setData(next);
    });
    return () => {
      live = false;
    };
  }, [open, tick]);
  if (!open) return null;
  return (
    <section className="side-panel history" data-testid="history-panel" aria-label="Run history">
      <header>
        <h2>History</h2>
        <button type="button" aria-label="Close history" onClick={() => view.openPanel(null)}>
          ×
        </button>
      </header>
      {data === null && <p>Loading…</p>}
      {data && data.runs.length === 0 && (
        // Empty spend tables under their headings read as broken: one line says what will be here.
        <p className="history-empty" data-testid="history-empty">
          No runs yet. Every run (Run, run to the selection, re-roll, Form and Batch) is listed here with what
          it cost, with the spend per day and per workflow.
        </p>
      )}
      {data && data.runs.length > 0 && (
        <>
          <h3>Spend per day</h3>
          <table className="spend-table" data-testid="spend-per-day">
            <tbody>
              {data.days.map((day) => (
                <tr key={day.day}>
                  <th scope="row">{day.day}</th>
                  <td>{formatUsd(day.costUsd)}</td>
                  <td>{count(day.runs, 'run')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Spend per workflow</h3>
          <table className="spend-table" data-testid="spend-per-workflow">
            <tbody>
              {data.workflows.map((entry) => (
                <tr key={entry.workflowId}>
                  <th scope="row">{entry.workflowName}</th>
                  <td>{formatUsd(entry.costUsd)}</td>
                  <td>{count(entry.runs, 'run')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Runs</h3>
          <ul className="history-list">
            {data.runs.map((run) => (
              <RunRow key={run.id} run={run} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
