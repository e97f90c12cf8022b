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
  /**
   * The whole call's budget: attempts and the waits between them. A server that hangs would
   * otherwise cost attempts x timeout (10 minutes at 5 x 120 s) per node.
   */
  callDeadlineMs: number;
  random: () => number;
}

/** Gemini 3 Pro at 4K can take a minute or more: an attempt gets 2 minutes by default. */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * The call budget that goes with a per-attempt timeout: every attempt when they are short, capped
 * at 4 minutes (two full default attempts), but never less than two attempts' worth.
 */
export function callDeadlineFor(attemptTimeoutMs: number, maxAttempts = DEFAULT_MAX_ATTEMPTS): number {
  return Math.max(
    2 * attemptTimeoutMs,
    Math.min(2 * DEFAULT_ATTEMPT_TIMEOUT_MS, attemptTimeoutMs * maxAttempts),
  );
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: DEFAULT_MAX_ATTEMPTS,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  attemptTimeoutMs: DEFAULT_ATTEMPT_TIMEOUT_MS,
  callDeadlineMs: callDeadlineFor(DEFAULT_ATTEMPT_TIMEOUT_MS),
  random: Math.random,
};

/** The default policy with another per-attempt timeout (the CLI's --timeout, the editor setting). */
export function retryPolicyWithTimeout(attemptTimeoutSeconds: number | undefined): RetryPolicy {
  if (attemptTimeoutSeconds === undefined) return DEFAULT_RETRY_POLICY;
  const attemptTimeoutMs = Math.round(attemptTimeoutSeconds * 1000);
  return { ...DEFAULT_RETRY_POLICY, attemptTimeoutMs, callDeadlineMs: callDeadlineFor(attemptTimeoutMs) };
}

/** "1 s", "90 s", "4 min", "2 min 30 s": how long was waited, for messages. */
export function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

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
