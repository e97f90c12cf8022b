/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      // Stryker disable next-line OptionalChaining: onAbort is only ever added to a signal that exists
      reject(signal?.reason);
    };
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts at most once; the listener is removed when the sleep ends
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A signal that aborts when any input aborts or after `timeoutMs` (reason 'timeout'). */
export function linkedSignal(
  signals: AbortSignal[],
  timeoutMs?: number,
): { signal: AbortSignal; timedOut: () => boolean; dispose: () => void } {
  const controller = new AbortController();
  let didTimeOut = false;
  const onAbort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  for (const input of signals) {
    if (input.aborted) controller.abort(input.reason);
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts at most once; dispose removes the listener
    else input.addEventListener('abort', onAbort, { once: true });
  }
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          didTimeOut = true;
          controller.abort(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => didTimeOut,
    dispose: () => {
      // Stryker disable next-line ConditionalExpression: clearTimeout(undefined) does nothing
      if (timer) clearTimeout(timer);
      for (const input of signals) input.removeEventListener('abort', onAbort);
    },
  };
}
