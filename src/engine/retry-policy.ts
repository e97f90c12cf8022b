import type { ProviderError } from './provider';

/**
 * One retry layer for every model call (the SDK's own retries stay off): at most 5 attempts
 * for 429 per minute, 500, 503, resets and timeouts; RetryInfo when given, else exponential
 * backoff with full jitter from 1 s, capped at 30 s per wait.
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per-attempt timeout. */
  attemptTimeoutMs: number;
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  attemptTimeoutMs: 120_000,
  random: Math.random,
};

/** Milliseconds to wait before attempt `attempt + 1`, or null to give up. */
export function retryDelayFor(error: ProviderError, attempt: number, policy: RetryPolicy): number | null {
  if (!error.retryable || error.stopsRun) return null;
  if (attempt >= policy.maxAttempts) return null;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = policy.random() * ceiling;
  const serverMinimum = error.retryAfterMs ?? 0;
  // The server's RetryInfo is a floor; jitter on top spreads the herd.
  return Math.min(
    Math.max(serverMinimum, jittered) + (serverMinimum > 0 ? jittered * 0.1 : 0),
    Math.max(policy.maxDelayMs, serverMinimum),
  );
}
