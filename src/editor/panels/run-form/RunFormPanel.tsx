import '../batch/batch.css';
import { useEffect, useMemo } from 'react';
import { formatUsd } from '../../../engine/cost';
import type { RunEstimate } from '../../../engine/events';
import { exposedInputs } from '../../../engine/inputs';
import { useDocumentStore } from '../../store/document-store';
import { useViewStore, view } from '../../store/view-store';
import { count } from '../../text/count';
import { InputField } from './InputField';
import { ResultImages } from './ResultImages';
import { cancelForm, refreshFormEstimate, runForm, setFormValue, useRunFormStore } from './run-form-store';

export function estimateText(
  estimate: RunEstimate | { calls: number; usd: number | null; cachedNodes: number },
) {
  const calls = count(estimate.calls, 'call');
  const cached = estimate.cachedNodes > 0 ? `, ${estimate.cachedNodes} cached` : '';
  return `${calls}${cached} · ≈ ${formatUsd(estimate.usd)}`;
}

/**
 * The workflow as a simple app (like ComfyUI's App mode): its exposed inputs as a form. Running
 * applies the values to a copy; the document and its history stay as they are.
 */
export function RunFormPanel() {
  const open = useViewStore((state) => state.panel === 'run-form');
  const doc = useDocumentStore((state) => state.doc);
  const form = useRunFormStore();
  const inputs = useMemo(() => exposedInputs(doc), [doc]);
  const nodes = useMemo(() => new Map(doc.nodes.map((node) => [node.id, node])), [doc]);
  const valuesKey = JSON.stringify(form.values);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-estimate when the document or the values change.
  useEffect(() => {
    if (open) void refreshFormEstimate();
  }, [open, doc, valuesKey]);
  if (!open) return null;
  const outcome = form.outcome;
  return (
    <section className="side-panel run-form" data-testid="run-form-panel" aria-label="Run form">
      <header>
        <h2>Run with inputs</h2>
        <button type="button" aria-label="Close run form" onClick={() => view.openPanel(null)}>
          ×
        </button>
      </header>
      {inputs.length === 0 ? (
        <p className="panel-hint" data-testid="run-form-empty">
          This workflow exposes no inputs. Give a prompt, reference set or model node an input name to see it
          here.
        </p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void runForm();
          }}
        >
          {inputs.map((input) => (
            <InputField
              key={input.name}
              input={input}
              node={nodes.get(input.nodeId)}
              value={form.values[input.name]}
              onChange={(value) => setFormValue(input.name, value)}
            />
          ))}
          <p className="estimate-line" data-testid="run-form-estimate">
            {form.estimate ? `Estimate: ${estimateText(form.estimate)}` : 'Estimating…'}
          </p>
          <div className="panel-actions">
            {form.running ? (
              <button type="button" className="danger" data-testid="run-form-cancel" onClick={cancelForm}>
                Cancel
              </button>
            ) : (
              <button type="submit" className="primary" data-testid="run-form-run">
                ▶ Run
              </button>
            )}
          </div>
        </form>
      )}
      {form.problems.map((problem) => (
        <p key={problem} className="node-problem" role="alert" data-testid="run-form-problem">
          {problem}
        </p>
      ))}
      {form.running && <p data-testid="run-form-running">Running…</p>}
      {outcome && (
        <div className="run-form-outcome" data-testid="run-form-outcome">
          <p data-testid="run-form-cost">
            {outcome.status === 'ok' ? 'Done' : outcome.status === 'cancelled' ? 'Cancelled' : 'Failed'}:{' '}
            {count(outcome.calls, 'call')}, {outcome.cachedNodes} cached, cost {formatUsd(outcome.costUsd)}
          </p>
          {outcome.problems.map((problem) => (
            <p key={problem} className="node-problem">
              {problem}
            </p>
          ))}
          <ResultImages
            hashes={outcome.images}
            workflow={outcome.workflow}
            label="result"
            testId="run-form-results"
          />
        </div>
      )}
    </section>
  );
}
