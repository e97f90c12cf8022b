import { nodeRegistry } from '../../../../nodes/registry';
import type { RunEstimate, RunEvent, RunEventListener } from '../../../engine/events';
import { type RunResult, runWorkflow, type SharedRunResources } from '../../../engine/executor';
import { applyInputs, type InputValue } from '../../../engine/inputs';
import { planRun } from '../../../engine/plan';
import type { ImageProvider } from '../../../engine/provider';
import { describeError } from '../../../engine/result';
import { retryPolicyWithTimeout } from '../../../engine/retry-policy';
import { validateWorkflow } from '../../../engine/validate';
import { imagesOf } from '../../../engine/values';
import type { Workflow } from '../../../engine/workflow';
import { editorAssets } from '../../images/assets';
import { runRecorderFor } from '../../persistence/recording';
import { showRunWarning } from '../../persistence/run-warnings';
import { browserHashBytes } from '../../run/browser-hash-bytes';
import { getNodeCache } from '../../run/cache-provider';
import { providerFor, providerIdFor } from '../../run/provider-factory';
import { keepImages, NEEDS_KEY_MESSAGE } from '../../run/run-controller';
import { hasKey, useSettingsStore } from '../../settings/settings-store';
import { view } from '../../store/view-store';

/** Test seam: run the form and the batch panel with this provider instead of the settings' one. */
let providerOverride: ImageProvider | null = null;
export function setRunProviderOverride(provider: ImageProvider | null): void {
  providerOverride = provider;
}

export type ProviderChoice = { ok: true; provider: ImageProvider } | { ok: false; message: string };

/** The provider the settings ask for; a missing key opens the settings instead of failing later. */
export async function chooseProvider(): Promise<ProviderChoice> {
  if (providerOverride) return { ok: true, provider: providerOverride };
  const settings = useSettingsStore.getState();
  if (settings.provider === 'gemini' && !hasKey(settings)) {
    view.openPanel('settings', NEEDS_KEY_MESSAGE);
    return { ok: false, message: 'an API key is needed (see Settings)' };
  }
  const chosen = await providerFor(settings);
  return chosen.ok ? chosen : { ok: false, message: chosen.message };
}

/** The provider an estimate assumes, without building one (no key needed). */
export function estimateProvider(): { id: string; free?: boolean } {
  if (providerOverride) return providerOverride;
  const settings = useSettingsStore.getState();
  return { id: providerIdFor(settings), free: settings.provider === 'preview' };
}

/** The workflow with the form's values, or the problems as readable lines. */
export function withInputs(
  workflow: Workflow,
  values: Record<string, InputValue>,
): { ok: true; workflow: Workflow } | { ok: false; messages: string[] } {
  const applied = applyInputs(workflow, values);
  return applied.ok
    ? { ok: true, workflow: applied.value }
    : { ok: false, messages: applied.error.map(describeError) };
}

/** What a run will cost, before running (no call is made). */
export async function estimateRun(workflow: Workflow, provider: { id: string; free?: boolean }, row = 1) {
  const report = validateWorkflow(workflow, nodeRegistry);
  return planRun(workflow, report, {
    registry: nodeRegistry,
    providerId: provider.id,
    free: provider.free ?? false,
    cache: getNodeCache(),
    assets: editorAssets,
    workflowName: workflow.name,
    row,
  }) as Promise<RunEstimate>;
}

/**
 * The images a run produced for the user: what export nodes wrote, else the outputs of nodes
 * nothing reads from (the graph's ends). Hashes, in the order they finished, without repeats.
 */
export function resultCollector(workflow: Workflow): { listener: RunEventListener; images: () => string[] } {
  const feeds = new Set(workflow.edges.map((edge) => edge.source));
  const hasExport = workflow.nodes.some((node) => node.type === 'export');
  const hashes: string[] = [];
  const add = (hash: string) => {
    if (!hashes.includes(hash)) hashes.push(hash);
  };
  const listener = (event: RunEvent) => {
    if (event.type !== 'node-finish') return;
    keepImages(
      event.outputs,
      event.exports?.map((file) => file.image),
    );
    if (hasExport) {
      for (const file of event.exports ?? []) add(file.image.hash);
      return;
    }
    // An element (`gen[2]`) is read downstream when its node of the file is.
    if (feeds.has(event.element?.of ?? event.nodeId)) return;
    for (const value of Object.values(event.outputs ?? {})) {
      if (Array.isArray(value)) for (const image of imagesOf(value)) add(image.hash);
      else if (typeof value === 'object') add(value.hash);
    }
  };
  return { listener, images: () => [...hashes] };
}

export interface DetachedRun {
  result: RunResult;
  images: string[];
}

/** Runs a workflow that is not the document (form values or a batch row applied): no undo entry. */
export async function runDetached(
  workflow: Workflow,
  provider: ImageProvider,
  options: {
    signal: AbortSignal;
    /** Which panel runs it: History records every run with its source. */
    source: 'form' | 'batch';
    shared?: SharedRunResources;
    row?: number;
    onEvent?: RunEventListener;
  },
): Promise<DetachedRun> {
  const settings = useSettingsStore.getState();
  const collect = resultCollector(workflow);
  // Every run path is recorded, so spend per day and per workflow counts Form and Batch runs too.
  const record = runRecorderFor(workflow, options.source, provider.route);
  const result = await runWorkflow(workflow, {
    registry: nodeRegistry,
    provider,
    cache: getNodeCache(),
    assets: editorAssets,
    hashBytes: browserHashBytes,
    signal: options.signal,
    concurrency: settings.concurrency,
    retryPolicy: retryPolicyWithTimeout(settings.attemptTimeoutSeconds),
    ...(settings.budgetUsd !== null
      ? { maxCostUsd: settings.budgetUsd, refuseOverBudgetEstimate: true }
      : {}),
    ...(options.shared ? { shared: options.shared } : {}),
    ...(options.row !== undefined ? { row: options.row } : {}),
    onEvent: (event) => {
      collect.listener(event);
      showRunWarning(event);
      options.onEvent?.(event);
      record?.(event);
    },
  });
  return { result, images: collect.images() };
}
