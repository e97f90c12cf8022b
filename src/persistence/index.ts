/** Browser persistence for Peel: IndexedDB (Dexie) storage, output cache, run history, autosave. */
export {
  type Autosaver,
  type AutosaveState,
  type AutosaveStatus,
  createAutosaver,
  installFlushOnHide,
} from './autosaver';
export { type BlobStorageMode, BlobStore } from './blob-store';
export { DEFAULT_DATABASE_NAME, type OpenDatabaseOptions, openPeelDatabase, PeelDatabase } from './database';
export {
  type EvictionReport,
  isQuotaExceeded,
  type PersistenceError,
  type PersistenceErrorCode,
  PersistenceFailure,
  type PersistenceResult,
} from './errors';
export { type CacheSize, IndexedDbCache } from './indexeddb-cache';
export { createPeelStore, openPeelStore, type PeelStore, type PeelStoreOptions } from './peel-store';
export type { BlobRecord, CacheRow, NodeRunRecord, RunRecord, RunSource, WorkflowRecord } from './records';
export { type DailySpend, RunHistory, type WorkflowSpend } from './run-history';
export { RunRecorder, type RunRecorderContext, workflowSnapshotHash } from './run-recorder';
export { CURRENT_SCHEMA_VERSION } from './schema';
export { SettingsStore } from './settings';
export { requestPersistence, type StorageUsage, storageUsage } from './storage';
export type { StoreEvent } from './store-events';
export {
  type OpenedWorkflow,
  type SavedWorkflow,
  WorkflowLibrary,
  type WorkflowSummary,
} from './workflow-library';
export {
  createWriterLock,
  type ReadOnlyReason,
  type WriterLock,
  type WriterLockOptions,
} from './writer-lock';
