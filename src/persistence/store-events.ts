import type { EvictionReport, PersistenceError } from './errors';

/** Everything the editor may want to show about storage, as one stream. */
export type StoreEvent =
  | { type: 'evicted'; what: string; report: EvictionReport }
  | { type: 'write-failed'; what: string; error: PersistenceError }
  | { type: 'version-change'; newVersion: number | null }
  | { type: 'blocked'; oldVersion: number; newVersion: number | null }
  | { type: 'persistence'; granted: boolean };
