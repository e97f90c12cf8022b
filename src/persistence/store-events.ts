import type { EvictionReport, PersistenceError } from './errors';

/** Everything the editor may want to show about storage, as one stream. */
export type StoreEvent =
  | { type: 'evicted'; what: string; report: EvictionReport }
  /** `workflow`: the write was a saved workflow's (the editor then never says workflows are safe). */
  | { type: 'write-failed'; what: string; error: PersistenceError; workflow?: boolean }
  | { type: 'version-change'; newVersion: number | null }
  | { type: 'blocked'; oldVersion: number; newVersion: number | null }
  | { type: 'persistence'; granted: boolean };
