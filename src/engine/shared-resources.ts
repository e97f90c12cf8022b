import { BudgetTracker } from './budget';
import type { RunWarningCode } from './events';
import { CallLimiter } from './limiter';
import type { NodeExecution } from './run-node';

/** What batch rows share: one queue, one budget, one in-flight table, one set of warnings given. */
export interface SharedRunResources {
  limiter: CallLimiter;
  budget: BudgetTracker;
  inflight: Map<string, Promise<NodeExecution>>;
  /** Warnings already given: each is said once per run, and once for a whole batch. */
  warned: Set<RunWarningCode>;
}

export function createSharedResources(
  options: { concurrency?: number; maxCostUsd?: number } = {},
): SharedRunResources {
  return {
    limiter: new CallLimiter(options.concurrency ?? 4),
    budget: new BudgetTracker(options.maxCostUsd),
    inflight: new Map(),
    warned: new Set(),
  };
}
