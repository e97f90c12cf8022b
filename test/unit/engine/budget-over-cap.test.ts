/**
 * overBudgetError: a run whose estimate passes the cap does not start, and says by how much,
 * for how many calls and what was already spent; a run with an unknown price under a cap does
 * not start either; no cap, or nothing to call, never refuses.
 */
import { describe, expect, it } from 'vitest';
import { BudgetTracker, overBudgetError } from '../../../src/engine/budget';

const spentAlready = (cap: number, spent: number) => {
  const budget = new BudgetTracker(cap);
  budget.settle(null, spent);
  return budget;
};

describe('overBudgetError', () => {
  it('no cap, or no calls, never refuses', () => {
    expect(overBudgetError({ calls: 3, usd: 100 }, new BudgetTracker(undefined))).toBeUndefined();
    expect(overBudgetError({ calls: 0, usd: 100 }, new BudgetTracker(0.1))).toBeUndefined();
    expect(overBudgetError({ calls: 0, usd: null }, new BudgetTracker(0.1))).toBeUndefined();
  });

  it('an estimate that fits (equal included, with what was spent) starts', () => {
    expect(overBudgetError({ calls: 2, usd: 0.08 }, new BudgetTracker(0.08))).toBeUndefined();
    expect(overBudgetError({ calls: 1, usd: 0.04 }, spentAlready(0.1, 0.06))).toBeUndefined();
    // A billionth over still fits (float sums); more does not.
    expect(overBudgetError({ calls: 1, usd: 1 + 1e-9 }, new BudgetTracker(1))).toBeUndefined();
    expect(overBudgetError({ calls: 1, usd: 1 + 1e-8 }, new BudgetTracker(1))?.code).toBe('budget_exceeded');
  });

  it('over the cap: the estimate, the calls, the cap and what was already spent', () => {
    expect(overBudgetError({ calls: 3, usd: 0.12 }, new BudgetTracker(0.1))).toEqual({
      code: 'budget_exceeded',
      message:
        'not started: this run is estimated at $0.12 for 3 model calls, over the $0.10 budget cap; raise the cap in Settings or run fewer nodes',
    });
    expect(overBudgetError({ calls: 1, usd: 0.05 }, spentAlready(0.1, 0.06))).toEqual({
      code: 'budget_exceeded',
      message:
        'not started: this run is estimated at $0.05 for 1 model call, over the $0.10 budget cap ($0.06 already spent); raise the cap in Settings or run fewer nodes',
    });
  });

  it('an unknown price under a cap does not start', () => {
    expect(overBudgetError({ calls: 2, usd: null }, new BudgetTracker(5))).toEqual({
      code: 'budget_exceeded',
      message:
        'not started: the cost of 2 model calls is unknown (a model is not in the price table), so it cannot be kept under the $5.00 budget cap; raise or clear the cap in Settings',
    });
  });
});
