import { roundUsd } from './cost';

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
