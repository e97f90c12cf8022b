/**
 * Found by the provider retry tests (intermittent 30 s hangs after 429s): a pause timer that
 * fires while Date.now() is still short of the pause end must not strand the waiting calls.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { CallLimiter } from '../../../src/engine/limiter';

afterEach(() => {
  vi.useRealTimers();
});

it('lets waiting calls out even when the pause timer fires before the clock reaches the end', async () => {
  vi.useFakeTimers({ now: 1_000_000 });
  const limiter = new CallLimiter(1);
  limiter.pauseUntil(Date.now() + 100);
  let granted = false;
  void limiter.acquire().then(() => {
    granted = true;
  });
  // The wall clock lags the timer clock by 2 ms, as Node's timers sometimes do.
  vi.setSystemTime(Date.now() - 2);
  await vi.advanceTimersByTimeAsync(100);
  expect(granted).toBe(false);
  await vi.advanceTimersByTimeAsync(5);
  expect(granted).toBe(true);
});
