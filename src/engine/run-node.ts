import type { AssetStore } from './assets';
import type { CacheEntry, NodeCache } from './cache';
import { cacheKeyFor } from './cache-key';
import { addUsage, estimateCallUsd, typicalAnswerTokens, type Usage, ZERO_USAGE } from './cost';
import { type ImageOps, LOCAL_CACHE_PROVIDER } from './image-ops';
import type { InputSource } from './inputs-gather';
import { type CallRuntime, type CallTally, callModelWithRetry } from './model-call';
import type { AnyNodeDefinition, ExportFile } from './node-definition';
import { paidCallEntry, paidCallFromEntry, paidCallKey } from './paid-calls';
import type { ImageRequest } from './provider';
import { ok, type PeelError } from './result';
import type { NodeOutputs, PortValue } from './values';
import type { WorkflowNode } from './workflow';

export interface NodeExecution {
  status: 'ran' | 'cached' | 'failed' | 'cancelled';
  outputs?: NodeOutputs;
  exports?: ExportFile[];
  error?: PeelError;
  usage?: Usage;
  costUsd: number;
  calls: number;
  cacheKey?: string;
  /** What the user should know about how the node ran (from the provider, e.g. a route limit). */
  notes?: string[];
}

export interface NodeJob {
  node: WorkflowNode;
  definition: AnyNodeDefinition;
  params: unknown;
  inputs: Record<string, PortValue | undefined>;
  inputSources?: Record<string, InputSource[]>;
  reroll: boolean;
  workflowName: string;
  row: number;
}

export interface NodeEnvironment {
  runtime: CallRuntime;
  cache: NodeCache;
  assets: AssetStore;
  /** Model nodes with the same cache key in flight share one call ("never pay twice"). */
  inflight: Map<string, Promise<NodeExecution>>;
  /** A result that could not be cached: the run keeps it, but a later run would pay again. */
  cacheWriteFailed: (nodeId: string, cause: unknown) => void;
  imageOps: ImageOps;
}

export async function executeNode(job: NodeJob, env: NodeEnvironment): Promise<NodeExecution> {
  const { definition } = job;
  if (!definition.callsModel && !definition.cachesOutputs) return runDefinition(job, env, undefined);
  const cacheKey = cacheKeyFor({
    type: definition.type,
    version: definition.version,
    params: job.params,
    inputs: job.inputs,
    provider: definition.callsModel ? env.runtime.provider.id : LOCAL_CACHE_PROVIDER,
  });
  const pending = env.inflight.get(cacheKey);
  if (pending) {
    const shared = await pending;
    return shared.status === 'ran' ? { ...shared, status: 'cached', calls: 0, costUsd: 0 } : shared;
  }
  const cachedResult = async (): Promise<NodeExecution | undefined> => {
    if (job.reroll) return undefined;
    const hit = await env.cache.get(cacheKey).catch(() => undefined);
    if (!hit) return undefined;
    return {
      status: 'cached',
      outputs: hit.outputs,
      calls: 0,
      costUsd: 0,
      cacheKey,
      ...(hit.usage ? { usage: hit.usage } : {}),
    };
  };
  const runAndKeep = async (): Promise<NodeExecution> => {
    const result = await runDefinition(job, env, cacheKey);
    if (result.status === 'ran' && result.outputs && !env.runtime.signal.aborted) {
      const entry: CacheEntry = {
        outputs: result.outputs,
        usage: result.usage,
        costUsd: result.costUsd,
        provider: definition.callsModel ? env.runtime.provider.id : LOCAL_CACHE_PROVIDER,
        createdAt: Date.now(),
      };
      // A cache write failure costs a future re-run, not this run's result: keep the result, say so.
      await env.cache
        .set(cacheKey, entry)
        .catch((cause: unknown) => env.cacheWriteFailed(job.node.id, cause));
    }
    return result;
  };
  const work = (async (): Promise<NodeExecution> => {
    const early = await cachedResult();
    if (early) return early;
    // Another process on the same cache may be paying for this key right now: wait for its
    // answer, then read it from the cache instead of paying a second time.
    const release = await env.cache.lock?.(cacheKey, env.runtime.signal).catch(() => undefined);
    try {
      if (env.runtime.signal.aborted) return { status: 'cancelled', calls: 0, costUsd: 0, cacheKey };
      if (release) {
        const late = await cachedResult();
        if (late) return late;
      }
      return await runAndKeep();
    } finally {
      await release?.();
    }
  })();
  env.inflight.set(cacheKey, work);
  try {
    return await work;
  } finally {
    env.inflight.delete(cacheKey);
  }
}

