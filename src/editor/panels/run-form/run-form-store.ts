import { create } from 'zustand';
import type { RunEstimate } from '../../../engine/events';
import type { InputValue } from '../../../engine/inputs';
import type { Workflow } from '../../../engine/workflow';
import { useDocumentStore } from '../../store/document-store';
import { chooseProvider, estimateProvider, estimateRun, runDetached, withInputs } from './run-with-inputs';

export interface FormOutcome {
  status: 'ok' | 'failed' | 'cancelled';
  images: string[];
  costUsd: number;
  calls: number;
  cachedNodes: number;
  /** The workflow that ran (the document with the form's values): downloads embed it. */
  workflow: Workflow;
  problems: string[];
}

export interface RunFormState {
  /** Values the user changed; inputs not listed keep the workflow's own value. */
  values: Record<string, InputValue>;
  running: boolean;
  estimate: RunEstimate | null;
  outcome: FormOutcome | null;
  problems: string[];
}

export const useRunFormStore = create<RunFormState>()(() => ({
  values: {},
  running: false,
  estimate: null,
  outcome: null,
  problems: [],
}));

let controller: AbortController | null = null;

export function setFormValue(name: string, value: InputValue | undefined): void {
  useRunFormStore.setState((state) => {
    const values = { ...state.values };
    if (value === undefined) delete values[name];
    else values[name] = value;
    return { values };
  });
}

/** Only values for inputs the document still exposes (a renamed input drops its old value). */
function currentValues(doc: Workflow): Record<string, InputValue> {
  const names = new Set(doc.nodes.map((node) => node.exposeAs).filter(Boolean));
  return Object.fromEntries(Object.entries(useRunFormStore.getState().values).filter(([n]) => names.has(n)));
}

/** Runs the document with the form's values. The document and its history are never touched. */
export async function runForm(): Promise<void> {
  if (useRunFormStore.getState().running) return;
  const doc = useDocumentStore.getState().doc;
  const applied = withInputs(doc, currentValues(doc));
  if (!applied.ok) {
    useRunFormStore.setState({ problems: applied.messages });
    return;
  }
  const provider = await chooseProvider();
  if (!provider.ok) {
    useRunFormStore.setState({ problems: [`Cannot run: ${provider.message}`] });
    return;
  }
  controller = new AbortController();
  useRunFormStore.setState({ running: true, problems: [], outcome: null });
  try {
    const estimate = await estimateRun(applied.workflow, provider.provider);
    useRunFormStore.setState({ estimate });
    const { result, images } = await runDetached(applied.workflow, provider.provider, {
      signal: controller.signal,
      source: 'form',
    });
    const problems = [...result.nodes.entries()]
      .filter(([, node]) => node.status === 'failed' && node.error)
      .map(([id, node]) => `${id}: ${node.error?.message ?? ''}`);
    useRunFormStore.setState({
      outcome: {
        status: result.status,
        images,
        costUsd: result.totals.costUsd,
        calls: result.totals.calls,
        cachedNodes: result.totals.cachedNodes,
        workflow: applied.workflow,
        problems,
      },
    });
  } catch (cause) {
    useRunFormStore.setState({
      problems: [`The run stopped: ${cause instanceof Error ? cause.message : String(cause)}`],
    });
  } finally {
    controller = null;
    useRunFormStore.setState({ running: false });
  }
}

export function cancelForm(): void {
  controller?.abort(new DOMException('cancelled by the user', 'AbortError'));
}

/** Before running: what the form's values would cost. */
export async function refreshFormEstimate(): Promise<void> {
  const doc = useDocumentStore.getState().doc;
  const applied = withInputs(doc, currentValues(doc));
  if (!applied.ok) return;
  const estimate = await estimateRun(applied.workflow, estimateProvider()).catch(() => null);
  if (!useRunFormStore.getState().running) useRunFormStore.setState({ estimate });
}
