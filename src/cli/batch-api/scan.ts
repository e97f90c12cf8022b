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
import { type Expansion, expandWorkflow } from '../../engine/many/expand';
import { validateExpanded } from '../../engine/many/run-expansion';
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
  // The flat graph (components expanded, issue #15): a component instance named in --only or
  // --reroll stands for every node inside it; element ids (`gen[2]`) pass as they are.
  const flatWorkflow = row.report.workflow;
  const flatOrder = flatWorkflow.nodes.map((node) => node.id);
  const flatContext: ScanContext = {
    ...context,
    targets: flatIdsOf(context.targets, flatOrder),
    reroll: new Set(flatIdsOf([...context.reroll], flatOrder)),
  };
  const known = new Map<string, NodeOutputs>();
  // Many-values: walk the concrete instances; an answer that gives a count (a text model's list,
  // cached by an earlier level) expands the nodes that map over it, and the walk goes on.
  const answers = new Map<string, NodeOutputs>();
  for (;;) {
    const expansion = expandWorkflow(flatWorkflow, { registry: context.registry, arrived: answers });
    await scanExpanded(expansion, row.workflow.name, rowNumber, flatContext, result, known);
    const learnt = [...new Set(expansion.waiting.values())].filter((id) => !answers.has(id) && known.has(id));
    if (learnt.length === 0) return;
    for (const id of learnt) answers.set(id, known.get(id) as NodeOutputs);
  }
}

async function scanExpanded(
  expansion: Expansion,
  workflowName: string,
  rowNumber: number,
  context: ScanContext,
  result: ScanResult,
  known: Map<string, NodeOutputs>,
) {
  const { workflow } = expansion;
  const report = validateExpanded(expansion, context.registry);
  const fileNodeOf = (id: string) => expansion.instances.get(id)?.of ?? id;
  const asked = new Set(context.targets);
  const include =
    context.targets.length > 0
      ? ancestorsOf(
          report.graph.order.filter((id) => asked.has(id) || asked.has(fileNodeOf(id))),
          report.graph,
        )
      : undefined;
  const nodes = new Map(workflow.nodes.map((node) => [node.id, node]));
  for (const id of report.graph.order) {
    if (known.has(id)) continue;
    const node = nodes.get(id);
    const definition = node ? context.registry[node.type] : undefined;
    if (!node || !definition || (include && !include.has(id))) continue;
    if ((report.nodeErrors.get(id) ?? []).length > 0) continue;
    const { inputs, complete } = gatherInputs(
      id,
      definition,
      report.graph,
      (source) => known.get(source),
      report.params.get(id),
    );
    if (!complete) continue;
    const target: NodeTarget = {
      node,
      definition,
      params: report.params.get(id),
      inputs,
      workflowName,
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
    const rerolling = (context.reroll.has(id) || context.reroll.has(fileNodeOf(id))) && outcome === undefined;
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
