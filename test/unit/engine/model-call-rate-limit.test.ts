/**
 * callModelWithRetry and a 429: the whole queue pauses (for the server's wait, else the base
 * delay) before the slot frees, and the retry's wait extends the pause.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callModelWithRetry } from '../../../src/engine/model-call';
import { answerCosting, callHarness, failure, request } from '../../helpers/call-runtime';

const T0 = 1_000_000;

describe('callModelWithRetry rate limits', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pauses the queue for the base delay, then for the longer retry wait', async () => {
    const limited = failure({ code: 'rate_limited', message: '429', retryable: true });
    const h = callHarness([limited, limited, answerCosting(0.01)]);
    const pending = callModelWithRetry(h.runtime, 'g1', request(), null, h.tally);
    await vi.runAllTimersAsync();
    expect(await pending).toEqual(answerCosting(0.01));
    // Attempt 1 at T0: base delay 1 s, retry wait 1 s. Attempt 2 at T0 + 1 s: base 1 s, wait 2 s.
    expect(h.limiter.pauses).toEqual([T0 + 1_000, T0 + 1_000, T0 + 2_000, T0 + 3_000]);
    expect(h.events.filter((event) => event.type === 'node-waiting').map((event) => event.reason)).toEqual([
      'rate_limited',
      'rate_limited',
    ]);
  });

  it('pauses for the server’s RetryInfo', async () => {
    const h = callHarness(
      [failure({ code: 'rate_limited', message: '429', retryable: true, retryAfterMs: 60_000 })],
      {
        policy: { callDeadlineMs: 10_000 },
      },
    );
    const pending = callModelWithRetry(h.runtime, 'g1', request(), null, h.tally);
    await vi.runAllTimersAsync();
    const result = await pending;
    expect(result.ok ? '' : result.error.message).toBe(
      "429 (gave up after 1 attempt: the call's time budget of 10 s is spent)",
    );
    expect(h.limiter.pauses).toEqual([T0 + 60_000]);
    expect(h.limiter.pausedUntilTime).toBe(T0 + 60_000);
  });

  it('does not pause the queue for a 429 that arrives after the run was cancelled', async () => {
    const controller = new AbortController();
    const h = callHarness([
      async () => {
        controller.abort();
        return failure({ code: 'rate_limited', message: '429', retryable: true, costUsd: 0.01 });
      },
    ]);
    h.runtime.signal = controller.signal;
    const pending = callModelWithRetry(h.runtime, 'g1', request(), null, h.tally);
    await vi.runAllTimersAsync();
    expect(await pending).toEqual(failure({ code: 'cancelled', message: 'cancelled' }));
    // Whatever came back after the cancel is not recorded.
    expect(h.events).toEqual([]);
    expect(h.tally).toEqual({ calls: 1, costUsd: 0 });
    expect(h.limiter.running).toBe(0);
    expect(h.limiter.pauses).toEqual([]);
  });
});
