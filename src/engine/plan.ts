import type { AssetStore } from './assets';
import { bypassOutputs, isBypassed } from './bypass';
import type { NodeCache } from './cache';
import { type CacheKeyInput, cacheKeyFor } from './cache-key';
import { roundUsd } from './cost';
import type { NodePlan, RunEstimate } from './events';
import { LOCAL_CACHE_PROVIDER, NO_IMAGE_OPS } from './image-ops';
import { gatherInputs } from './inputs-gather';
import { planExpandedRun } from './many/estimate';
import { expandWorkflow } from './many/expand';
import type { AnyNodeDefinition, NodeRegistry } from './node-definition';
import type { ValidationReport } from './validate';
import type { ImageValue, NodeOutputs, PortValue } from './values';
import type { Workflow } from './workflow';

/** A prompt we cannot see yet (it comes from a node that has not run) is estimated at this size. */
const TYPICAL_PROMPT_CHARS = 400;

export interface PlanOptions {
  registry: NodeRegistry;
  providerId: string;
  /** The provider bills nothing (preview): every estimate is $0. */
  free?: boolean;
  cache: NodeCache;
  assets: AssetStore;
  /** Nodes this run covers (all when undefined). */
  include?: ReadonlySet<string>;
  reroll?: ReadonlySet<string>;
  workflowName?: string;
  row?: number;
  /** Receives the outputs planning already knows (computed or cached), by node id. */
  knownOutputs?: Map<string, NodeOutputs>;
}

/**
 * What a run will do, before it does it: walks the graph in order, computes cheap nodes, looks
 * model nodes up in the cache, and estimates the rest. Makes no model call.
 */
export async function planRun(
  // Kept for callers: the plan works on `report.workflow`, the flat graph the report checked.
  _workflow: Workflow,
  report: ValidationReport,
  options: PlanOptions,
): Promise<RunEstimate> {
  // The flat graph the report checked (components expanded, issue #15); nodes that map over many
  // values are planned as their concrete instances (src/engine/many/).
  const flat = report.workflow;
  if (report.readsMany !== false && expandWorkflow(flat, { registry: options.registry }).mapped)
    return planExpandedRun(flat, options, planConcrete);
  return planConcrete(flat, report, options);
}

