import type { Result } from '../engine/result';

export type PersistenceErrorCode =
  | 'conflict'
  | 'not_found'
  | 'deleted'
  | 'invalid_workflow'
  | 'quota_exceeded'
  | 'write_failed'
  | 'read_failed'
  | 'unsupported';

/** What an eviction pass removed to make room; never contains workflows. */
export interface EvictionReport {
  cacheEntries: number;
  blobs: number;
  bytes: number;
  cacheKeys: string[];
  blobHashes: string[];
}

export interface PersistenceError {
  code: PersistenceErrorCode;
  message: string;
  /** Set on quota failures: what was evicted before the retry that still failed. */
  evicted?: EvictionReport;
  /** The stored revision, on conflicts. */
  currentRevision?: number;
}

export type PersistenceResult<T> = Result<T, PersistenceError>;

export const persistenceError = (
  code: PersistenceErrorCode,
  message: string,
  extra: Partial<PersistenceError> = {},
): PersistenceError => ({ code, message, ...extra });

/** Thrown only through interfaces that cannot return a value (NodeCache.set); carries the value. */
export class PersistenceFailure extends Error {
  constructor(readonly error: PersistenceError) {
    super(error.message);
    this.name = 'PersistenceFailure';
  }

  /** The failure's code on the thrown value itself: callers that only see `unknown` can read it. */
  get code(): PersistenceError['code'] {
    return this.error.code;
  }
}

/**
 * Quota errors arrive in many wrappers: the DOMException itself, Dexie's QuotaExceededError, an
 * AbortError whose `inner` is the quota error (the transaction aborted because of it), a BulkError
 * listing it among `failures`, or an Error with it as `cause`. Firefox once used its own name.
 */
export function isQuotaExceeded(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 6) return false;
  const wrapped = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (wrapped.name === 'QuotaExceededError' || wrapped.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  if (isQuotaExceeded(wrapped.inner, depth + 1) || isQuotaExceeded(wrapped.cause, depth + 1)) return true;
  return Array.isArray(wrapped.failures) && wrapped.failures.some((f) => isQuotaExceeded(f, depth + 1));
}

export function describeCause(cause: unknown): string {
  if (cause instanceof Error || (typeof cause === 'object' && cause !== null && 'message' in cause)) {
    const { name, message } = cause as { name?: unknown; message?: unknown };
    return typeof name === 'string' && name !== 'Error' ? `${name}: ${String(message)}` : String(message);
  }
  return String(cause);
}
