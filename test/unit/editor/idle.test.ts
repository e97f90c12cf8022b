import { afterEach, describe, expect, it, vi } from 'vitest';
import { onIdle, onQuiet, QUIET_IDLE_MS } from '../../../src/editor/idle';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('onIdle', () => {
  it('uses the idle callback with the given deadline, and cancels it', () => {
    const requested: { timeout?: number }[] = [];
    const cancelled: number[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void, options: { timeout?: number }) => {
      requested.push(options);
      callback();
      return 7;
    });
    vi.stubGlobal('cancelIdleCallback', (handle: number) => cancelled.push(handle));
    const callback = vi.fn();
    const cancel = onIdle(callback, 200);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(requested).toEqual([{ timeout: 200 }]);
    cancel();
    expect(cancelled).toEqual([7]);
  });

  it('without an idle callback waits the deadline or half a second, whichever is sooner', () => {
    // Fake timers bring their own requestIdleCallback: remove it after installing them.
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const soon = vi.fn();
    onIdle(soon, 200);
    vi.advanceTimersByTime(199);
    expect(soon).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(soon).toHaveBeenCalledTimes(1);
    const later = vi.fn();
    onIdle(later, 10_000);
    vi.advanceTimersByTime(499);
    expect(later).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(later).toHaveBeenCalledTimes(1);
    const cancelled = vi.fn();
    onIdle(cancelled, 100)();
    vi.advanceTimersByTime(1000);
    expect(cancelled).not.toHaveBeenCalled();
  });
});

describe('onQuiet', () => {
  /** A stand-in idle callback queue: the test hands out idle moments of a chosen length. */
  function idleQueue() {
    const waiting = new Map<number, (deadline: { timeRemaining: () => number }) => void>();
    let next = 1;
    vi.stubGlobal('requestIdleCallback', (callback: (deadline: { timeRemaining: () => number }) => void) => {
      waiting.set(next, callback);
      return next++;
    });
    vi.stubGlobal('cancelIdleCallback', (handle: number) => waiting.delete(handle));
    return {
      /** Runs every waiting callback with an idle moment of `ms`. */
      idle(ms: number) {
        const now = [...waiting.values()];
        waiting.clear();
        for (const callback of now) callback({ timeRemaining: () => ms });
      },
      get waiting() {
        return waiting.size;
      },
    };
  }

  it('waits through the short gaps between frames and runs at the first quiet moment', () => {
    vi.useFakeTimers();
    const queue = idleQueue();
    const callback = vi.fn();
    onQuiet(callback, 10_000);
    queue.idle(4);
    queue.idle(QUIET_IDLE_MS - 1);
    expect(callback).not.toHaveBeenCalled();
    expect(queue.waiting).toBe(1);
    queue.idle(QUIET_IDLE_MS);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(queue.waiting).toBe(0);
    // The fallback is cleared: it does not run the callback a second time.
    vi.advanceTimersByTime(20_000);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('runs after the fallback on a page that is never quiet, and not again; a cancel stops it', () => {
    vi.useFakeTimers();
    const queue = idleQueue();
    const callback = vi.fn();
    onQuiet(callback, 1_000);
    queue.idle(5);
    vi.advanceTimersByTime(999);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(queue.waiting).toBe(0);
    queue.idle(50);
    expect(callback).toHaveBeenCalledTimes(1);

    const cancelled = vi.fn();
    onQuiet(cancelled, 1_000)();
    queue.idle(50);
    vi.advanceTimersByTime(2_000);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