async function planConcrete(
  workflow: Workflow,
  report: ValidationReport,
  options: PlanOptions,
): Promise<RunEstimate> {
  const perNode: Record<string, NodePlan> = {};
  const known = new Map<string, NodeOutputs>();
  // The flat graph (components expanded) that was validated.
  const nodes = new Map(report.workflow.nodes.map((node) => [node.id, node]));
  // One list of the cache's keys (where it offers one) instead of a read per node: a miss, the
  // common case, is then answered here. A key it lists is still read (the entry may be damaged).
  const present = options.cache.keys ? await options.cache.keys().catch(() => undefined) : undefined;
  const cached = (key: string) =>
    present && !present.has(key) ? Promise.resolve(undefined) : options.cache.get(key).catch(() => undefined);
  // A cache that lists no key can answer nothing: its keys are not worth computing (two SHA-256
  // per model node, about 20 ms for the 500-node bench graph opened on a first visit).
  const keyFor = (input: CacheKeyInput): string | undefined =>
    present?.size === 0 ? undefined : cacheKeyFor(input);
  let calls = 0;
  let cachedNodes = 0;
  let usd: number | null = 0;
  const blockedBy = (id: string): string | undefined => {
    for (const edges of report.graph.incoming.get(id)?.values() ?? []) {
      for (const edge of edges) {
        const upstream = perNode[edge.source];
        if (upstream && (upstream.action === 'invalid' || upstream.action === 'blocked')) return edge.source;
      }
    }
    return undefined;
  };
  for (const id of report.graph.order) {
    if (options.include && !options.include.has(id)) continue;
    const node = nodes.get(id);
    const errors = report.nodeErrors.get(id);
    if (!node) continue;
    if (errors && errors.length > 0) {
      perNode[id] = { action: 'invalid', calls: 0, usd: 0, reason: errors.map((e) => e.message).join('; ') };
      continue;
    }
    const upstreamProblem = blockedBy(id);
    if (upstreamProblem) {
      perNode[id] = {
        action: 'blocked',
        calls: 0,
        usd: 0,
        reason: `needs "${upstreamProblem}", which cannot run`,
      };
      continue;
    }
    const definition = options.registry[node.type];
    const params = report.params.get(id);
    if (!definition) continue;
    if (isBypassed(node)) {
      // No call, no cost: the values pass through, so what follows still finds its cache entries.
      const passed = gatherInputs(id, definition, report.graph, (source) => known.get(source));
      if (passed.complete) known.set(id, bypassOutputs(definition, passed.inputs));
      perNode[id] = { action: 'bypassed', calls: 0, usd: 0 };
      continue;
    }
    const { inputs, complete } = gatherInputs(
      id,
      definition,
      report.graph,
      (source) => known.get(source),
      params,
    );
    if (!definition.callsModel && definition.cachesOutputs) {
      // Image tools are not run while planning (heavy pixel work); a cache hit is reported as one.
      const hit =
        complete && !options.reroll?.has(id) ? await lookUpLocal(definition, params, inputs) : undefined;
      if (hit) {
        known.set(id, hit.outputs);
        perNode[id] = { action: 'cached', calls: 0, usd: 0 };
        cachedNodes++;
      } else perNode[id] = { action: 'compute', calls: 0, usd: 0 };
      continue;
    }
    if (!definition.callsModel) {
      perNode[id] = { action: 'compute', calls: 0, usd: 0 };
      if (complete) {
        const result = await definition
          .run({
            node,
            params,
            inputs,
            signal: new AbortController().signal,
            workflowName: options.workflowName ?? workflow.name,
            row: options.row ?? 1,
            startedAt: new Date(),
            loadAsset: (hash) => options.assets.get(hash),
            imageOps: NO_IMAGE_OPS,
            callModel: async () => ({
              ok: false,
              error: { code: 'internal', message: 'planning makes no calls' },
            }),
          })
          .catch(() => undefined);
        if (result?.ok) known.set(id, result.value.outputs);
      }
      continue;
    }
    if (complete && !options.reroll?.has(id)) {
      const key = keyFor({
        type: definition.type,
        version: definition.version,
        params,
        inputs,
        provider: options.providerId,
      });
      const hit = key === undefined ? undefined : await cached(key);
      if (hit) {
        known.set(id, hit.outputs);
        perNode[id] = { action: 'cached', calls: 0, usd: 0 };
        cachedNodes++;
        continue;
      }
    }
    const promptValue = Object.values(inputs).find((value): value is string => typeof value === 'string');
    const imageCount = Object.values(inputs).reduce<number>((count, value) => {
      if (Array.isArray(value)) return count + value.length;
      if (value !== undefined && typeof value !== 'string') return count + 1 + historyImages(value);
      return count;
    }, 0);
    const estimate = definition.estimate?.(params, {
      promptChars: promptValue?.length ?? TYPICAL_PROMPT_CHARS,
      inputImages: imageCount,
    }) ?? { calls: 1, usd: null };
    const nodeUsd = options.free ? 0 : estimate.usd;
    perNode[id] = { action: 'call', calls: estimate.calls, usd: nodeUsd };
    calls += estimate.calls;
    usd = usd === null || nodeUsd === null ? null : usd + nodeUsd;
  }
  for (const [id, outputs] of known) options.knownOutputs?.set(id, outputs);
  return { calls, cachedNodes, usd: usd === null ? null : roundUsd(usd), perNode };

  function lookUpLocal(
    definition: AnyNodeDefinition,
    params: unknown,
    inputs: Record<string, PortValue | undefined>,
  ) {
    const key = keyFor({
      type: definition.type,
      version: definition.version,
      params,
      inputs,
      provider: LOCAL_CACHE_PROVIDER,
    });
    return key === undefined ? Promise.resolve(undefined) : cached(key);
  }
}

function historyImages(image: ImageValue): number {
  return (image.conversation ?? []).reduce(
    (count, turn) => count + turn.parts.filter((part) => part.kind === 'image' && !part.thought).length,
    0,
  );
}
