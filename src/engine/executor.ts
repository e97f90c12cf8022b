import { type AssetStore, MemoryAssetStore } from './assets';
import { overBudgetError } from './budget';
import { MemoryCache, type NodeCache } from './cache';
import { roundUsd } from './cost';
import type {
  NodeFinishStatus,
  RunEstimate,
  RunEvent,
  RunEventListener,
  RunStatus,
  RunTotals,
} from './events';
import { ancestorsOf } from './graph';
import { type HashBytes, platformHashBytes } from './hash-bytes';
import { hashingImageOps, type ImageOps, NO_IMAGE_OPS } from './image-ops';
import { gatherInputs, type InputSource } from './inputs-gather';
import type { NodeRegistry } from './node-definition';
import { planRun } from './plan';
import type { ImageProvider } from './provider';
import { type PeelError, peelError } from './result';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { rememberHits } from './run-cache';
import { executeNode, type NodeExecution } from './run-node';
import { createSharedResources, type SharedRunResources } from './shared-resources';

export { createSharedResources, type SharedRunResources };

import { validateWorkflow } from './validate';
import type { Workflow } from './workflow';

/** Errors after which no further call can succeed: the run stops at once. */
const RUN_STOPPING_CODES = new Set<PeelError['code']>([
  'daily_quota',
  'credits_exhausted',
  'api_key_rejected',
  'api_key_missing',
]);

export interface RunOptions {
  registry: NodeRegistry;
  provider: ImageProvider;
  cache?: NodeCache;
  assets?: AssetStore;
  /** Pixel work for image-tool nodes (Node or Web Worker implementation). */
  imageOps?: ImageOps;
  /**
   * Content hash of image bytes the engine makes (image-tool outputs): node:crypto in the CLI,
   * crypto.subtle in the browser. The platform's crypto.subtle when absent.
   */
  hashBytes?: HashBytes;
  signal?: AbortSignal;
  concurrency?: number;
  maxCostUsd?: number;
  /**
   * Refuse the whole run, before any call, when its estimate passes `maxCostUsd` (the editor's
   * cap). Without it a run starts and stops at the first call that would pass the cap (the CLI).
   */
  refuseOverBudgetEstimate?: boolean;
  /** Run only what these nodes need. */
  targets?: string[];
  /** Bypass the cache once for these nodes. */
  reroll?: string[];
  onEvent?: RunEventListener;
  row?: number;
  runId?: string;
  retryPolicy?: RetryPolicy;
  shared?: SharedRunResources;
}

export interface NodeResult extends Omit<NodeExecution, 'status'> {
  status: NodeFinishStatus;
  durationMs: number;
}

export interface RunResult {
  runId: string;
  status: RunStatus;
  nodes: Map<string, NodeResult>;
  totals: RunTotals;
  estimate: RunEstimate;
  error?: PeelError;
}

const describeCause = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

let runCounter = 0;
const newRunId = () => `run-${Date.now().toString(36)}-${(++runCounter).toString(36)}`;

