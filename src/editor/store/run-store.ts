import { produce } from 'immer';
import { create } from 'zustand';
import { answerDetailsOf } from '../../engine/answer-details';
import type { RunEstimate, RunEvent, RunStatus, RunTotals } from '../../engine/events';
import { exportFileName } from '../../engine/file-extension';
import type { GroundingInfo } from '../../engine/grounding';
import { imagesOf, type NodeOutputs } from '../../engine/values';
import type { Workflow } from '../../engine/workflow';
import { type ElementsView, foldElementEvent } from './element-runs';

/** Per-node run state: driven by engine events, never in history. */
export type NodeStatus =
  | 'idle'
  | 'queued'
  | 'running'
  | 'waiting'
  | 'cached'
  | 'done'
  | 'failed'
  | 'skipped'
  | 'cancelled'
  /** Restored after a reload: the page went away while the node ran; nothing was re-submitted. */
  | 'interrupted';

export interface NodeOutputsView {
  /** Output images as content hashes (bytes live in the asset store). */
  images: string[];
  text?: string;
  /** Search grounding of each grounded answer: shown with the outputs, as Google requires. */
  grounding?: GroundingInfo[];
  /** The model's thoughts (showThoughts): thinking text and interim images (hashes), never outputs. */
  thoughts?: { texts: string[]; images: string[] };
}

export interface ExportView {
  fileName: string;
  hash: string;
}

export interface NodeRunState {
  status: NodeStatus;
  startedAt?: number;
  resumeAt?: number;
  /** Why a node waits (engine error code, e.g. rate_limited). */
  reason?: string;
  message?: string;
  /** How the node ran, worth knowing (e.g. "conversation not kept on this route"). */
  notes?: string[];
  durationMs?: number;
  costUsd?: number | null;
  outputs?: NodeOutputsView;
  /** Earlier outputs of this node, newest first, to compare in the viewer. */
  previous: NodeOutputsView[];
  exports?: ExportView[];
  /** For a node that maps over many values: its elements in the latest run. */
  elements?: ElementsView;
}

export interface RunState {
  nodes: Record<string, NodeRunState>;
  running: boolean;
  runId: string | null;
  progress: { done: number; total: number };
  spentUsd: number;
  /** The current plan (before a run) or the plan the running run started with. */
  estimate: RunEstimate | null;
  totals: RunTotals | null;
  lastStatus: RunStatus | null;
  lastError: string | null;
  /** The document the shown run states belong to (null: unknown, e.g. restored from history). */
  ranDoc: Workflow | null;
}

export const MAX_PREVIOUS_OUTPUTS = 12;

export const initialRunState = (): RunState => ({
  nodes: {},
  running: false,
  runId: null,
  progress: { done: 0, total: 0 },
  spentUsd: 0,
  estimate: null,
  totals: null,
  lastStatus: null,
  lastError: null,
  ranDoc: null,
});

export const useRunStore = create<RunState>()(initialRunState);

export function outputsView(outputs: NodeOutputs | undefined): NodeOutputsView | undefined {
  if (!outputs) return undefined;
  const hashes: string[] = [];
  const list = outputs.images;
  if (Array.isArray(list)) for (const image of imagesOf(list)) hashes.push(image.hash);
  else if (outputs.image && typeof outputs.image === 'object' && !Array.isArray(outputs.image))
    hashes.push(outputs.image.hash);
  const view: NodeOutputsView = { images: hashes };
  if (typeof outputs.text === 'string' && outputs.text !== '') view.text = outputs.text;
  const answers = answerDetailsOf(outputs);
  const grounding = answers.flatMap((answer) => (answer.grounding ? [answer.grounding] : []));
  if (grounding.length > 0) view.grounding = grounding;
  const texts = answers.flatMap((answer) => answer.thoughtTexts);
  const thoughtImages = answers.flatMap((answer) => answer.thoughtImages.map((image) => image.hash));
  if (texts.length + thoughtImages.length > 0) view.thoughts = { texts, images: thoughtImages };
  return view;
}

