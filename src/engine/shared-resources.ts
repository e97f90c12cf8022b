import { BudgetTracker } from './budget';
import { CallLimiter } from './limiter';
import type { NodeExecution } from './run-node';

/** What batch rows share: one queue, one budget, one in-flight table. */
export interface SharedRunResources {
  limiter: CallLimiter;
  budget: BudgetTracker;
  inflight: Map<string, Promise<NodeExecution>>;
}

export function createSharedResources(
  options: { concurrency?: number; maxCostUsd?: number } = {},
): SharedRunResources {
  return {
    limiter: new CallLimiter(options.concurrency ?? 4),
    budget: new BudgetTracker(options.maxCostUsd),
    inflight: new Map(),
  };
}
