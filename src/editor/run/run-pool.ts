import { BudgetTracker } from '../../engine/budget';
import { formatUsd, roundUsd } from '../../engine/cost';
import type { RunEstimate } from '../../engine/events';
import type { SharedRunResources } from '../../engine/executor';
import { CallLimiter } from '../../engine/limiter';

/**
 * Runs in several workflow tabs at once share one budget and one call queue per route, so two
 * tabs running together never pass the budget cap nor the "Parallel calls" limit (issue #17).
 *
 * - Budget: runs that overlap in time share one tracker (the cap is per run, and overlapping runs
 *   count as one). Every call reserves from it, so the cap holds call by call. Before a run starts,
 *   its estimate is checked against the cap minus what the runs already going may still spend
 *   (their estimate less what they spent): a run that does not fit does not start.
 * - Calls: one limiter per route, whatever tab runs, so a rate-limit pause also holds every tab.
 */

interface Pool {
  budget: BudgetTracker;
  members: Set<PooledBudget>;
}

let pool: Pool | null = null;
const limiters = new Map<string, CallLimiter>();

/** A run's view of the shared budget: calls go to the pool; others' unspent estimates count as spent. */
class PooledBudget extends BudgetTracker {
  /** What this run's estimate said it would spend (its hold on the cap while it runs). */
  planned = 0;
  /** What this run's calls have cost so far. */
  own = 0;

  constructor(private readonly shared: Pool) {
    super(shared.budget.maxUsd);
  }

  /** What the other runs in the pool may still spend. */
  heldByOthers(): number {
    let held = 0;
    for (const member of this.shared.members)
      if (member !== this) held += Math.max(0, member.planned - member.own);
    return roundUsd(held);
  }

  override get spent(): number {
    return roundUsd(this.shared.budget.spent + this.heldByOthers());
  }

  override tryReserve(estimateUsd: number | null): boolean {
    return this.shared.budget.tryReserve(estimateUsd);
  }

  override settle(reservedUsd: number | null, actualUsd: number | null): void {
    this.shared.budget.settle(reservedUsd, actualUsd);
    this.own += actualUsd ?? 0;
  }
}

export interface PooledRun {
  shared: SharedRunResources;
  /** Called with the run's estimate (its run-start event): that much is held until it ends. */
  planned(estimate: RunEstimate): void;
  /** What the runs in other tabs may still spend of the cap, when this run started. */
  heldByOthers(): number;
  /** The run ended: it no longer holds any of the cap. */
  leave(): void;
}

export type JoinResult = { ok: true; run: PooledRun } | { ok: false; message: string };

/**
 * A run joins the pool. `routeKey` names the call queue (provider and route), `capUsd` is the
 * budget cap in Settings (null: none).
 */
export function joinRunPool(routeKey: string, concurrency: number, capUsd: number | null): JoinResult {
  const cap = capUsd ?? undefined;
  if (pool && pool.members.size > 0 && pool.budget.maxUsd !== cap) {
    const was = pool.budget.maxUsd === undefined ? 'no budget cap' : `a ${formatUsd(pool.budget.maxUsd)} cap`;
    return {
      ok: false,
      message: `Not started: a run in another tab is going under ${was}; a run under the new cap starts once it has ended.`,
    };
  }
  if (!pool || pool.members.size === 0) pool = { budget: new BudgetTracker(cap), members: new Set() };
  const current = pool;
  const budget = new PooledBudget(current);
  current.members.add(budget);
  let limiter = limiters.get(routeKey);
  if (limiter) limiter.setLimit(concurrency);
  else {
    limiter = new CallLimiter(concurrency);
    limiters.set(routeKey, limiter);
  }
  return {
    ok: true,
    run: {
      shared: { limiter, budget, inflight: new Map(), warned: new Set() },
      planned: (estimate) => {
        // Lists whose counts come from an answer: the estimate is counted at its declared maximum.
        budget.planned = estimate.usd ?? 0;
      },
      heldByOthers: () => budget.heldByOthers(),
      leave: () => {
        current.members.delete(budget);
      },
    },
  };
}

/** How many runs are going (tests, and the "runs in other tabs" wording). */
export const pooledRunCount = (): number => pool?.members.size ?? 0;

/** Forgets the pool and the queues (tests start each editor afresh). */
export function resetRunPool(): void {
  pool = null;
  limiters.clear();
}
