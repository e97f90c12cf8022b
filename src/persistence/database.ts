import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { BlobRecord, CacheRow, RunRecord, SettingRow, WorkflowRecord } from './records';
import { defineSchemaV1, defineSchemaV2 } from './schema';

export const DEFAULT_DATABASE_NAME = 'peel';

export class PeelDatabase extends Dexie {
  // `declare`: Dexie creates these properties itself; class fields would overwrite them.
  declare workflows: Table<WorkflowRecord, string>;
  declare blobs: Table<BlobRecord, string>;
  declare cache: Table<CacheRow, string>;
  declare runs: Table<RunRecord, string>;
  declare settings: Table<SettingRow, string>;
  /**
   * This connection's open created the database (there was none): every table was empty when it
   * opened. Only the start reads it, before it writes anything.
   */
  createdByThisOpen = false;

  constructor(name: string, options?: DexieOptions) {
    super(name, options);
    defineSchemaV1(this);
    defineSchemaV2(this);
    // Dexie fires 'populate' only when it creates the database (native old version 0).
    this.on('populate', () => {
      this.createdByThisOpen = true;
    });
  }
}

export interface OpenDatabaseOptions {
  /** For tests and workers: an IndexedDB factory and key range other than the globals. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /**
   * Another tab opened a newer schema. The connection is already closed (or that tab could never
   * upgrade); the editor should tell the user, save what it can, and reload.
   */
  onVersionChange?: (info: { newVersion: number | null }) => void;
  /** Our upgrade waits for another tab that still has the old schema open. */
  onBlocked?: (info: { oldVersion: number; newVersion: number | null }) => void;
  /** Runs before opening, e.g. to add Dexie middleware (tests inject storage faults this way). */
  beforeOpen?: (db: PeelDatabase) => void;
}

/** Opens (creating or upgrading) the Peel database. e2e tests pass their own name. */
export async function openPeelDatabase(
  name = DEFAULT_DATABASE_NAME,
  options: OpenDatabaseOptions = {},
): Promise<PeelDatabase> {
  const dexieOptions: DexieOptions = {};
  if (options.indexedDB) dexieOptions.indexedDB = options.indexedDB;
  if (options.IDBKeyRange) dexieOptions.IDBKeyRange = options.IDBKeyRange;
  const db = new PeelDatabase(name, dexieOptions);
  db.on('versionchange', (event: IDBVersionChangeEvent) => {
    // Closing at once lets the other tab's upgrade proceed instead of hanging behind us.
    db.close({ disableAutoOpen: false });
    options.onVersionChange?.({ newVersion: dexieVersion(event.newVersion) });
  });
  db.on('blocked', (event: IDBVersionChangeEvent) => {
    options.onBlocked?.({
      oldVersion: dexieVersion(event.oldVersion) ?? 0,
      newVersion: dexieVersion(event.newVersion),
    });
  });
  options.beforeOpen?.(db);
  await db.open();
  return db;
}

/** Dexie stores `db.version(n)` as native version n * 10; callers think in Dexie versions. */
function dexieVersion(native: number | null): number | null {
  return native === null ? null : native / 10;
}
