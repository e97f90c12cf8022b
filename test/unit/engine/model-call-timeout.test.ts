/**
 * callModelWithRetry's clocks: an attempt that hangs becomes a retryable timeout, the last
 * attempt gets only what is left of the call's deadline, and a retry that would start after
 * the deadline is not made.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callModelWithRetry } from '../../../src/engine/model-call';
import { answerCosting, callHarness, failure, hang, request } from '../../helpers/call-runtime';

const T0 = 1_000_000;

describe('callModelWithRetry timeouts', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns a hung attempt into a retryable timeout and retries it', async () => {
    const h = callHarness([hang(), answerCosting(0.02)], {
      policy: { attemptTimeoutMs: 3_000, callDeadlineMs: 20_000, random: () => 0 },
    });
    const pending = callModelWithRetry(h.runtime, 'g1', request(), null, h.tally);
    await vi.runAllTimersAsync();
    expect(await pending).toEqual(answerCosting(0.02));
    expect(h.events[1]).toEqual({
      type: 'node-waiting',
      runId: 'run-1',
      nodeId: 'g1',
      reason: 'timeout',
      message: 'Gemini did not answer within 3 s; retrying in 0.0 s (attempt 2 of 5)',
      attempt: 2,
      resumeAt: T0 + 3_000,
    });
  });

  it('gives up on a server that never answers, saying how long it was waited for', async () => {
    const h = callHarness([hang()], {
      policy: { attemptTimeoutMs: 1_000, callDeadlineMs: 10_000, maxAttempts: 2, random: () => 0 },
    });
    const pending = callModelWithRetry(h.runtime, 'g1', request(), null, h.tally);
    await vi.runAllTimersAsync();
    expect(await pending).toEqual(
      failure({
        code: 'timeout',
        message: 'Gemini did not answer within 1 s (gave up after 2 attempts), 2 s in all',
        retryable: true,
      }),
    );
    expect(h.tally.calls).toBe(2);
  });

  it('cuts the last attempt to what is left of the deadline, then stops at the deadline', async () => {
    const h = callHarness([hang()], {
      policy: { attemptTimeoutMs: 3_000, callDeadlineMs: 5_000, random: () => 0 },
    });
    const pending = callModelWithRetry(h.runtime, 'g1', request(), null, h.tally);
    await vi.runAllTimersAsync();
    expect(await pending).toEqual(
      failure({
        code: 'timeout',
        message:
          "Gemini did not answer within 2 s (gave up after 2 attempts: the call's time budget of 5 s is spent)",
        retryable: true,
      }),
    );
    expect(Date.now()).toBe(T0 + 5_000);
  });

  it('does not start a retry whose wait ends past the deadline', async () => {
    const h = callHarness(
      [failure({ code: 'unavailable', message: '503', retryable: true, retryAfterMs: 10_000 })],
      {
        policy: { attemptTimeoutMs: 3_000, callDeadlineMs: 6_000, random: () => 0 },
      },
    );
    const pending = callModelWithRetry(h.runtime, 'g1', request(), null, h.tally);
    await vi.runAllTimersAsync();
    expect(await pending).toEqual(
      failure({
        code: 'unavailable',
        message: "503 (gave up after 1 attempt: the call's time budget of 6 s is spent)",
        retryable: true,
        retryAfterMs: 10_000,
      }),
    );
    expect(h.tally.calls).toBe(1);
    expect(Date.now()).toBe(T0);
  });

  it('starts a retry whose wait ends just before the deadline', async () => {
    const h = callHarness(
      [
        failure({ code: 'unavailable', message: '503', retryable: true, retryAfterMs: 5_999 }),
        answerCosting(0.01),
      ],
      { policy: { attemptTimeoutMs: 3_000, callDeadlineMs: 6_000, random: () => 0 } },
    );
    const pending = callModelWithRetry(h.runtime, 'g1', request(), null, h.tally);
    await vi.runAllTimersAsync();
    expect(await pending).toEqual(answerCosting(0.01));
    expect(h.tally.calls).toBe(2);
    expect(Date.now()).toBe(T0 + 5_999);
  });
});