export async function runWorkflow(workflow: Workflow, options: RunOptions): Promise<RunResult> {
  const runId = options.runId ?? newRunId();
  const emit = (event: RunEvent) => options.onEvent?.(event);
  const startedAt = Date.now();
  const report = validateWorkflow(workflow, options.registry);
  const cache = rememberHits(options.cache ?? new MemoryCache());
  const assets = options.assets ?? new MemoryAssetStore();
  const shared = options.shared ?? createSharedResources(options);
  const stopController = new AbortController();
  const outerSignal = options.signal ?? new AbortController().signal;
  const onOuterAbort = () => stopController.abort(outerSignal.reason);
  if (outerSignal.aborted) stopController.abort(outerSignal.reason);
  else outerSignal.addEventListener('abort', onOuterAbort, { once: true });
  let stopError: PeelError | undefined;

  const include = options.targets
    ? ancestorsOf(
        options.targets.filter((id) => report.graph.incoming.has(id)),
        report.graph,
      )
    : new Set(report.graph.order);
  const reroll = new Set(options.reroll ?? []);
  const order = report.graph.order.filter((id) => include.has(id));
  const estimate = await planRun(workflow, report, {
    registry: options.registry,
    providerId: options.provider.id,
    free: options.provider.free ?? false,
    cache,
    assets,
    include,
    reroll,
    workflowName: workflow.name,
    row: options.row ?? 1,
  });
  emit({ type: 'run-start', runId, row: options.row ?? 1, nodeIds: order, estimate, at: startedAt });

  const results = new Map<string, NodeResult>();
  const finish = (nodeId: string, result: NodeResult) => {
    results.set(nodeId, result);
    emit({
      type: 'node-finish',
      runId,
      nodeId,
      status: result.status,
      at: Date.now(),
      durationMs: result.durationMs,
      calls: result.calls,
      costUsd: result.costUsd,
      ...(result.usage ? { usage: result.usage } : {}),
      ...(result.outputs ? { outputs: result.outputs } : {}),
      ...(result.exports ? { exports: result.exports } : {}),
      ...(result.error ? { error: result.error } : {}),
      ...(result.cacheKey ? { cacheKey: result.cacheKey } : {}),
      ...(result.notes ? { notes: result.notes } : {}),
    });
  };

  if (report.graphErrors.length > 0) {
    const error = report.graphErrors[0] as PeelError;
    for (const id of include) {
      finish(id, {
        status: 'skipped',
        durationMs: 0,
        calls: 0,
        costUsd: 0,
        error: report.nodeErrors.get(id)?.[0] ?? error,
      });
    }
    return done('failed', error);
  }

  const overBudget = options.refuseOverBudgetEstimate ? overBudgetError(estimate, shared.budget) : undefined;
  if (overBudget) {
    for (const id of order)
      finish(id, { status: 'skipped', durationMs: 0, calls: 0, costUsd: 0, error: overBudget });
    return done('failed', overBudget);
  }

  const nodes = new Map(workflow.nodes.map((node) => [node.id, node]));
  const sourceOf = (nodeId: string): InputSource => {
    const label = nodes.get(nodeId)?.label?.trim();
    return label ? { nodeId, label } : { nodeId };
  };
  const upstreamOf = (id: string): string[] => {
    const sources = new Set<string>();
    for (const edges of report.graph.incoming.get(id)?.values() ?? [])
      for (const edge of edges) sources.add(edge.source);
    return [...sources];
  };
  const env = {
    runtime: {
      runId,
      provider: options.provider,
      limiter: shared.limiter,
      policy: options.retryPolicy ?? DEFAULT_RETRY_POLICY,
      budget: shared.budget,
      signal: stopController.signal,
      emit,
      stopRun: (error: PeelError) => {
        if (stopError) return;
        stopError = { ...error };
        stopController.abort(error);
      },
    },
    cache,
    assets,
    inflight: shared.inflight,
    cacheWriteFailed: (nodeId: string, cause: unknown) => {
      if (shared.warned.has('cache_write_failed')) return;
      shared.warned.add('cache_write_failed');
      emit({
        type: 'run-warning',
        runId,
        code: 'cache_write_failed',
        nodeId,
        message: `could not save the result of "${nodeId}" in the cache (${describeCause(cause)}); this run keeps it, but later runs will pay for it again until the cache can be written`,
        at: Date.now(),
      });
    },
    imageOps: hashingImageOps(options.imageOps ?? NO_IMAGE_OPS, options.hashBytes ?? platformHashBytes),
  };

  const startNode = async (id: string): Promise<void> => {
    const node = nodes.get(id);
    if (!node) return;
    const began = Date.now();
    const errors = report.nodeErrors.get(id);
    if (errors && errors.length > 0) {
      finish(id, { status: 'failed', durationMs: 0, calls: 0, costUsd: 0, error: errors[0] as PeelError });
      return;
    }
    const definition = options.registry[node.type];
    if (!definition) throw new Error(`validated node ${id} has no definition`);
    const unfinished = upstreamOf(id).filter((source) => {
      const status = results.get(source)?.status;
      return status !== 'ran' && status !== 'cached';
    });
    const someArrived = unfinished.length < upstreamOf(id).length;
    const failedUpstream =
      definition.acceptsPartialInputs && someArrived && !outerSignal.aborted ? undefined : unfinished[0];
    // A run stopped by a fatal answer still exports what it paid for; a user cancel writes nothing.
    const stopped =
      stopController.signal.aborted && !(definition.acceptsPartialInputs && !outerSignal.aborted);
    if (failedUpstream !== undefined || stopped) {
      const cancelledRun = outerSignal.aborted;
      const error =
        stopError ??
        (cancelledRun
          ? peelError('cancelled', 'cancelled before it started', { nodeId: id })
          : peelError('upstream_failed', `needs "${failedUpstream}", which did not finish`, { nodeId: id }));
      finish(id, {
        status: cancelledRun ? 'cancelled' : 'skipped',
        durationMs: 0,
        calls: 0,
        costUsd: 0,
        error,
      });
      return;
    }
    emit({ type: 'node-start', runId, nodeId: id, at: began });
    const { inputs, sources } = gatherInputs(
      id,
      definition,
      report.graph,
      (source) => results.get(source)?.outputs,
    );
    const inputSources = Object.fromEntries(
      Object.entries(sources).map(([port, ids]) => [port, ids.map(sourceOf)]),
    );
    const execution = await executeNode(
      {
        node,
        definition,
        params: report.params.get(id),
        inputs,
        inputSources,
        reroll: reroll.has(id),
        workflowName: workflow.name,
        row: options.row ?? 1,
      },
      env,
    );
    if (execution.error && RUN_STOPPING_CODES.has(execution.error.code)) env.runtime.stopRun(execution.error);
    const status =
      execution.status === 'cancelled' && !outerSignal.aborted && stopError ? 'failed' : execution.status;
    finish(id, {
      ...execution,
      status,
      ...(status === 'failed' && !execution.error && stopError ? { error: stopError } : {}),
      durationMs: Date.now() - began,
    });
  };

  // Dataflow scheduling: a node starts as soon as everything it reads from has finished.
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const id of order) {
    const sources = upstreamOf(id).filter((source) => include.has(source));
    waitingOn.set(id, sources.length);
    for (const source of sources) dependents.set(source, [...(dependents.get(source) ?? []), id]);
    emit({ type: 'node-queued', runId, nodeId: id });
  }
  await new Promise<void>((resolve) => {
    let remaining = order.length;
    if (remaining === 0) resolve();
    const launch = (id: string) => {
      startNode(id)
        .catch((cause: unknown) => {
          const message = cause instanceof Error ? cause.message : String(cause);
          finish(id, {
            status: 'failed',
            durationMs: 0,
            calls: 0,
            costUsd: 0,
            error: peelError('internal', message, { nodeId: id }),
          });
        })
        .then(() => {
          for (const next of dependents.get(id) ?? []) {
            const left = (waitingOn.get(next) ?? 1) - 1;
            waitingOn.set(next, left);
            if (left === 0) launch(next);
          }
          remaining--;
          if (remaining === 0) resolve();
        });
    };
    for (const id of order) if (waitingOn.get(id) === 0) launch(id);
  });
  outerSignal.removeEventListener('abort', onOuterAbort);
  const anyFailed = [...results.values()].some(
    (result) => result.status === 'failed' || result.status === 'skipped',
  );
  return done(outerSignal.aborted ? 'cancelled' : anyFailed ? 'failed' : 'ok', stopError);

  function done(status: RunStatus, error?: PeelError): RunResult {
    let calls = 0;
    let cachedNodes = 0;
    let costUsd = 0;
    for (const result of results.values()) {
      calls += result.calls;
      costUsd += result.costUsd;
      if (result.status === 'cached') cachedNodes++;
    }
    const totals = { calls, cachedNodes, costUsd: roundUsd(costUsd) };
    emit({
      type: 'run-finish',
      runId,
      status,
      at: Date.now(),
      durationMs: Date.now() - startedAt,
      totals,
      ...(error ? { error } : {}),
    });
    return { runId, status, nodes: results, totals, estimate, ...(error ? { error } : {}) };
  }
}
