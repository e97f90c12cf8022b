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

/**
 * An idle moment this long is a quiet page: no frame is due (the browser offers up to 50 ms), not
 * the gap between two frames of work still going on.
 */
export const QUIET_IDLE_MS = 40;

/**
 * Runs `callback` once the page is quiet: at the first idle moment with at least QUIET_IDLE_MS to
 * spare, or after `timeoutMs` whatever happens (a page that animates is never that idle). Returns
 * a cancel. Without requestIdleCallback, as onIdle.
 */
export function onQuiet(callback: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback !== 'function') return onIdle(callback, timeoutMs);
  let handle = 0;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    cancelIdleCallback(handle);
    callback();
  };
  const wait = () => {
    handle = requestIdleCallback((deadline) => {
      if (deadline.timeRemaining() >= QUIET_IDLE_MS) finish();
      else if (!done) wait();
    });
  };
  const fallback = setTimeout(finish, timeoutMs);
  wait();
  return () => {
    done = true;
    clearTimeout(fallback);
    cancelIdleCallback(handle);
  };
}