function nodeState(state: RunState, id: string): NodeRunState {
  let node = state.nodes[id];
  if (!node) {
    node = { status: 'idle', previous: [] };
    state.nodes[id] = node;
  }
  return node;
}

const FINISH_STATUS = {
  ran: 'done',
  cached: 'cached',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
} as const;

/** Pure reducer: engine event -> run state. Only nodes the event names change identity. */
export function reduceRunEvent(state: RunState, event: RunEvent): RunState {
  return produce(state, (draft) => {
    // One element of a mapped node: folded into its node of the file (see element-runs.ts).
    if (
      (event.type === 'node-queued' || event.type === 'node-start' || event.type === 'node-finish') &&
      event.element
    ) {
      foldElementEvent(nodeState(draft, event.element.of), event.runId, event, outputsView);
      if (event.type === 'node-finish') draft.progress.done++;
      return;
    }
    switch (event.type) {
      case 'run-start':
        draft.running = true;
        draft.runId = event.runId;
        draft.progress = { done: 0, total: event.nodeIds.length };
        draft.spentUsd = 0;
        draft.estimate = event.estimate;
        draft.totals = null;
        draft.lastStatus = null;
        draft.lastError = null;
        return;
      case 'node-queued': {
        const node = nodeState(draft, event.nodeId);
        node.status = 'queued';
        delete node.message;
        delete node.costUsd;
        // It runs unmapped now: an earlier run's element strip no longer describes it.
        delete node.elements;
        return;
      }
      case 'node-start': {
        const node = nodeState(draft, event.nodeId);
        node.status = 'running';
        node.startedAt = event.at;
        delete node.message;
        return;
      }
      case 'node-waiting': {
        const node = nodeState(draft, event.nodeId);
        node.status = 'waiting';
        node.message = event.message;
        node.reason = event.reason;
        node.resumeAt = event.resumeAt;
        return;
      }
      case 'call-finish': {
        if (event.costUsd) draft.spentUsd += event.costUsd;
        const node = nodeState(draft, event.nodeId);
        if (node.status === 'waiting') node.status = 'running';
        return;
      }
      case 'node-finish': {
        const node = nodeState(draft, event.nodeId);
        node.status = FINISH_STATUS[event.status];
        node.durationMs = event.durationMs;
        node.costUsd = event.costUsd ?? null;
        if (event.error) node.message = event.error.message;
        else delete node.message;
        if (event.notes && event.notes.length > 0) node.notes = [...event.notes];
        else delete node.notes;
        const outputs = outputsView(event.outputs);
        if (outputs && outputs.images.length + (outputs.text ? 1 : 0) > 0) {
          const old = node.outputs;
          const same = old && old.images.join() === outputs.images.join();
          if (old && !same && old.images.length > 0)
            node.previous = [old, ...node.previous].slice(0, MAX_PREVIOUS_OUTPUTS);
          node.outputs = outputs;
        }
        if (event.exports) {
          node.exports = event.exports.map((file) => ({
            fileName: exportFileName(file.baseName, file.image.mimeType),
            hash: file.image.hash,
          }));
        }
        draft.progress.done++;
        return;
      }
      case 'run-finish':
        draft.running = false;
        draft.totals = event.totals;
        draft.spentUsd = event.totals.costUsd;
        draft.lastStatus = event.status;
        draft.lastError = event.error?.message ?? null;
        return;
    }
  });
}

export const runActions = {
  apply(event: RunEvent): void {
    useRunStore.setState((state) => reduceRunEvent(state, event));
  },
  setEstimate(estimate: RunEstimate | null): void {
    if (!useRunStore.getState().running) useRunStore.setState({ estimate });
  },
  /** A different document: old statuses and outputs no longer belong to its nodes. */
  reset(): void {
    if (!useRunStore.getState().running) useRunStore.setState(initialRunState());
  },
  /** A run that could not start at all (no provider). */
  fail(message: string): void {
    useRunStore.setState({ running: false, lastStatus: 'failed', lastError: message });
  },
};

export const IDLE_NODE: NodeRunState = { status: 'idle', previous: [] };
