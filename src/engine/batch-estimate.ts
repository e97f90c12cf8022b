import { roundUsd } from './cost';
import type { RunEstimate } from './events';
import { buildGraph, descendantsOf } from './graph';
import { exposedInputs } from './inputs';
import type { Workflow } from './workflow';

export interface BatchEstimate {
  calls: number;
  cachedNodes: number;
  usd: number | null;
}

/** Nodes whose value depends on a batch column: they run once per row; the rest once per batch. */
export function rowDependentNodes(workflow: Workflow, columns: readonly string[]): Set<string> {
  const sources = exposedInputs(workflow)
    .filter((input) => columns.includes(input.name))
    .map((input) => input.nodeId);
  return descendantsOf(sources, buildGraph(workflow));
}

/** Sums per-row plans, counting row-independent nodes once (CLI and Batch panel alike). */
export function batchEstimate(plans: readonly RunEstimate[], dependent: ReadonlySet<string>): BatchEstimate {
  let calls = 0;
  let cachedNodes = 0;
  let usd: number | null = 0;
  plans.forEach((plan, index) => {
    for (const [id, node] of Object.entries(plan.perNode)) {
      if (index > 0 && !dependent.has(id)) continue;
      calls += node.calls;
      if (node.action === 'cached') cachedNodes++;
      usd = usd === null || node.usd === null ? null : usd + node.usd;
    }
  });
  return { calls, cachedNodes, usd: usd === null ? null : roundUsd(usd) };
}
