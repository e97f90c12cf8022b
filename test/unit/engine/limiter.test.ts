/**
 * CallLimiter: at most `limit` calls at once, first come first served, a release counts once,
 * an aborted wait leaves the queue, a pause holds everyone until it ends (a later pause extends
 * it, an earlier one does not shorten it), and the limit can change while calls wait. Fake timers:
 * no test here depends on real time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallLimiter } from '../../../src/engine/limiter';

afterEach(() => {
  vi.useRealTimers();
});

/** Acquire, and record the order in which grants arrive. */
function queue(limiter: CallLimiter, granted: string[], name: string, signal?: AbortSignal) {
  return limiter.acquire(signal).then((release) => {
    granted.push(name);
    return release;
  });
}

describe('CallLimiter', () => {
  it('refuses a limit that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => new CallLimiter(bad)).toThrow(`concurrency must be a positive integer, got ${bad}`);
    }
    expect(new CallLimiter(1).running).toBe(0);
  });

  it('lets `limit` calls run, the rest wait in order; a release counts only once', async () => {
    const limiter = new CallLimiter(2);
    const granted: string[] = [];
    const a = queue(limiter, granted, 'a');
    const b = queue(limiter, granted, 'b');
    const c = queue(limiter, granted, 'c');
    const d = queue(limiter, granted, 'd');
    const releaseA = await a;
    await b;
    await Promise.resolve();
    expect(granted).toEqual(['a', 'b']);
    expect(limiter.running).toBe(2);
    releaseA();
    releaseA();
    await c;
    await Promise.resolve();
    expect(granted).toEqual(['a', 'b', 'c']);
    expect(limiter.running).toBe(2);
    const releaseC = await c;
    releaseC();
    await d;
    expect(granted).toEqual(['a', 'b', 'c', 'd']);
    expect(limiter.running).toBe(2);
  });

  it('an aborted wait is rejected with the reason and gives its turn away; an aborted signal never waits', async () => {
    const limiter = new CallLimiter(1);
    const granted: string[] = [];
    const release = await queue(limiter, granted, 'a');
    const controller = new AbortController();
    const b = queue(limiter, granted, 'b', controller.signal);
    const c = queue(limiter, granted, 'c');
    controller.abort(new Error('stop b'));
    await expect(b).rejects.toThrow('stop b');
    release();
    await c;
    expect(granted).toEqual(['a', 'c']);
    expect(limiter.running).toBe(1);
    await expect(limiter.acquire(AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
    expect(limiter.running).toBe(1);
  });

  it('an abort after the grant changes nothing', async () => {
    const limiter = new CallLimiter(1);
    const controller = new AbortController();
    const release = await limiter.acquire(controller.signal);
    controller.abort(new Error('late'));
    expect(limiter.running).toBe(1);
    release();
    expect(limiter.running).toBe(0);
  });

  it('a pause holds every new call until it ends; a later pause extends it, an earlier one does not', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const limiter = new CallLimiter(3);
    const granted: string[] = [];
    limiter.pauseUntil(1_005_000);
    limiter.pauseUntil(1_002_000);
    expect(limiter.pausedUntilTime).toBe(1_005_000);
    const a = queue(limiter, granted, 'a');
    await vi.advanceTimersByTimeAsync(4_000);
    expect(granted).toEqual([]);
    limiter.pauseUntil(1_008_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(granted).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    await a;
    expect(granted).toEqual(['a']);
    // Once the pause is over, calls go straight through.
    await queue(limiter, granted, 'b');
    expect(granted).toEqual(['a', 'b']);
  });

  it('a new limit lets waiting calls out at once, and is at least 1 and whole', async () => {
    const limiter = new CallLimiter(1);
    const granted: string[] = [];
    await queue(limiter, granted, 'a');
    const b = queue(limiter, granted, 'b');
    const c = queue(limiter, granted, 'c');
    await Promise.resolve();
    expect(granted).toEqual(['a']);
    limiter.setLimit(2.9);
    await b;
    await Promise.resolve();
    expect(granted).toEqual(['a', 'b']);
    limiter.setLimit(0);
    expect(limiter.running).toBe(2);
    limiter.setLimit(3);
    await c;
    expect(granted).toEqual(['a', 'b', 'c']);
  });
});
