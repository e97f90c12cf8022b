import { afterEach, describe, expect, it, vi } from 'vitest';
import { onIdle } from '../../../src/editor/idle';

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
