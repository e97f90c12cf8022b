import { describe, expect, it } from 'vitest';
import { BudgetTracker } from '../../../src/engine/budget';

describe('BudgetTracker', () => {
  it('without a cap reserves anything, unknown estimates included, and counts what was spent', () => {
    const budget = new BudgetTracker(undefined);
    expect(budget.tryReserve(5)).toBe(true);
    expect(budget.tryReserve(null)).toBe(true);
    budget.settle(5, 0.04);
    budget.settle(null, null);
    budget.settle(null, 0.02);
    expect(budget.spent).toBe(0.06);
  });

  it('under a cap, a call starts only if spent + reserved + its estimate fit (equal is fine)', () => {
    const budget = new BudgetTracker(0.1);
    expect(budget.tryReserve(null)).toBe(false);
    expect(budget.tryReserve(0.04)).toBe(true);
    expect(budget.tryReserve(0.04)).toBe(true);
    expect(budget.tryReserve(0.04)).toBe(false); // 0.12 would pass 0.10
    expect(budget.tryReserve(0.02)).toBe(true); // exactly 0.10
    expect(budget.tryReserve(0.000001)).toBe(false);
    // A finished call frees its reservation and adds what it cost.
    budget.settle(0.04, 0.01);
    expect(budget.spent).toBe(0.01);
    expect(budget.tryReserve(0.03)).toBe(true); // 0.01 + 0.06 + 0.03
    expect(budget.tryReserve(0.01)).toBe(false);
  });

  it('settling more than was reserved never leaves a negative reservation', () => {
    const budget = new BudgetTracker(0.1);
    expect(budget.tryReserve(0.05)).toBe(true);
    budget.settle(0.5, 0);
    // Had the reservation gone to -0.45, a 0.5 call would now fit.
    expect(budget.tryReserve(0.11)).toBe(false);
    expect(budget.tryReserve(0.1)).toBe(true);
    budget.settle(null, null);
    expect(budget.spent).toBe(0);
    expect(budget.tryReserve(0.01)).toBe(false); // the 0.1 reservation still holds
  });

  it('sums that land a hair over the cap through float rounding still fit (a billionth of a dollar)', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floating point: a run estimated at exactly the cap fits.
    const budget = new BudgetTracker(0.3);
    expect(budget.tryReserve(0.1)).toBe(true);
    expect(budget.tryReserve(0.2)).toBe(true);
    // The tolerance is inclusive: exactly one billionth over still fits, two do not.
    expect(new BudgetTracker(1).tryReserve(1 + 1e-9)).toBe(true);
    expect(new BudgetTracker(1).tryReserve(1 + 2e-9)).toBe(false);
  });
});
