import type { StoredImageRef, StoredPortValue } from '../../engine/cache-codec';
import type { NodeFinishStatus } from '../../engine/events';
import type { Workflow } from '../../engine/workflow';
import type { NodeRunRecord, PeelStore, RunRecord } from '../../persistence';
import { foldElementEvent } from '../store/element-runs';
import {
  initialRunState,
  type NodeOutputsView,
  type NodeRunState,
  type NodeStatus,
} from '../store/run-store';

export const INTERRUPTED_MESSAGE =
  'The page was closed or reloaded while this node ran. Nothing was re-submitted; run again to retry (finished work comes from the cache).';

const STATUS: Record<NodeRunRecord['status'], NodeStatus | undefined> = {
  ran: 'done',
  cached: 'cached',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
  // Still running in another tab: nothing to show here until it ends.
  running: undefined,
};

const hashOf = (value: StoredPortValue | undefined): string[] => {
  if (value === undefined || typeof value === 'string') return [];
  return (Array.isArray(value) ? value : [value])
    .filter((ref): ref is StoredImageRef => typeof ref !== 'string')
    .map((ref) => ref.$image);
};

/** The same view `outputsView` builds from live outputs, from stored ones. */
export function storedOutputsView(
  outputs: Record<string, StoredPortValue> | undefined,
): NodeOutputsView | undefined {
  if (!outputs) return undefined;
  const images = outputs.images !== undefined ? hashOf(outputs.images) : hashOf(outputs.image);
  const view: NodeOutputsView = { images };
  if (typeof outputs.text === 'string' && outputs.text !== '') view.text = outputs.text;
  Object.assign(view, storedAnswerDetails(outputs));
  return view;
}

/** Grounding and thoughts from the stored answers' model turns, as `outputsView` finds them live. */
function storedAnswerDetails(outputs: Record<string, StoredPortValue>): Partial<NodeOutputsView> {
  const seen = new Set<string>();
  const grounding: NonNullable<NodeOutputsView['grounding']> = [];
  const texts: string[] = [];
  const images: string[] = [];
  for (const value of Object.values(outputs)) {
    if (typeof value === 'string') continue;
    for (const ref of Array.isArray(value) ? value : [value]) {
      // A many of text holds strings: only images carry the answer's turn.
      if (typeof ref === 'string') continue;
      const turn = ref.conversation?.at(-1);
      if (turn?.role !== 'model') continue;
      const key = JSON.stringify(
        turn.parts.map((part) => (part.kind === 'text' ? part.text : part.image.$image)),
      );
      if (seen.has(key)) continue;
      seen.add(key);
      if (turn.grounding) grounding.push(turn.grounding);
      for (const part of turn.parts) {
        if (!part.thought) continue;
        if (part.kind === 'image') images.push(part.image.$image);
        else if (part.text.trim() !== '') texts.push(part.text);
      }
    }
  }
  return {
    ...(grounding.length > 0 ? { grounding } : {}),
    ...(texts.length + images.length > 0 ? { thoughts: { texts, images } } : {}),
  };
}

export function nodeStateFromRecord(record: NodeRunRecord): NodeRunState | undefined {
  const status = STATUS[record.status];
  if (!status) return undefined;
  const state: NodeRunState = { status, previous: [] };
  if (record.durationMs !== undefined) state.durationMs = record.durationMs;
  state.costUsd = record.costUsd;
  if (status === 'interrupted') state.message = INTERRUPTED_MESSAGE;
  else if (record.error) state.message = record.error.message;
  const outputs = storedOutputsView(record.outputs);
  if (outputs && outputs.images.length + (outputs.text ? 1 : 0) > 0) state.outputs = outputs;
  if (record.files && record.files.length > 0) state.exports = record.files.map((file) => ({ ...file }));
  return state;
}

/**
 * Per-node statuses and outputs for `workflow` from its recent runs: each node shows what its
 * newest run left (a partial run keeps the other nodes' earlier outputs). Runs are newest first.
 */
export function runStateFromHistory(workflow: Workflow, runs: RunRecord[]) {
  const ids = new Set(workflow.nodes.map((node) => node.id));
  const nodes: Record<string, NodeRunState> = {};
  // A mapped node shows the elements of its newest run only (never a mix of two runs).
  const elementsFrom = new Map<string, string>();
  for (const run of runs) {
    // Form and Batch runs ran a copy with other inputs: they belong to History, not to the graph.
    if (run.source === 'form' || run.source === 'batch') continue;
    for (const [nodeId, record] of Object.entries(run.nodes)) {
      const of = record.element?.of;
      if (of !== undefined) {
        if (!ids.has(of)) continue;
        const from = elementsFrom.get(of);
        // A newer run ran the node unmapped, or another run owns its strip.
        if (from === undefined ? nodes[of] !== undefined : from !== run.id) continue;
        if (restoreElement(nodes, run.id, nodeId, record)) elementsFrom.set(of, run.id);
        continue;
      }
      if (!ids.has(nodeId) || nodes[nodeId]) continue;
      const state = nodeStateFromRecord(record);
      if (state) nodes[nodeId] = state;
    }
  }
  // Folding knows no "interrupted": an element the page lost mid-call marks its whole node.
  for (const of of elementsFrom.keys()) {
    const node = nodes[of];
    const entries = node?.elements?.entries ?? [];
    if (node && node.status !== 'failed' && entries.some((entry) => entry?.status === 'interrupted'))
      node.status = 'interrupted';
  }
  const latest = runs.find((run) => run.source !== 'form' && run.source !== 'batch');
  const state = initialRunState();
  state.nodes = nodes;
  if (latest && latest.status !== 'running') {
    state.totals = latest.totals;
    state.spentUsd = latest.totals.costUsd;
    state.lastStatus = latest.status === 'interrupted' ? 'cancelled' : latest.status;
    state.lastError =
      latest.status === 'interrupted'
        ? 'the page was closed or reloaded during the run'
        : (latest.error?.message ?? null);
  }
  return state;
}

/**
 * Folds one recorded element (`gen[2]`) into its node of the file, as the live run did from its
 * events, so the strip, "n of N", per-element re-roll and a Pick's thumbnails come back after a
 * reload without a run. False when the record shows nothing here (still running in another tab).
 */
function restoreElement(
  nodes: Record<string, NodeRunState>,
  runId: string,
  instanceId: string,
  record: NodeRunRecord,
): boolean {
  const element = record.element;
  if (!element || !STATUS[record.status]) return false;
  const node = nodes[element.of] ?? { status: 'idle', previous: [] };
  nodes[element.of] = node;
  const interrupted = record.status === 'interrupted';
  const status: NodeFinishStatus = interrupted ? 'cancelled' : (record.status as NodeFinishStatus);
  const stored = storedOutputsView(record.outputs);
  foldElementEvent(
    node,
    runId,
    {
      type: 'node-finish',
      runId,
      nodeId: instanceId,
      element,
      status,
      at: record.finishedAt ?? record.startedAt ?? 0,
      durationMs: record.durationMs ?? 0,
      calls: record.calls,
      costUsd: record.costUsd,
      ...(record.error ? { error: record.error } : {}),
    },
    () => stored,
  );
  const entry = node.elements?.entries[element.index - 1];
  if (entry && interrupted) {
    entry.status = 'interrupted';
    entry.message = INTERRUPTED_MESSAGE;
  }
  return true;
}

export const RESTORE_RUNS = 20;

export async function loadRunState(store: PeelStore, workflowId: string, workflow: Workflow) {
  const runs = await store.runs.list({ workflowId, limit: RESTORE_RUNS });
  return runStateFromHistory(workflow, runs);
}
