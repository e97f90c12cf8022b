import { nodeRegistry } from '../../../../nodes/registry';
import { roundUsd } from '../../../engine/cost';
import type { RunEstimate } from '../../../engine/events';
import { exposedInputs } from '../../../engine/inputs';
import { validateWorkflow } from '../../../engine/validate';
import type { Workflow } from '../../../engine/workflow';

export interface BatchEstimate {
  calls: number;
  cachedNodes: number;
  usd: number | null;
}

/** Nodes whose value depends on a batch column: they run once per row; the rest once per batch. */
export function rowDependentNodes(workflow: Workflow, columns: readonly string[]): Set<string> {
  const report = validateWorkflow(workflow, nodeRegistry);
  const queue = exposedInputs(workflow)
    .filter((input) => columns.includes(input.name))
    .map((input) => input.nodeId);
  const dependent = new Set<string>();
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (dependent.has(id)) continue;
    dependent.add(id);
    for (const edge of report.graph.outgoing.get(id) ?? []) queue.push(edge.target);
  }
  return dependent;
}

/** Sums per-row plans, counting row-independent nodes once (the CLI's batch estimate). */
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
