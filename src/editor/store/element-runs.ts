import type { RunEvent } from '../../engine/events';
import type { NodeOutputs } from '../../engine/values';
import type { NodeOutputsView, NodeRunState, NodeStatus } from './run-store';

/** One element of a mapped node (`gen[2]`) as the node shows it in its strip. */
export interface ElementRun {
  /** The instance id the engine ran (what a re-roll of this element names). */
  instanceId: string;
  status: NodeStatus;
  images: string[];
  text?: string;
  item?: string;
  message?: string;
}

/** A mapped node's elements in this run: "n of N" while running, then the strip. */
export interface ElementsView {
  runId: string;
  count: number;
  finished: number;
  entries: Array<ElementRun | undefined>;
}

const FINISHED: Record<string, NodeStatus> = {
  ran: 'done',
  cached: 'cached',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

type ElementEvent = Extract<RunEvent, { type: 'node-queued' | 'node-start' | 'node-finish' }>;

/**
 * Folds an element instance's event into its node of the file, so views need no special cases:
 * the node's status covers its elements, its outputs are every element's images in order.
 */
export function foldElementEvent(
  node: NodeRunState,
  runId: string,
  event: ElementEvent,
  outputsView: (outputs: NodeOutputs | undefined) => NodeOutputsView | undefined,
): void {
  const element = event.element;
  if (!element) return;
  if (!node.elements || node.elements.runId !== runId)
    node.elements = { runId, count: element.count, finished: 0, entries: [] };
  const view = node.elements;
  view.count = Math.max(view.count, element.count);
  const index = element.index - 1;
  const entry: ElementRun = view.entries[index] ?? {
    instanceId: event.nodeId,
    status: 'queued',
    images: [],
    ...(element.item ? { item: element.item } : {}),
  };
  view.entries[index] = entry;
  if (event.type === 'node-queued') {
    if (node.status !== 'running') node.status = 'queued';
    return;
  }
  if (event.type === 'node-start') {
    entry.status = 'running';
    node.status = 'running';
    return;
  }
  entry.status = FINISHED[event.status] ?? 'failed';
  if (event.error) entry.message = event.error.message;
  const outputs = outputsView(event.outputs);
  if (outputs) {
    entry.images = outputs.images;
    if (outputs.text !== undefined) entry.text = outputs.text;
  }
  view.finished = view.entries.filter((one) => one && !['queued', 'running'].includes(one.status)).length;
  node.costUsd = (node.costUsd ?? 0) + (event.costUsd ?? 0);
  node.outputs = {
    images: view.entries.flatMap((one) => one?.images ?? []),
    ...(view.entries.some((one) => one?.text)
      ? { text: view.entries.map((one) => one?.text ?? '').join('\n') }
      : {}),
  };
  if (view.finished < view.count) return;
  const statuses = view.entries.map((one) => one?.status);
  node.status = statuses.includes('failed')
    ? 'failed'
    : statuses.includes('cancelled')
      ? 'cancelled'
      : statuses.includes('skipped')
        ? 'skipped'
        : statuses.every((status) => status === 'cached')
          ? 'cached'
          : 'done';
  const problem = view.entries.find((one) => one?.message);
  if (problem?.message) node.message = `element ${view.entries.indexOf(problem) + 1}: ${problem.message}`;
  else delete node.message;
}
