import { type AssetStore, MemoryAssetStore } from './assets';
import { overBudgetError } from './budget';
import { bypassOutputs, isBypassed } from './bypass';
import { MemoryCache, type NodeCache } from './cache';
import { expandComponents } from './components/expand';
import { flatIdsOf } from './components/flat-ids';
import { roundUsd } from './cost';
import type {
  NodeFinishStatus,
  RunEstimate,
  RunEvent,
  RunEventListener,
  RunStatus,
  RunTotals,
} from './events';
import { ancestorsOf, buildGraph } from './graph';
import { type HashBytes, platformHashBytes } from './hash-bytes';
import { hashingImageOps, type ImageOps, NO_IMAGE_OPS } from './image-ops';
import { gatherInputs, type InputSource } from './inputs-gather';
import { elementBaseOf } from './many/element-id';
import { planExpandedRun } from './many/estimate';
import { elementRefOf } from './many/instances';
import { RunExpansion, validateExpanded } from './many/run-expansion';
import type { NodeRegistry } from './node-definition';
import { planRun } from './plan';
import type { ImageProvider } from './provider';
import { type PeelError, peelError } from './result';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { rememberHits } from './run-cache';
import { executeNode, type NodeExecution } from './run-node';
import { createSharedResources, type SharedRunResources } from './shared-resources';

