/**
 * What waiting leaves behind (issue #19, mutation testing): a finished sleep or a granted call
 * takes its abort listener off the run's signal (a long batch would otherwise pile up listeners on
 * one signal), a signal without a timeout never times out, and a longer pause replaces the pending
 * pause timer instead of adding one. Fake timers: nothing here depends on real time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { linkedSignal, sleep } from '../../../src/engine/abort';
import { CallLimiter } from '../../../src/engine/limiter';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** A real signal whose listener bookkeeping is watched. */
function watchedSignal() {
  const controller = new AbortController();
  const added = vi.spyOn(controller.signal, 'addEventListener');
  const removed = vi.spyOn(controller.signal, 'removeEventListener');
  return { controller, added, removed };
}

describe('abort listeners are removed once they are no longer needed', () => {
  it('a sleep that ends takes its listener off the signal', async () => {
    vi.useFakeTimers();
    const { controller, added, removed } = watchedSignal();
    const done = sleep(1000, controller.signal);
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(added).toHaveBeenCalledTimes(1);
    const listener = added.mock.calls[0]?.[1];
    expect(removed.mock.calls).toEqual([['abort', listener]]);
  });

  it('a granted call takes its listener off the signal', async () => {
    const limiter = new CallLimiter(1);
    const { controller, added, removed } = watchedSignal();
    const release = await limiter.acquire(controller.signal);
    expect(added).toHaveBeenCalledTimes(1);
    const listener = added.mock.calls[0]?.[1];
    expect(removed.mock.calls).toEqual([['abort', listener]]);
    release();
  });
});

describe('timers', () => {
  it('a linked signal without a timeout never aborts by itself', () => {
    vi.useFakeTimers();
    const linked = linkedSignal([]);
    expect(vi.getTimerCount()).toBe(0);
    vi.runAllTimers();
    expect(linked.signal.aborted).toBe(false);
    expect(linked.timedOut()).toBe(false);
    linked.dispose();
  });

  it('a linked signal with a timeout aborts when it passes, and says so', () => {
    vi.useFakeTimers();
    const linked = linkedSignal([], 30_000);
    vi.advanceTimersByTime(29_999);
    expect(linked.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(linked.timedOut()).toBe(true);
    expect((linked.signal.reason as Error).message).toBe('no answer within 30 s');
  });

  it('a longer pause replaces the pending pause timer', async () => {
    vi.useFakeTimers();
    const limiter = new CallLimiter(1);
    const now = Date.now();
    limiter.pauseUntil(now + 1000);
    limiter.pauseUntil(now + 5000);
    expect(vi.getTimerCount()).toBe(1);
    const granted: string[] = [];
    const waiting = limiter.acquire().then((release) => {
      granted.push('call');
      return release;
    });
    await vi.advanceTimersByTimeAsync(4999);
    expect(granted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual(['call']);
    (await waiting)();
  });
});
