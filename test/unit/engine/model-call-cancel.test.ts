/**
 * callModelWithRetry when the run is cancelled (queued, during a wait) or the provider throws:
 * a plain "cancelled" error, the reservation freed, the queue slot and timers released.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callModelWithRetry } from '../../../src/engine/model-call';
import { callHarness, failure, request } from '../../helpers/call-runtime';

describe('callModelWithRetry cancelled', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stops waiting for a retry when the run is cancelled', async () => {
    let abort = () => {};
    const h = callHarness([failure({ code: 'unavailable', message: '503', retryable: true })], {
      maxUsd: 1,
      onEvent: (event) => {
        if (event.type === 'node-waiting') abort();
      },
    });
    abort = () => h.controller.abort();
    const pending = callModelWithRetry(h.runtime, 'g1', request(), 0.9, h.tally);
    await vi.runAllTimersAsync();
    expect(await pending).toEqual(failure({ code: 'cancelled', message: 'cancelled' }));
    expect(h.tally.calls).toBe(1);
    expect(h.budget.tryReserve(1)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not call a provider once the run is cancelled', async () => {
    const h = callHarness([failure({ code: 'unavailable', message: '503' })], { maxUsd: 1 });
    h.controller.abort();
    expect(await callModelWithRetry(h.runtime, 'g1', request(), 0.9, h.tally)).toEqual(
      failure({ code: 'cancelled', message: 'cancelled' }),
    );
    expect(h.sent).toEqual([]);
    expect(h.budget.tryReserve(1)).toBe(true);
  });

  it('frees the queue slot and the attempt timer when the provider throws', async () => {
    const h = callHarness([
      async () => {
        throw new Error('provider bug');
      },
    ]);
    await expect(callModelWithRetry(h.runtime, 'g1', request(), null, h.tally)).rejects.toThrow(
      'provider bug',
    );
    expect(h.limiter.running).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
