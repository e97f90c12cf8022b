import { ok } from '../engine/result';
import type { Emitter } from './emitter';
import {
  describeCause,
  type EvictionReport,
  isQuotaExceeded,
  type PersistenceError,
  type PersistenceResult,
  persistenceError,
} from './errors';
import type { StoreEvent } from './store-events';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Runs every write. On a quota error: evict (cache first, never workflows), report what went,
 * retry once. Every failure becomes a value and an event: nothing is swallowed.
 */
export class QuotaGuard {
  private evicting: Promise<EvictionReport> | undefined;

  constructor(
    private readonly evict: () => Promise<EvictionReport>,
    private readonly events: Emitter<StoreEvent>,
  ) {}

  async write<T>(
    what: string,
    operation: () => Promise<T>,
    options: { workflow?: boolean } = {},
  ): Promise<PersistenceResult<T>> {
    const fail = (error: PersistenceError): PersistenceResult<T> => {
      this.events.emit({
        type: 'write-failed',
        what,
        error,
        ...(options.workflow ? { workflow: true } : {}),
      });
      return { ok: false, error };
    };
    try {
      return ok(await operation());
    } catch (first) {
      if (!isQuotaExceeded(first)) return fail(writeFailed(what, first));
    }
    let report: EvictionReport;
    try {
      report = await this.evictOnce();
    } catch (cause) {
      return fail(writeFailed(what, cause, 'storage is full and making room failed'));
    }
    this.events.emit({ type: 'evicted', what, report });
    try {
      return ok(await operation());
    } catch (second) {
      if (!isQuotaExceeded(second)) return fail(writeFailed(what, second));
      const freed =
        report.cacheEntries + report.blobs === 0
          ? 'there were no cached outputs left to clear'
          : `even after clearing ${report.cacheEntries} cached outputs and ${report.blobs} unused images (${formatBytes(report.bytes)})`;
      return fail(
        persistenceError(
          'quota_exceeded',
          `Browser storage is full: could not save ${what}; ${freed}. Delete workflows you no longer need, or free space used by other sites.`,
          { evicted: report },
        ),
      );
    }
  }

  /** Concurrent writes that all hit the quota share one eviction pass. */
  private evictOnce(): Promise<EvictionReport> {
    this.evicting ??= this.evict().finally(() => {
      this.evicting = undefined;
    });
    return this.evicting;
  }
}

function writeFailed(what: string, cause: unknown, prefix = 'the write failed'): PersistenceError {
  return persistenceError('write_failed', `Could not save ${what}: ${prefix} (${describeCause(cause)}).`);
}
