/**
 * callModelWithRetry and the budget cap: a call that cannot fit is refused with the figures,
 * and what a call (or a failed attempt) billed is what the tracker and the tally record.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callModelWithRetry } from '../../../src/engine/model-call';
import { answerCosting, callHarness, failure, request } from '../../helpers/call-runtime';

describe('callModelWithRetry and the budget', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses a call of unknown cost under a cap, naming the model and the cap', async () => {
    const h = callHarness([answerCosting(0.01)], { maxUsd: 0.5 });
    expect(await callModelWithRetry(h.runtime, 'g1', request(), null, h.tally)).toEqual(
      failure({
        code: 'budget_exceeded',
        message:
          'not started: the cost of model "gemini-3.1-flash-image" is unknown, so it cannot be kept under the $0.50 budget',
      }),
    );
    expect(h.sent).toEqual([]);
  });

  it('refuses a call that would pass the cap, with its estimate and what was spent', async () => {
    const h = callHarness([answerCosting(0.4)], { maxUsd: 0.5 });
    expect((await callModelWithRetry(h.runtime, 'g1', request(), 0.3, h.tally)).ok).toBe(true);
    expect(await callModelWithRetry(h.runtime, 'g2', request(), 0.2, h.tally)).toEqual(
      failure({
        code: 'budget_exceeded',
        message: 'not started: this call (~$0.2000) would pass the $0.50 budget ($0.4000 spent)',
      }),
    );
    expect(h.sent).toHaveLength(1);
  });

  it('settles a success at its real cost and frees the reservation', async () => {
    const h = callHarness([answerCosting(0.05)], { maxUsd: 1 });
    expect((await callModelWithRetry(h.runtime, 'g1', request(), 0.9, h.tally)).ok).toBe(true);
    expect(h.budget.spent).toBe(0.05);
    expect(h.tally).toEqual({ calls: 1, costUsd: 0.05 });
    // The 0.9 reserved is released: another 0.9 fits beside the 0.05 spent.
    expect(h.budget.tryReserve(0.9)).toBe(true);
  });

  it('records what a failed attempt billed, and frees the reservation when giving up', async () => {
    const h = callHarness([failure({ code: 'safety_blocked', message: 'blocked', costUsd: 0.03 })], {
      maxUsd: 1,
    });
    const result = await callModelWithRetry(h.runtime, 'g1', request(), 0.9, h.tally);
    expect(result).toEqual(failure({ code: 'safety_blocked', message: 'blocked', costUsd: 0.03 }));
    expect(h.events).toEqual([
      { type: 'call-finish', runId: 'run-1', nodeId: 'g1', attempt: 1, ok: false, costUsd: 0.03 },
    ]);
    expect(h.tally).toEqual({ calls: 1, costUsd: 0.03 });
    expect(h.budget.spent).toBe(0.03);
    expect(h.budget.tryReserve(0.97)).toBe(true);
  });
});
