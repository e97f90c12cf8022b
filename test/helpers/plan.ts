import { nodeRegistry } from '../../nodes/registry';
import { MemoryAssetStore } from '../../src/engine/assets';
import { MemoryCache } from '../../src/engine/cache';
import { type PlanOptions, planRun } from '../../src/engine/plan';
import { validateWorkflow } from '../../src/engine/validate';
import type { NodeOutputs } from '../../src/engine/values';
import type { Workflow } from '../../src/engine/workflow';

export type PlanExtra = Partial<Omit<PlanOptions, 'knownOutputs'>>;

/**
 * Validates and plans `workflow` (real registry, empty cache and assets unless given); returns the
 * estimate, the report and the outputs planning learnt, by node id.
 */
export async function planOf(workflow: Workflow, extra: PlanExtra = {}) {
  const registry = extra.registry ?? nodeRegistry;
  const report = validateWorkflow(workflow, registry);
  const knownOutputs = new Map<string, NodeOutputs>();
  const estimate = await planRun(workflow, report, {
    registry,
    providerId: 'scripted',
    cache: new MemoryCache(),
    assets: new MemoryAssetStore(),
    knownOutputs,
    ...extra,
  });
  return { estimate, report, knownOutputs };
}

/** The definition's own estimate of one node, given the context the planner should pass it. */
export function usdOf(
  type: 'generate' | 'edit',
  params: unknown,
  promptChars: number,
  inputImages: number,
): number {
  const usd = nodeRegistry[type].estimate?.(params as never, { promptChars, inputImages }).usd;
  if (usd === undefined || usd === null) throw new Error(`no price for ${type}`);
  return usd;
}
