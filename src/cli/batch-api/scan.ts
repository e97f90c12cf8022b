/**
 * One pass over every row: cheap nodes computed in-process, model nodes answered from the cache,
 * and the model nodes whose inputs are all known but which have no answer yet collected as
 * "pending" (deduplicated across rows by cache key). Makes no model call.
 */
import type { AssetStore } from '../../engine/assets';
import type { NodeCache } from '../../engine/cache';
import { cacheKeyFor } from '../../engine/cache-key';
import { flatIdsOf } from '../../engine/components/flat-ids';
import { ancestorsOf } from '../../engine/graph';
import { gatherInputs } from '../../engine/inputs-gather';
import type { NodeRegistry } from '../../engine/node-definition';
import type { ImageRequest, ProviderError } from '../../engine/provider';
import type { NodeOutputs } from '../../engine/values';
import type { PreparedRun } from '../prepare';
import { type NodeTarget, recordRequests, requestFingerprint, runTarget } from './node-target';
import type { BatchRunState } from './state';

export interface PendingNode {
  cacheKey: string;
  target: NodeTarget;
  requests: ImageRequest[];
}

export interface ScanResult {
  /** By cache key, in the order first met. */
  pending: Map<string, PendingNode>;
  /** Request fingerprint -> the failure its batch answer gave (for the final pass). */
  failures: Map<string, ProviderError>;
}

export interface ScanContext {
  rows: PreparedRun[];
  registry: NodeRegistry;
  cache: NodeCache;
  assets: AssetStore;
  state: BatchRunState;
  providerId: string;
  reroll: ReadonlySet<string>;
  targets: readonly string[];
}

export async function scanRows(context: ScanContext): Promise<ScanResult> {
  const result: ScanResult = { pending: new Map(), failures: new Map() };
  for (const [index, row] of context.rows.entries()) await scanRow(row, index + 1, context, result);
  return result;
}

async function scanRow(row: PreparedRun, rowNumber: number, context: ScanContext, result: ScanResult) {
  const { workflow, report } = row;
  const include =
    context.targets.length > 0
      ? ancestorsOf(flatIdsOf(context.targets, report.graph.order), report.graph)
      : undefined;
  const rerolled = new Set(flatIdsOf([...context.reroll], report.graph.order));
  // The flat graph: nodes inside components are asked for like any other (issue #15).
  const nodes = new Map(report.workflow.nodes.map((node) => [node.id, node]));
  const known = new Map<string, NodeOutputs>();
  for (const id of report.graph.order) {
    const node = nodes.get(id);
    const definition = node ? context.registry[node.type] : undefined;
    if (!node || !definition || (include && !include.has(id))) continue;
    if ((report.nodeErrors.get(id) ?? []).length > 0) continue;
    const { inputs, complete } = gatherInputs(id, definition, report.graph, (source) => known.get(source));
    if (!complete) continue;
    const target: NodeTarget = {
      node,
      definition,
      params: report.params.get(id),
      inputs,
      workflowName: workflow.name,
      row: rowNumber,
      assets: context.assets,
    };
    if (!definition.callsModel) {
      const ran = await runTarget(target, async () => ({
        ok: false,
        error: { code: 'internal', message: 'a cheap node asked for a model call' },
      }));
      if (ran.ok) known.set(id, ran.value.outputs);
      continue;
    }
    const cacheKey = cacheKeyFor({
      type: definition.type,
      version: definition.version,
      params: target.params,
      inputs,
      provider: context.providerId,
    });
    const outcome = context.state.nodes[cacheKey];
    if (outcome?.status === 'failed') {
      const error: ProviderError = {
        code: outcome.error?.code ?? 'bad_response',
        message: outcome.error?.message ?? 'the batch request failed',
        retryable: false,
      };
      for (const request of await recordRequests(target))
        result.failures.set(requestFingerprint(request), error);
      continue;
    }
    // --reroll bypasses the cache once per batch run: not again for what this run already answered.
    const rerolling = rerolled.has(id) && outcome === undefined;
    const hit = rerolling ? undefined : await context.cache.get(cacheKey).catch(() => undefined);
    if (hit) {
      known.set(id, hit.outputs);
      continue;
    }
    if (result.pending.has(cacheKey)) continue;
    const requests = await recordRequests(target);
    // A node that refuses its inputs before calling fails the same way in the final pass.
    if (requests.length > 0) result.pending.set(cacheKey, { cacheKey, target, requests });
  }
}
