/**
 * One provider attempt with its own abort controller: the caller's signal (cancel, the engine's
 * per-attempt timeout) and the provider's optional `timeoutMs` both abort it, and the caller
 * learns which one did. Every secret is scrubbed from the message of a failed result here.
 */
import type { ImageCallResult, ProviderError } from '../engine/provider';
import { err, type Result } from '../engine/result';
import { redactSecrets } from './redact';

export interface AttemptAbort {
  signal: AbortSignal;
  /** The caller's signal aborted. */
  aborted: () => boolean;
  /** The provider's own timeout fired. */
  timedOut: () => boolean;
}

export async function withAttemptSignal<T>(
  callerSignal: AbortSignal,
  timeoutMs: number | undefined,
  run: (abort: AttemptAbort) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(callerSignal.reason);
  callerSignal.addEventListener('abort', forwardAbort, { once: true });
  let timedOut = false;
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs);
  try {
    return await run({
      signal: controller.signal,
      aborted: () => callerSignal.aborted,
      timedOut: () => timedOut,
    });
  } finally {
    if (timer) clearTimeout(timer);
    callerSignal.removeEventListener('abort', forwardAbort);
  }
}

/** Runs one attempt; a thrown bug still leaves as a value, and every message is redacted. */
export async function guardedAttempt(
  providerName: string,
  secrets: readonly string[],
  attempt: () => Promise<Result<ImageCallResult, ProviderError>>,
): Promise<Result<ImageCallResult, ProviderError>> {
  let outcome: Result<ImageCallResult, ProviderError>;
  try {
    outcome = await attempt();
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    outcome = err({
      code: 'internal',
      message: `${providerName} provider failed: ${message}`,
      retryable: false,
    });
  }
  if (outcome.ok) return outcome;
  return err({ ...outcome.error, message: redactSecrets(outcome.error.message, secrets) });
}
