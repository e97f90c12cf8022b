/**
 * Concurrency limit for model calls, shared by every node (and every batch row) of a run.
 * `pauseUntil` holds the whole queue, not one node: a per-minute quota is per project.
 */
export class CallLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private pausedUntil = 0;
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`concurrency must be a positive integer, got ${limit}`);
  }

  get running(): number {
    return this.active;
  }

  setLimit(limit: number): void {
    this.limit = Math.max(1, Math.floor(limit));
    this.drain();
  }

  /** Resolves with a release function once a slot is free and the queue is not paused. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.active--;
          this.drain();
        });
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(grant);
        // Stryker disable next-line ConditionalExpression: a granted call has removed this listener, so a waiting call is always in the queue here
        if (at >= 0) this.waiting.splice(at, 1);
        // Stryker disable next-line OptionalChaining: onAbort is only ever added to a signal that exists
        reject(signal?.reason);
      };
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts at most once; grant removes the listener
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
      this.drain();
    });
  }

  pauseUntil(timestamp: number): void {
    // Stryker disable next-line EqualityOperator: the same end again re-arms a timer for the same moment
    if (timestamp <= this.pausedUntil) return;
    this.pausedUntil = timestamp;
    // Stryker disable next-line ConditionalExpression: clearTimeout(undefined) does nothing
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    this.pauseTimer = undefined;
    this.armPauseTimer();
  }

  private armPauseTimer(): void {
    this.pauseTimer ??= setTimeout(
      () => {
        this.pauseTimer = undefined;
        this.drain();
      },
      Math.max(0, this.pausedUntil - Date.now()),
    );
  }

  get pausedUntilTime(): number {
    return this.pausedUntil;
  }

  private drain(): void {
    if (Date.now() < this.pausedUntil) {
      // Timers can fire a millisecond before Date.now() reaches the pause end; without a new
      // timer the waiting calls would never be let out.
      // Stryker disable next-line ConditionalExpression,EqualityOperator: a timer with no one waiting lets nobody out when it fires
      if (this.waiting.length > 0) this.armPauseTimer();
      return;
    }
    while (this.active < this.limit && this.waiting.length > 0) {
      const next = this.waiting.shift();
      // Stryker disable next-line OptionalChaining: the loop condition guarantees an entry
      next?.();
    }
  }
}
