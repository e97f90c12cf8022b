/** Where the browser has no idle callback (Safari): wait this long at most instead. */
const NO_IDLE_CALLBACK_WAIT_MS = 500;

/**
 * Runs `callback` in the browser's next idle moment, or after `timeoutMs` if none comes (without
 * requestIdleCallback: after `timeoutMs` or half a second, whichever is sooner). Returns a cancel.
 */
export function onIdle(callback: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => callback(), { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(callback, Math.min(timeoutMs, NO_IDLE_CALLBACK_WAIT_MS));
  return () => clearTimeout(timer);
}
