import { linkedSignal, sleep } from './abort';
import type { BudgetTracker } from './budget';
import type { RunEvent } from './events';
import type { CallLimiter } from './limiter';
import type { ImageCallResult, ImageProvider, ImageRequest, ProviderError } from './provider';
import { err, type Result } from './result';
import { formatWait, type RetryPolicy, retryDelayFor } from './retry-policy';

export interface CallRuntime {
  runId: string;
  provider: ImageProvider;
  limiter: CallLimiter;
  policy: RetryPolicy;
  budget: BudgetTracker;
  signal: AbortSignal;
  emit: (event: RunEvent) => void;
  /** Called before the queue slot is released, so no queued call slips out after a fatal answer. */
  stopRun: (error: ProviderError) => void;
}

export interface CallTally {
  /** Requests sent, retries included. */
  calls: number;
  costUsd: number;
}

const cancelled = (): ProviderError => ({ code: 'cancelled', message: 'cancelled' });

/** One model call with the queue, the budget, per-attempt timeout and the retry policy around it. */
export async function callModelWithRetry(
  runtime: CallRuntime,
  nodeId: string,
  request: ImageRequest,
  estimateUsd: number | null,
  tally: CallTally,
): Promise<Result<ImageCallResult, ProviderError>> {
  if (!runtime.budget.tryReserve(estimateUsd)) {
    const cap = runtime.budget.maxUsd ?? 0;
    return err({
      code: 'budget_exceeded',
      message:
        estimateUsd === null
          ? `not started: the cost of model "${request.model}" is unknown, so it cannot be kept under the $${cap.toFixed(2)} budget`
          : `not started: this call (~$${estimateUsd.toFixed(4)}) would pass the $${cap.toFixed(2)} budget ($${runtime.budget.spent.toFixed(4)} spent)`,
    });
  }
  let reserved: number | null = estimateUsd;
  // The call budget starts with the first attempt (time queued for a slot is not the server's).
  let deadline: number | undefined;
  const settle = (actual: number | null) => {
    runtime.budget.settle(reserved, actual);
    reserved = 0;
  };
  for (let attempt = 1; ; attempt++) {
    let release: (() => void) | undefined;
    try {
      release = await runtime.limiter.acquire(runtime.signal);
    } catch {
      settle(0);
      return err(cancelled());
    }
    deadline ??= Date.now() + runtime.policy.callDeadlineMs;
    const attemptTimeoutMs = Math.max(1, Math.min(runtime.policy.attemptTimeoutMs, deadline - Date.now()));
    const attemptSignal = linkedSignal([runtime.signal], attemptTimeoutMs);
    let outcome: Result<ImageCallResult, ProviderError>;
    try {
      tally.calls++;
      outcome = await runtime.provider.generateImage(request, { signal: attemptSignal.signal });
      if (!outcome.ok && outcome.error.stopsRun) runtime.stopRun(outcome.error);
    } catch (cause) {
      release();
      throw cause;
    } finally {
      attemptSignal.dispose();
    }
    // A per-minute 429 pauses the whole queue before this slot frees: a queued call let out
    // first would spend a request on the same exhausted quota. The wait chosen below extends it.
    if (!outcome.ok && outcome.error.code === 'rate_limited' && !runtime.signal.aborted) {
      runtime.limiter.pauseUntil(Date.now() + (outcome.error.retryAfterMs ?? runtime.policy.baseDelayMs));
    }
    release();
    if (runtime.signal.aborted) {
      // Whatever came back after the cancel is not recorded.
      settle(0);
      return err(cancelled());
    }
    if (!outcome.ok && attemptSignal.timedOut() && outcome.error.code === 'cancelled') {
      outcome = err({
        code: 'timeout',
        message: `Gemini did not answer within ${formatWait(attemptTimeoutMs)}`,
        retryable: true,
      });
    }
    const cost = outcome.ok ? outcome.value.costUsd : (outcome.error.costUsd ?? null);
    tally.costUsd += cost ?? 0;
    runtime.emit({
      type: 'call-finish',
      runId: runtime.runId,
      nodeId,
      attempt,
      ok: outcome.ok,
      costUsd: cost,
    });
    if (outcome.ok) {
      settle(cost);
      return outcome;
    }
    runtime.budget.settle(0, cost);
    const wanted = retryDelayFor(outcome.error, attempt, runtime.policy);
    // No retry that would start after the call's deadline: it could not finish in time anyway.
    const delay = wanted !== null && Date.now() + wanted < deadline ? wanted : null;
    if (delay === null) {
      settle(0);
      if (outcome.error.retryable && wanted === null && attempt >= runtime.policy.maxAttempts) {
        // For a server that never answers, how long it was waited for is the point.
        const startedAt = deadline - runtime.policy.callDeadlineMs;
        const waited =
          outcome.error.code === 'timeout' ? `, ${formatWait(Date.now() - startedAt)} in all` : '';
        return err({
          ...outcome.error,
          message: `${outcome.error.message} (gave up after ${attempt} attempts)${waited}`,
        });
      }
      if (outcome.error.retryable && wanted !== null) {
        return err({
          ...outcome.error,
          message: `${outcome.error.message} (gave up after ${attempt} attempt${attempt === 1 ? '' : 's'}: the call's time budget of ${formatWait(runtime.policy.callDeadlineMs)} is spent)`,
        });
      }
      return outcome;
    }
    const resumeAt = Date.now() + delay;
    if (outcome.error.code === 'rate_limited') runtime.limiter.pauseUntil(resumeAt);
    runtime.emit({
      type: 'node-waiting',
      runId: runtime.runId,
      nodeId,
      reason: outcome.error.code,
      message: `${outcome.error.message}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${runtime.policy.maxAttempts})`,
      attempt: attempt + 1,
      resumeAt,
    });
    try {
      await sleep(delay, runtime.signal);
    } catch {
      settle(0);
      return err(cancelled());
    }
  }
}
