import { type BlobStorageMode, BlobStore } from './blob-store';
import {
  DEFAULT_DATABASE_NAME,
  type OpenDatabaseOptions,
  openPeelDatabase,
  type PeelDatabase,
} from './database';
import { createEmitter, type Emitter } from './emitter';
import type { EvictionReport, PersistenceResult } from './errors';
import { DEFAULT_EVICTION_POLICY, type EvictionPolicy, evictForSpace } from './eviction';
import { type CacheSize, IndexedDbCache } from './indexeddb-cache';
import { QuotaGuard } from './quota-guard';
import { RunHistory } from './run-history';
import type { LockManagerLike } from './run-locks';
import { RunRecorder, type RunRecorderContext } from './run-recorder';
import { SettingsStore } from './settings';
import {
  defaultStorageManager,
  requestPersistence,
  type StorageManagerLike,
  type StorageUsage,
  storageUsage,
} from './storage';
import type { StoreEvent } from './store-events';
import { WorkflowLibrary } from './workflow-library';

export interface PeelStoreOptions {
  blobMode?: BlobStorageMode | 'auto';
  eviction?: Partial<EvictionPolicy>;
  /** Defaults to `navigator.storage`; null disables estimate/persist. */
  storage?: StorageManagerLike | null;
  /** Defaults to `navigator.locks`; null disables live-run detection. */
  locks?: LockManagerLike | null;
  now?: () => number;
  newId?: () => string;
  cacheTouchDelayMs?: number;
}

/** Everything the editor needs from storage, framework-free. */
export interface PeelStore {
  readonly db: PeelDatabase;
  readonly blobs: BlobStore;
  readonly cache: IndexedDbCache;
  readonly workflows: WorkflowLibrary;
  readonly runs: RunHistory;
  readonly settings: SettingsStore;
  /** Evictions, failed writes, schema changes in other tabs, persistence grants. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  /** A recorder for one run (or one batch); pass `recorder.onEvent` to `runWorkflow`. */
  recordRun(context: Omit<RunRecorderContext, 'locks'>): RunRecorder;
  /** Runs an eviction pass now (normally only on quota errors). */
  evict(bytesNeeded?: number): Promise<EvictionReport>;
  clearCache(): Promise<{ entries: number; bytesFreed: number }>;
  cacheSize(): Promise<CacheSize>;
  storageUsage(): Promise<PersistenceResult<StorageUsage>>;
  close(): void;
}

export const PERSISTENCE_ASKED = 'storage.persistenceRequested';

/** Builds the store over an open database (tests open theirs with fault-injecting middleware). */
export function createPeelStore(
  db: PeelDatabase,
  options: PeelStoreOptions = {},
  events: Emitter<StoreEvent> = createEmitter<StoreEvent>(),
): PeelStore {
  const policy = { ...DEFAULT_EVICTION_POLICY, ...options.eviction };
  const storage = options.storage === null ? undefined : (options.storage ?? defaultStorageManager());
  const blobs = new BlobStore(db, {
    mode: options.blobMode ?? 'auto',
    ...(options.now ? { now: options.now } : {}),
  });
  // The guard needs eviction, eviction needs the cache (to flush touches), the cache needs the guard.
  let cache: IndexedDbCache | undefined;
  const evict = async (bytesNeeded = 0) => {
    // Pending lastUsedAt updates decide the LRU order; write them first.
    await cache?.flushLastUsed().catch(() => undefined);
    return evictForSpace(db, policy, bytesNeeded);
  };
  const guard = new QuotaGuard(evict, events);
  cache = new IndexedDbCache(db, blobs, guard, {
    ...(options.cacheTouchDelayMs !== undefined ? { touchDelayMs: options.cacheTouchDelayMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const settings = new SettingsStore(db, guard);
  let askedThisSession = false;
  const askPersistenceOnce = async () => {
    if (askedThisSession || !storage) return;
    askedThisSession = true;
    if (await settings.get<boolean>(PERSISTENCE_ASKED)) return;
    const granted = await requestPersistence(storage);
    if (!granted.ok) return;
    await settings.set(PERSISTENCE_ASKED, true);
    events.emit({ type: 'persistence', granted: granted.value });
  };
  const workflows = new WorkflowLibrary(db, blobs, guard, {
    ...(options.newId ? { newId: options.newId } : {}),
    ...(options.now ? { now: options.now } : {}),
    afterSave: () => void askPersistenceOnce(),
  });
  const runs = new RunHistory(db, guard, {
    ...(options.locks !== undefined ? { locks: options.locks } : {}),
  });
  const ownCache = cache;

  return {
    db,
    blobs,
    cache: ownCache,
    workflows,
    runs,
    settings,
    subscribe: (listener) => events.subscribe(listener),
    recordRun: (context) =>
      new RunRecorder(db, blobs, guard, {
        ...context,
        ...(options.locks !== undefined ? { locks: options.locks } : {}),
      }),
    evict,
    clearCache: () => ownCache.clear(),
    cacheSize: () => ownCache.size(),
    storageUsage: () => storageUsage(storage),
    close: () => {
      void ownCache.flushLastUsed().catch(() => undefined);
      db.close();
    },
  };
}

/** Opens the database and builds the store; schema events from other tabs arrive via subscribe. */
export async function openPeelStore(
  name = DEFAULT_DATABASE_NAME,
  options: PeelStoreOptions & Omit<OpenDatabaseOptions, 'onVersionChange' | 'onBlocked'> = {},
): Promise<PeelStore> {
  const events = createEmitter<StoreEvent>();
  const db = await openPeelDatabase(name, {
    ...options,
    onVersionChange: ({ newVersion }) => events.emit({ type: 'version-change', newVersion }),
    onBlocked: ({ oldVersion, newVersion }) => events.emit({ type: 'blocked', oldVersion, newVersion }),
  });
  return createPeelStore(db, options, events);
}
