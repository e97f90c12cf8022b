import { err, ok } from '../engine/result';
import { type PersistenceResult, persistenceError } from './errors';

/** The part of `navigator.storage` Peel uses; injectable so tests and old browsers work. */
export interface StorageManagerLike {
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
}

export interface StorageUsage {
  usage: number;
  quota: number;
  /** usage / quota, 0..1; 0 when the quota is unknown. */
  fraction: number;
}

export function defaultStorageManager(): StorageManagerLike | undefined {
  const nav = (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator;
  return nav?.storage;
}

/** How much the origin uses of its quota, where the browser says (it is an estimate, and may lie low). */
export async function storageUsage(
  storage: StorageManagerLike | undefined = defaultStorageManager(),
): Promise<PersistenceResult<StorageUsage>> {
  if (!storage?.estimate)
    return err(persistenceError('unsupported', 'this browser does not report storage use'));
  try {
    const { usage = 0, quota = 0 } = await storage.estimate();
    return ok({ usage, quota, fraction: quota > 0 ? usage / quota : 0 });
  } catch (cause) {
    return err(persistenceError('read_failed', `could not read storage use: ${String(cause)}`));
  }
}

/**
 * Asks the browser not to evict Peel's data under storage pressure. Browsers may prompt or decide
 * silently, so this is asked once (the caller remembers having asked) and the answer is only shown.
 */
export async function requestPersistence(
  storage: StorageManagerLike | undefined = defaultStorageManager(),
): Promise<PersistenceResult<boolean>> {
  if (!storage?.persist)
    return err(persistenceError('unsupported', 'this browser cannot make storage persistent'));
  try {
    if (storage.persisted && (await storage.persisted())) return ok(true);
    return ok(await storage.persist());
  } catch (cause) {
    return err(persistenceError('read_failed', `could not request persistent storage: ${String(cause)}`));
  }
}
