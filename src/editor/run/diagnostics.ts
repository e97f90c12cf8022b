import { create } from 'zustand';
import { nodeRegistry } from '../../../nodes/registry';
import { planRun } from '../../engine/plan';
import { type ValidationReport, validateWorkflow } from '../../engine/validate';
import type { Workflow } from '../../engine/workflow';
import { errorsByCanvasNode } from '../components/outer-errors';
import { editorAssets } from '../images/assets';
import { useSettingsStore } from '../settings/settings-store';
import { isLoadedDocument, useDocumentStore } from '../store/document-store';
import { onlyMoved } from '../store/moves-only';
import { runActions, useRunStore } from '../store/run-store';
import { getNodeCache, onNodeCacheChange } from './cache-provider';
import { providerIdFor } from './provider-factory';
import { staleNodes } from './staleness';

/** Validation problems shown on nodes before any call. Derived from the document, never saved. */
export interface DiagnosticsState {
  nodeErrors: Readonly<Record<string, readonly string[]>>;
  graphErrors: readonly string[];
  /** Nodes whose last outputs no longer match the graph (they will re-run, or cannot). */
  stale: ReadonlySet<string>;
}

const NOTHING_STALE: ReadonlySet<string> = new Set();

export const useDiagnosticsStore = create<DiagnosticsState>()(() => ({
  nodeErrors: {},
  graphErrors: [],
  stale: NOTHING_STALE,
}));

/** A node that just finished in a run shows current outputs, whatever the last plan said. */
export function markFresh(id: string): void {
  const { stale } = useDiagnosticsStore.getState();
  if (!stale.has(id)) return;
  const next = new Set(stale);
  next.delete(id);
  useDiagnosticsStore.setState({ stale: next });
}

const EMPTY: readonly string[] = [];
export const noErrors = EMPTY;

/** Keeps each node's array identity when its messages did not change, so only that node re-renders. */
function shareErrors(
  previous: Readonly<Record<string, readonly string[]>>,
  next: Map<string, { message: string }[]>,
): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {};
  for (const [id, errors] of next) {
    const messages = errors.map((error) => error.message);
    const old = previous[id];
    out[id] =
      old && old.length === messages.length && old.every((m, i) => m === messages[i]) ? old : messages;
  }
  return out;
}

/**
 * The last document checked and its report. The same document is estimated again when the cache
 * or the route changes, or after a run; it is not checked again (tens of ms at 500 nodes).
 */
let lastChecked: { doc: Workflow; report: ValidationReport } | undefined;

function reportFor(doc: Workflow): ValidationReport {
  if (lastChecked?.doc !== doc) lastChecked = { doc, report: validateWorkflow(doc, nodeRegistry) };
  return lastChecked.report;
}

export async function refreshDiagnostics(doc: Workflow): Promise<void> {
  const report = reportFor(doc);
  const previous = useDiagnosticsStore.getState();
  useDiagnosticsStore.setState({
    nodeErrors: shareErrors(previous.nodeErrors, errorsByCanvasNode(report.nodeErrors)),
    graphErrors: report.graphErrors.map((error) => error.message),
  });
  // The id alone (every provider of a route carries it): building a provider loaded the providers
  // chunk while a big graph was still opening, only to read its id.
  const estimate = await planRun(doc, report, {
    registry: nodeRegistry,
    providerId: providerIdFor(useSettingsStore.getState()),
    cache: getNodeCache(),
    assets: editorAssets,
  }).catch(() => null);
  // A newer document may have arrived while planning; only the latest plan counts.
  if (useDocumentStore.getState().doc !== doc || useRunStore.getState().running) return;
  runActions.setEstimate(estimate);
  // The plan names the flat graph (nodes inside components by path): staleness follows it.
  const stale = staleNodes(report.workflow, estimate);
  const old = useDiagnosticsStore.getState().stale;
  if (stale.size !== old.size || [...stale].some((id) => !old.has(id)))
    useDiagnosticsStore.setState({ stale });
}

export const DIAGNOSTICS_DEBOUNCE_MS = 250;

/** Recomputes validation and the estimate after the document settles. Returns an unsubscribe. */
export function watchDiagnostics(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(
      () => void refreshDiagnostics(useDocumentStore.getState().doc),
      DIAGNOSTICS_DEBOUNCE_MS,
    );
  };
  const unsubscribeDoc = useDocumentStore.subscribe((state, previous) => {
    // Moves (a drag, Tidy) change no problem and no estimate: nothing to recompute.
    if (state.doc === previous.doc || onlyMoved(previous.doc, state.doc)) return;
    // An opened workflow is checked at once: its problems and estimate arrive with its nodes, in
    // the same frame, instead of a frame of their own after it (typing is what the wait is for).
    if (!isLoadedDocument(state.doc)) return schedule();
    if (timer) clearTimeout(timer);
    void refreshDiagnostics(state.doc);
  });
  const unsubscribeSettings = useSettingsStore.subscribe((state, previous) => {
    if (state.provider !== previous.provider) schedule();
  });
  // Storage opened (or closed): the cache is another one, with other outputs in it. A link's
  // workflow was estimated before storage opened, against the empty in-memory cache.
  const unsubscribeCache = onNodeCacheChange(schedule);
  // After a run the cache holds new outputs: the next run's estimate changes.
  const unsubscribeRun = useRunStore.subscribe((state, previous) => {
    if (previous.running && !state.running) schedule();
  });
  void refreshDiagnostics(useDocumentStore.getState().doc);
  return () => {
    unsubscribeCache();
    unsubscribeRun();
    if (timer) clearTimeout(timer);
    unsubscribeDoc();
    unsubscribeSettings();
  };
}
