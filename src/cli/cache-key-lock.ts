import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import type { CacheKeyRelease } from '../engine/cache';

/**
 * One claim per cache key across processes (two `peel run`s on one `--cache`), so the second
 * waits for the first one's answer instead of paying for its own.
 *
 * proper-lockfile takes the claim with an atomic `mkdir` (`locks/<key>.lock`) and refreshes its
 * mtime while held; a claim nobody refreshed for `staleMs` belongs to a process that died, and
 * the next waiter takes it over. Locks still held are removed on exit (including Ctrl+C).
 */
export interface CacheKeyLockOptions {
  /** A claim older than this (not refreshed) is from a dead process. */
  staleMs?: number;
  /** How often a waiter looks again. */
  pollMs?: number;
}

const DEFAULT_STALE_MS = 30_000;
const DEFAULT_POLL_MS = 100;

export class CacheKeyLocks {
  private ready: Promise<void> | undefined;
  private readonly staleMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly directory: string,
    options: CacheKeyLockOptions = {},
  ) {
    this.staleMs = options.staleMs ?? DEFAULT_STALE_MS;
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  }

  /** Waits for the key to be free and claims it; undefined when no claim can be made or on abort. */
  async acquire(key: string, signal: AbortSignal): Promise<CacheKeyRelease | undefined> {
    try {
      this.ready ??= mkdir(this.directory, { recursive: true }).then(() => undefined);
      await this.ready;
    } catch {
      // A cache folder we cannot write to cannot hold locks either; the run goes on unlocked
      // (and warns that its results could not be cached).
      return undefined;
    }
    const path = join(this.directory, key);
    while (!signal.aborted) {
      try {
        const release = await lockfile.lock(path, {
          realpath: false,
          stale: this.staleMs,
          update: Math.max(1000, Math.floor(this.staleMs / 3)),
          // Lost only if this process stalled past staleMs: the worst outcome is one more call
          // by another process, never a crash of this run.
          onCompromised: () => undefined,
        });
        return () => release().catch(() => undefined);
      } catch (cause) {
        if ((cause as { code?: unknown }).code !== 'ELOCKED') return undefined;
      }
      await sleep(this.pollMs, signal);
    }
    return undefined;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