export { createSharedResources, type SharedRunResources };

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
  /** Run only what these nodes need (node ids of the file, or element instances such as `gen[2]`). */
  targets?: string[];
  /** Bypass the cache once for these nodes (a node of the file: all its elements; `gen[2]`: that one). */
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
  // Components first (issue #15): a pure step giving a flat graph with `instance/inner` ids.
  const components = expandComponents(workflow);
  const flat = components.workflow;
  // Many-values over the flat graph: the executor runs concrete instances (`gen[1]`, ...); see src/engine/many/.
  const expansion = new RunExpansion(flat, options.registry);
  let concrete = expansion.current.workflow;
  let report = validateExpanded(expansion.current, options.registry, components);
  const cache = rememberHits(options.cache ?? new MemoryCache());
  const assets = options.assets ?? new MemoryAssetStore();
  const shared = options.shared ?? createSharedResources(options);
  const stopController = new AbortController();
  const outerSignal = options.signal ?? new AbortController().signal;
  const onOuterAbort = () => stopController.abort(outerSignal.reason);
  if (outerSignal.aborted) stopController.abort(outerSignal.reason);
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts at most once; the listener is removed when the run ends
  else outerSignal.addEventListener('abort', onOuterAbort, { once: true });
  let stopError: PeelError | undefined;

  // A component instance (an id of the file) stands for every node inside it; element ids
  // (`gen[2]`) and flat ids pass as they are.
  const flatOrder = flat.nodes.map((node) => node.id);
  const targets = options.targets ? flatIdsOf(options.targets, flatOrder) : undefined;
  const fileGraph = expansion.current.mapped ? buildGraph(flat) : report.graph;
  const knownFlat = new Set(flatOrder);
  const baseOf = (id: string) => expansion.info(id)?.of ?? elementBaseOf(id, knownFlat) ?? id;
  const targetsOf = (targets ?? []).map(baseOf);
  // Elements asked for before their node's instances exist (`gen[1]` mapped over an answer to come):
  // what the node needs runs now, and of its instances only the asked ones (and what they need) join.
  const pendingElements = (targets ?? []).filter(
    (id) => expansion.info(id) === undefined && elementBaseOf(id, knownFlat) !== undefined,
  );
  const wholeNeeded = ancestorsOf(
    (targets ?? []).filter((id) => !pendingElements.includes(id)).map(baseOf),
    fileGraph,
  );
  const includeOf = targets
    ? ancestorsOf(
        targetsOf.filter((id) => fileGraph.incoming.has(id)),
        fileGraph,
      )
    : undefined;
  const asked = new Set(targets ?? []);
  // A target mapped over an answer still to come has no instance yet: what it needs in the file
  // runs now, and its instances join when the answer arrives (see grow).
  const neededByWaiting = ancestorsOf(
    targetsOf.filter((id) => expansion.current.waiting.has(id)),
    fileGraph,
  );
  const include = targets
    ? ancestorsOf(
        report.graph.order.filter(
          (id) =>
            asked.has(id) ||
            asked.has(expansion.info(id)?.of ?? id) ||
            neededByWaiting.has(expansion.info(id)?.of ?? id),
        ),
        report.graph,
      )
    : new Set(report.graph.order);
  const rerollAsked = new Set(flatIdsOf(options.reroll ?? [], flatOrder));
  const rerolls = (id: string) => rerollAsked.has(id) || rerollAsked.has(expansion.info(id)?.of ?? id);
  const reroll = new Set(report.graph.order.filter(rerolls));
  const order = report.graph.order.filter((id) => include.has(id));
  const estimate = await planExpandedRun(
    flat,
    {
      registry: options.registry,
      providerId: options.provider.id,
      free: options.provider.free ?? false,
      cache,
      assets,
      ...(includeOf ? { include: includeOf } : {}),
      reroll: rerollAsked,
      workflowName: workflow.name,
      row: options.row ?? 1,
    },
    planRun,
  );
  emit({ type: 'run-start', runId, row: options.row ?? 1, nodeIds: order, estimate, at: startedAt });

  const results = new Map<string, NodeResult>();
  const finish = (nodeId: string, result: NodeResult) => {
    results.set(nodeId, result);
    const element = elementRefOf(nodeId, expansion.info(nodeId));
    emit({
      type: 'node-finish',
      runId,
      nodeId,
      ...(element ? { element } : {}),
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

  // With counts still to come from an answer, what the file fixes is checked now, the rest on arrival.
  const overBudget = options.refuseOverBudgetEstimate
    ? overBudgetError(estimate.known ?? estimate, shared.budget)
    : undefined;
  if (overBudget) {
    for (const id of order)
      finish(id, { status: 'skipped', durationMs: 0, calls: 0, costUsd: 0, error: overBudget });
    return done('failed', overBudget);
  }

  let nodes = new Map(concrete.nodes.map((node) => [node.id, node]));
  const sourceOf = (nodeId: string): InputSource => {
    const label = nodes.get(nodeId)?.label?.trim();
    const element = elementRefOf(nodeId, expansion.info(nodeId));
    return {
      nodeId,
      ...(label ? { label } : {}),
      ...(element ? { element: element.index, ...(element.item ? { item: element.item } : {}) } : {}),
    };
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
        ...causeCodeOf(cause),
        at: Date.now(),
      });
    },
    imageOps: hashingImageOps(options.imageOps ?? NO_IMAGE_OPS, options.hashBytes ?? platformHashBytes),
  };

  const startNode = async (id: string): Promise<void> => {
    const node = nodes.get(id);
    // Stryker disable next-line ConditionalExpression: every id started is a node of the concrete graph; this narrows the type
    if (!node) return;
    const began = Date.now();
    const problem = refused.get(id) ?? report.nodeErrors.get(id)?.[0];
    if (problem) {
      finish(id, { status: 'failed', durationMs: 0, calls: 0, costUsd: 0, error: problem });
      return;
    }
    const definition = options.registry[node.type];
    // Stryker disable next-line ConditionalExpression,StringLiteral: an unknown type is a node error, so such a node failed above
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
    const element = elementRefOf(id, expansion.info(id));
    emit({ type: 'node-start', runId, nodeId: id, at: began, ...(element ? { element } : {}) });
    if (isBypassed(node)) {
      const passed = gatherInputs(id, definition, report.graph, (source) => results.get(source)?.outputs);
      finish(id, {
        status: 'ran',
        outputs: bypassOutputs(definition, passed.inputs),
        calls: 0,
        costUsd: 0,
        durationMs: Date.now() - began,
        notes: ['bypassed: passed its input through without running'],
      });
      return;
    }
    const { inputs, sources } = gatherInputs(
      id,
      definition,
      report.graph,
      (source) => results.get(source)?.outputs,
      report.params.get(id),
    );
    const inputSources = Object.fromEntries(
      Object.entries(sources).map(([port, ids]) => [port, ids.map(sourceOf)]),
    );
    // A fatal answer stops paid calls, not the export of what was paid for: a node that takes
    // partial inputs and calls no model runs until the user cancels, or the stop discards its result.
    const nodeEnv =
      definition.acceptsPartialInputs && !definition.callsModel
        ? { ...env, runtime: { ...env.runtime, signal: outerSignal } }
        : env;
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
      nodeEnv,
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

  // Many-values: the instances an answer's count adds, validated and (under a refusing cap) planned.
  const refused = new Map<string, PeelError>();
  const grow = async (id: string): Promise<string[]> => {
    const outputs = results.get(id)?.outputs;
    if (!outputs || expansion.current.waiting.size === 0) return [];
    let added = expansion
      .expandAfter(id, outputs)
      .filter((next) => includeOf === undefined || includeOf.has(expansion.info(next)?.of ?? next));
    if (added.length === 0) return [];
    concrete = expansion.current.workflow;
    report = validateExpanded(expansion.current, options.registry);
    nodes = new Map(concrete.nodes.map((node) => [node.id, node]));
    if (pendingElements.length > 0) {
      const wanted = ancestorsOf(
        pendingElements.filter((element) => nodes.has(element)),
        report.graph,
      );
      added = added.filter((next) => wanted.has(next) || wholeNeeded.has(expansion.info(next)?.of ?? next));
      if (added.length === 0) return [];
    }
    for (const next of added) {
      include.add(next);
      if (rerolls(next)) reroll.add(next);
    }
    if (options.refuseOverBudgetEstimate) {
      const more = await planRun(concrete, report, {
        registry: options.registry,
        providerId: options.provider.id,
        free: options.provider.free ?? false,
        cache,
        assets,
        include: new Set(added),
        reroll,
        workflowName: workflow.name,
        row: options.row ?? 1,
      });
      const over = overBudgetError(more, shared.budget);
      if (over) for (const next of added) refused.set(next, over);
    }
    return added;
  };

  // Dataflow scheduling: a node starts as soon as everything it reads from has finished.
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  const queue = (ids: readonly string[]) => {
    for (const id of ids) {
      const sources = upstreamOf(id).filter((source) => include.has(source) && !results.has(source));
      waitingOn.set(id, sources.length);
      for (const source of sources) dependents.set(source, [...(dependents.get(source) ?? []), id]);
      const element = elementRefOf(id, expansion.info(id));
      emit({ type: 'node-queued', runId, nodeId: id, ...(element ? { element } : {}) });
    }
  };
  queue(order);
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
        .then(() => grow(id))
        .then((added) => {
          queue(added);
          remaining += added.length;
          for (const next of added) if (waitingOn.get(next) === 0) launch(next);
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
  // Stryker disable next-line StringLiteral: only lets the finished run be collected; nothing reads its stop signal afterwards
  outerSignal.removeEventListener('abort', onOuterAbort);
  // Nodes that map over an answer that never came (its node failed or was cancelled).
  for (const [id, producer] of expansion.current.waiting) {
    if (includeOf !== undefined && !includeOf.has(id)) continue;
    finish(id, {
      status: outerSignal.aborted ? 'cancelled' : 'skipped',
      durationMs: 0,
      calls: 0,
      costUsd: 0,
      error:
        stopError ??
        peelError('upstream_failed', `needs the answer of "${producer}", which did not finish`, {
          nodeId: id,
        }),
    });
  }
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

/** A failure's own code (a store's `quota_exceeded`), for the warning: the editor groups by it. */
function causeCodeOf(cause: unknown): { causeCode?: string } {
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? { causeCode: code } : {};
}