async function runDefinition(
  job: NodeJob,
  env: NodeEnvironment,
  cacheKey: string | undefined,
): Promise<NodeExecution> {
  const tally: CallTally = { calls: 0, costUsd: 0 };
  let usage: Usage = ZERO_USAGE;
  const notes = new Set<string>();
  const base = () => ({
    calls: tally.calls,
    costUsd: tally.costUsd,
    ...(cacheKey ? { cacheKey } : {}),
    ...(notes.size > 0 ? { notes: [...notes] } : {}),
  });
  let callOrdinal = 0;
  // Answers paid for during this run: cached on their own only if the node does not finish (when
  // it does, its own entry holds them), so a failed or cancelled node never throws money away.
  const paid: Array<{ key: string; entry: CacheEntry }> = [];
  const keepPaid = async () => {
    for (const { key, entry } of paid) await env.cache.set(key, entry).catch(() => undefined);
  };
  try {
    const result = await job.definition.run({
      node: job.node,
      params: job.params,
      inputs: job.inputs,
      ...(job.inputSources ? { inputSources: job.inputSources } : {}),
      signal: env.runtime.signal,
      workflowName: job.workflowName,
      row: job.row,
      startedAt: new Date(),
      loadAsset: (hash) => env.assets.get(hash),
      imageOps: env.imageOps,
      callModel: async (request: ImageRequest) => {
        // Numbered as asked (synchronously, in order), so a re-run finds the same answers.
        const keptKey = cacheKey === undefined ? undefined : paidCallKey(cacheKey, ++callOrdinal);
        const kept =
          keptKey === undefined || job.reroll
            ? undefined
            : await env.cache.get(keptKey).then(
                (entry) => (entry ? paidCallFromEntry(entry) : undefined),
                () => undefined,
              );
        if (kept) return ok(kept);
        const historyImages = (request.history ?? []).reduce(
          (count, turn) => count + turn.parts.filter((part) => part.kind === 'image' && !part.thought).length,
          0,
        );
        const estimate = estimateCallUsd({
          model: request.model,
          imageSize: request.imageSize as never,
          promptChars: request.prompt.length,
          inputImages: request.references.length + historyImages,
          ...(request.answer ? { textOutputTokens: typicalAnswerTokens(request.answer) } : {}),
        });
        const outcome = await callModelWithRetry(env.runtime, job.node.id, request, estimate, tally);
        if (outcome.ok) {
          usage = addUsage(usage, outcome.value.usage);
          if (outcome.value.notice) notes.add(outcome.value.notice);
        } else if (outcome.error.usage) usage = addUsage(usage, outcome.error.usage);
        const entry = outcome.ok ? paidCallEntry(outcome.value, env.runtime.provider.id) : undefined;
        if (keptKey !== undefined && entry) paid.push({ key: keptKey, entry });
        return outcome;
      },
    });
    if (env.runtime.signal.aborted || !result.ok) await keepPaid();
    if (env.runtime.signal.aborted) return { status: 'cancelled', ...base() };
    if (!result.ok) {
      const status = result.error.code === 'cancelled' ? 'cancelled' : 'failed';
      return { status, error: { ...result.error, nodeId: job.node.id }, usage, ...base() };
    }
    return {
      status: 'ran',
      outputs: result.value.outputs,
      ...(result.value.exports ? { exports: result.value.exports } : {}),
      ...(job.definition.callsModel ? { usage } : {}),
      ...base(),
    };
  } catch (cause) {
    await keepPaid();
    if (env.runtime.signal.aborted) return { status: 'cancelled', ...base() };
    // A throwing node is a bug in the node, but one bad node must not take the run down.
    const message = cause instanceof Error ? cause.message : String(cause);
    return {
      status: 'failed',
      error: { code: 'internal', message: `node crashed: ${message}`, nodeId: job.node.id },
      ...base(),
    };
  }
}
