/**
 * callModelWithRetry's retries: the events of each attempt and wait, the message when the
 * attempts run out, and errors that are returned as they came (not retryable, or stopping the run).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callModelWithRetry } from '../../../src/engine/model-call';
import type { ProviderError } from '../../../src/engine/provider';
import { answerCosting, callHarness, failure, request } from '../../helpers/call-runtime';

const T0 = 1_000_000;
const busy = (): ProviderError => ({ code: 'unavailable', message: '503 busy', retryable: true });

describe('callModelWithRetry retries', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits between attempts and reports each attempt and wait', async () => {
    const h = callHarness([failure(busy()), failure(busy()), answerCosting(0.04)]);
    const pending = callModelWithRetry(h.runtime, 'g1', request(), 0.04, h.tally);
    await vi.runAllTimersAsync();
    const result = await pending;
    expect(result).toEqual(answerCosting(0.04));
    expect(h.events).toEqual([
      { type: 'call-finish', runId: 'run-1', nodeId: 'g1', attempt: 1, ok: false, costUsd: null },
      {
        type: 'node-waiting',
        runId: 'run-1',
        nodeId: 'g1',
        reason: 'unavailable',
        message: '503 busy; retrying in 1.0 s (attempt 2 of 5)',
        attempt: 2,
        resumeAt: T0 + 1_000,
      },
      { type: 'call-finish', runId: 'run-1', nodeId: 'g1', attempt: 2, ok: false, costUsd: null },
      {
        type: 'node-waiting',
        runId: 'run-1',
        nodeId: 'g1',
        reason: 'unavailable',
        message: '503 busy; retrying in 2.0 s (attempt 3 of 5)',
        attempt: 3,
        resumeAt: T0 + 3_000,
      },
      { type: 'call-finish', runId: 'run-1', nodeId: 'g1', attempt: 3, ok: true, costUsd: 0.04 },
    ]);
    expect(h.tally).toEqual({ calls: 3, costUsd: 0.04 });
    expect(h.sent).toHaveLength(3);
    // Only a 429 pauses the shared queue.
    expect(h.limiter.pauses).toEqual([]);
    expect(h.limiter.running).toBe(0);
    // Every attempt's timeout timer is gone once the call is over.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives up after the last attempt, saying how many were made', async () => {
    const h = callHarness([failure(busy())], { policy: { maxAttempts: 3 } });
    const pending = callModelWithRetry(h.runtime, 'g1', request(), null, h.tally);
    await vi.runAllTimersAsync();
    expect(await pending).toEqual(
      failure({ code: 'unavailable', message: '503 busy (gave up after 3 attempts)', retryable: true }),
    );
    expect(h.tally.calls).toBe(3);
    expect(h.events.filter((event) => event.type === 'call-finish').map((event) => event.attempt)).toEqual([
      1, 2, 3,
    ]);
  });

  it('returns an error that is not worth retrying as it came, even after a retried one', async () => {
    const refused: ProviderError = { code: 'invalid_request', message: 'bad prompt' };
    const h = callHarness([failure(busy()), failure(refused)], { policy: { maxAttempts: 2 } });
    const pending = callModelWithRetry(h.runtime, 'g1', request(), null, h.tally);
    await vi.runAllTimersAsync();
    expect(await pending).toEqual(failure(refused));
    expect(h.tally.calls).toBe(2);
    expect(h.stopped).toEqual([]);
  });

  it('returns a retryable error that stops the run as it came, after stopping the run', async () => {
    const daily: ProviderError = { code: 'daily_quota', message: 'quota', retryable: true, stopsRun: true };
    const h = callHarness([failure(daily), answerCosting(0.01)]);
    const pending = callModelWithRetry(h.runtime, 'g1', request(), null, h.tally);
    await vi.runAllTimersAsync();
    expect(await pending).toEqual(failure(daily));
    expect(h.stopped).toEqual([daily]);
    expect(h.tally.calls).toBe(1);
  });

  it('passes on a cancelled answer that no timeout caused', async () => {
    const cancelled: ProviderError = { code: 'cancelled', message: 'stream closed' };
    const h = callHarness([failure(cancelled)]);
    const pending = callModelWithRetry(h.runtime, 'g1', request(), null, h.tally);
    await vi.runAllTimersAsync();
    expect(await pending).toEqual(failure(cancelled));
  });
});
