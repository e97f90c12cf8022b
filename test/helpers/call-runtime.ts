import { BudgetTracker } from '../../src/engine/budget';
import type { RunEvent } from '../../src/engine/events';
import { CallLimiter } from '../../src/engine/limiter';
import type { CallRuntime, CallTally } from '../../src/engine/model-call';
import type { ImageCallResult, ImageProvider, ImageRequest, ProviderError } from '../../src/engine/provider';
import type { Result } from '../../src/engine/result';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../src/engine/retry-policy';

/** One scripted answer: a result, or a function of the attempt's signal (to hang, abort, throw). */
export type ScriptedAnswer =
  | Result<ImageCallResult, ProviderError>
  | ((signal: AbortSignal) => Promise<Result<ImageCallResult, ProviderError>>);

/** A limiter that records every pause asked for, to check which answers pause the queue. */
export class RecordingLimiter extends CallLimiter {
  readonly pauses: number[] = [];
  override pauseUntil(timestamp: number): void {
    this.pauses.push(timestamp);
    super.pauseUntil(timestamp);
  }
}

export const request = (): ImageRequest => ({
  model: 'gemini-3.1-flash-image',
  prompt: 'a cat',
  references: [],
});

export function answerCosting(costUsd: number | null): Result<ImageCallResult, ProviderError> {
  return {
    ok: true,
    value: {
      images: [],
      text: 'done',
      usage: {
        promptTokens: 1,
        imageOutputTokens: 0,
        textOutputTokens: 1,
        thoughtsTokens: 0,
        totalTokens: 2,
      },
      costUsd,
      userTurn: { role: 'user', parts: [{ kind: 'text', text: 'a cat' }] },
      modelTurn: { role: 'model', parts: [{ kind: 'text', text: 'done' }] },
    },
  };
}

export const failure = (error: ProviderError): Result<ImageCallResult, ProviderError> => ({
  ok: false,
  error,
});

/** Answers as the provider of a real call does when its signal aborts (the per-attempt timeout). */
export const hang =
  () =>
  (signal: AbortSignal): Promise<Result<ImageCallResult, ProviderError>> =>
    new Promise((resolve) => {
      signal.addEventListener('abort', () => resolve(failure({ code: 'cancelled', message: 'cancelled' })));
    });

export interface CallHarness {
  runtime: CallRuntime;
  limiter: RecordingLimiter;
  budget: BudgetTracker;
  controller: AbortController;
  events: RunEvent[];
  stopped: ProviderError[];
  tally: CallTally;
  /** Requests the provider received. */
  sent: ImageRequest[];
}

/** A call runtime around a provider that gives the scripted answers in order (the last one repeats). */
export function callHarness(
  answers: ScriptedAnswer[],
  options: { policy?: Partial<RetryPolicy>; maxUsd?: number; onEvent?: (event: RunEvent) => void } = {},
): CallHarness {
  const sent: ImageRequest[] = [];
  const provider: ImageProvider = {
    id: 'scripted',
    needsApiKey: false,
    async generateImage(asked, { signal }) {
      const answer = answers[Math.min(sent.length, answers.length - 1)];
      sent.push(asked);
      if (answer === undefined) throw new Error('no scripted answer');
      return typeof answer === 'function' ? answer(signal) : answer;
    },
  };
  const limiter = new RecordingLimiter(1);
  const budget = new BudgetTracker(options.maxUsd);
  const controller = new AbortController();
  const events: RunEvent[] = [];
  const stopped: ProviderError[] = [];
  const runtime: CallRuntime = {
    runId: 'run-1',
    provider,
    limiter,
    policy: { ...DEFAULT_RETRY_POLICY, random: () => 1, ...options.policy },
    budget,
    signal: controller.signal,
    emit: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
    stopRun: (error) => stopped.push(error),
  };
  return { runtime, limiter, budget, controller, events, stopped, tally: { calls: 0, costUsd: 0 }, sent };
}
