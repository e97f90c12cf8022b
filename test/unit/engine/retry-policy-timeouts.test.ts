/**
 * The default retry policy's figures, the call deadline that goes with a per-attempt timeout
 * (every attempt when short, capped at two default attempts, never under two attempts), the
 * policy for a chosen timeout, and how waits read in messages.
 */
import { describe, expect, it } from 'vitest';
import {
  callDeadlineFor,
  DEFAULT_ATTEMPT_TIMEOUT_MS,
  DEFAULT_RETRY_POLICY,
  formatWait,
  retryPolicyWithTimeout,
} from '../../../src/engine/retry-policy';

describe('retry policy timeouts', () => {
  // DEFAULT_RETRY_POLICY is built while the module loads, so Stryker cannot switch on its mutants
  // ("static", see the README); this test is what fails when the object is emptied or a figure changes.
  it('the default: 5 attempts, 1 s base, 30 s cap, 2 min per attempt, 4 min per call', () => {
    expect(DEFAULT_ATTEMPT_TIMEOUT_MS).toBe(120_000);
    expect(DEFAULT_RETRY_POLICY).toEqual({
      maxAttempts: 5,
      baseDelayMs: 1_000,
      maxDelayMs: 30_000,
      attemptTimeoutMs: 120_000,
      callDeadlineMs: 240_000,
      random: Math.random,
    });
  });

  it('the call deadline: all attempts when short, capped at 4 min, never under two attempts', () => {
    expect(callDeadlineFor(10_000)).toBe(50_000);
    expect(callDeadlineFor(10_000, 3)).toBe(30_000);
    expect(callDeadlineFor(60_000)).toBe(240_000);
    expect(callDeadlineFor(200_000)).toBe(400_000);
    expect(callDeadlineFor(1_000, 1)).toBe(2_000);
  });

  it('a chosen per-attempt timeout, in seconds, gives its own deadline; none keeps the default', () => {
    expect(retryPolicyWithTimeout(undefined)).toBe(DEFAULT_RETRY_POLICY);
    expect(retryPolicyWithTimeout(1.2345)).toEqual({
      ...DEFAULT_RETRY_POLICY,
      attemptTimeoutMs: 1_235,
      callDeadlineMs: 6_175,
    });
    expect(retryPolicyWithTimeout(300)).toEqual({
      ...DEFAULT_RETRY_POLICY,
      attemptTimeoutMs: 300_000,
      callDeadlineMs: 600_000,
    });
  });

  it('waits read in seconds up to two minutes, then in minutes and seconds', () => {
    expect(formatWait(0)).toBe('1 s');
    expect(formatWait(1_499)).toBe('1 s');
    expect(formatWait(1_500)).toBe('2 s');
    expect(formatWait(119_000)).toBe('119 s');
    expect(formatWait(120_000)).toBe('2 min');
    expect(formatWait(150_000)).toBe('2 min 30 s');
    expect(formatWait(3_599_000)).toBe('59 min 59 s');
  });
});
