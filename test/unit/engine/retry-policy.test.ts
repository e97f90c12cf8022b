import { describe, expect, it } from 'vitest';
import type { ProviderError } from '../../../src/engine/provider';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelayFor } from '../../../src/engine/retry-policy';

const busy: ProviderError = { code: 'unavailable', message: '503', retryable: true };
const policy = (random: number, overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  ...DEFAULT_RETRY_POLICY,
  random: () => random,
  ...overrides,
});

describe('retryDelayFor', () => {
  it('gives up on errors that are not retryable, that stop the run, or after the last attempt', () => {
    expect(retryDelayFor({ ...busy, retryable: false }, 1, policy(1))).toBeNull();
    expect(retryDelayFor({ code: 'invalid_request', message: 'bad' }, 1, policy(1))).toBeNull();
    expect(retryDelayFor({ ...busy, stopsRun: true }, 1, policy(1))).toBeNull();
    expect(retryDelayFor(busy, 5, policy(1))).toBeNull();
    expect(retryDelayFor(busy, 6, policy(1))).toBeNull();
    expect(retryDelayFor(busy, 4, policy(1))).toBe(8_000);
  });

  it('backs off exponentially from 1 s with full jitter, capped at 30 s', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayFor(busy, attempt, policy(1)))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
    expect(retryDelayFor(busy, 2, policy(0.5))).toBe(1_000);
    expect(retryDelayFor(busy, 3, policy(0))).toBe(0);
    expect(retryDelayFor(busy, 7, policy(1, { maxAttempts: 10 }))).toBe(30_000);
    expect(retryDelayFor(busy, 7, policy(0.5, { maxAttempts: 10 }))).toBe(15_000);
  });

  it('waits at least the server’s RetryInfo, plus a tenth of the jitter, capped by the longer of both limits', () => {
    expect(retryDelayFor({ ...busy, retryAfterMs: 2_000 }, 1, policy(0.5))).toBe(2_050);
    expect(retryDelayFor({ ...busy, retryAfterMs: 500 }, 2, policy(1))).toBe(2_200);
    expect(retryDelayFor({ ...busy, retryAfterMs: 40_000 }, 1, policy(1))).toBe(40_000);
    expect(retryDelayFor({ ...busy, retryAfterMs: 29_990 }, 1, policy(1))).toBe(30_000);
  });
});
