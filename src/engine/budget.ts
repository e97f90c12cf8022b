import { formatUsd, roundUsd } from './cost';
import { type PeelError, peelError } from './result';

/** Spend so far plus money reserved by calls in flight; a call starts only if it fits the cap. */
export class BudgetTracker {
  private spentUsd = 0;
  private reservedUsd = 0;

  constructor(readonly maxUsd: number | undefined) {}

  get spent(): number {
    return roundUsd(this.spentUsd);
  }

  /** Reserve an estimate; false when it would pass the cap (or cannot be known under a cap). */
  tryReserve(estimateUsd: number | null): boolean {
    if (this.maxUsd === undefined) {
      // Stryker disable next-line AssignmentOperator,LogicalOperator: without a cap (fixed at construction) the reservation is never read
      this.reservedUsd += estimateUsd ?? 0;
      return true;
    }
    if (estimateUsd === null) return false;
    if (this.spentUsd + this.reservedUsd + estimateUsd > this.maxUsd + 1e-9) return false;
    this.reservedUsd += estimateUsd;
    return true;
  }

  settle(reservedUsd: number | null, actualUsd: number | null): void {
    this.reservedUsd = Math.max(0, this.reservedUsd - (reservedUsd ?? 0));
    this.spentUsd += actualUsd ?? 0;
  }
}

/** Why a run whose estimate passes the cap must not start (with the figures), or undefined. */
export function overBudgetError(
  estimate: { calls: number; usd: number | null },
  budget: BudgetTracker,
): PeelError | undefined {
  const cap = budget.maxUsd;
  if (cap === undefined || estimate.calls === 0) return undefined;
  const spent = budget.spent;
  const already = spent > 0 ? ` (${formatUsd(spent)} already spent)` : '';
  const calls = `${estimate.calls} model call${estimate.calls === 1 ? '' : 's'}`;
  if (estimate.usd === null)
    return peelError(
      'budget_exceeded',
      `not started: the cost of ${calls} is unknown (a model is not in the price table), so it cannot be kept under the ${formatUsd(cap)} budget cap; raise or clear the cap in Settings`,
    );
  if (spent + estimate.usd <= cap + 1e-9) return undefined;
  return peelError(
    'budget_exceeded',
    `not started: this run is estimated at ${formatUsd(estimate.usd)} for ${calls}, over the ${formatUsd(cap)} budget cap${already}; raise the cap in Settings or run fewer nodes`,
  );
}
