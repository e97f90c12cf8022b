import { expandComponents } from './components/expand';
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
  // Plans name the flat graph's nodes: a component input's value node is `instance/@input`.
  const sources = exposedInputs(workflow)
    .filter((input) => columns.includes(input.name))
    .map((input) => (input.componentInput ? `${input.nodeId}/@${input.componentInput}` : input.nodeId));
  return descendantsOf(sources, buildGraph(expandComponents(workflow).workflow));
}

/** Sums per-row plans, counting row-independent nodes once (CLI and Batch panel alike). */
export function batchEstimate(plans: readonly RunEstimate[], dependent: ReadonlySet<string>): BatchEstimate {
  const sum = new BatchEstimateSum(dependent);
  for (const plan of plans) sum.add(plan);
  return sum.value();
}

/** The same sum, one row at a time: a streamed batch never holds every row's plan. */
export class BatchEstimateSum {
  private calls = 0;
  private cachedNodes = 0;
  private usd: number | null = 0;
  private started = false;

  constructor(private readonly dependent: ReadonlySet<string>) {}

  add(plan: RunEstimate): void {
    const first = !this.started;
    this.started = true;
    for (const [id, node] of Object.entries(plan.perNode)) {
      if (!first && !this.dependent.has(id)) continue;
      this.calls += node.calls;
      if (node.action === 'cached') this.cachedNodes++;
      this.usd = this.usd === null || node.usd === null ? null : this.usd + node.usd;
    }
  }

  value(): BatchEstimate {
    return {
      calls: this.calls,
      cachedNodes: this.cachedNodes,
      usd: this.usd === null ? null : roundUsd(this.usd),
    };
  }
}
