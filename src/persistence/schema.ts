import type Dexie from 'dexie';
import type { Transaction } from 'dexie';
import { imageHashesOf, type StoredCacheRecord } from '../engine/cache-codec';
import { collectAssetHashes } from './workflow-images';

/**
 * Every shipped schema stays here, oldest first: Dexie needs the whole history to upgrade a
 * database from whatever version a returning user still has. Never edit a shipped version; add one.
 */

/** v1: the first release. Rows had no revision, no lastUsedAt and no reference lists. */
export const V1_STORES = {
  workflows: 'id, updatedAt, deletedAt',
  blobs: 'hash',
  cache: 'key, createdAt',
  runs: 'id, workflowId, startedAt',
  settings: 'key',
} as const;

/**
 * v2: LRU eviction (`cache.lastUsedAt`), reference lists so eviction can tell which blobs are still
 * used (`*imageHashes`), per-workflow run history newest first (`[workflowId+startedAt]`), and
 * `status` so startup can find runs that never ended.
 */
export const V2_STORES = {
  workflows: 'id, updatedAt, deletedAt, *imageHashes',
  blobs: 'hash',
  cache: 'key, createdAt, lastUsedAt, *imageHashes',
  runs: 'id, workflowId, startedAt, status, [workflowId+startedAt]',
  settings: 'key',
} as const;

export const CURRENT_SCHEMA_VERSION = 2;

export function defineSchemaV1(db: Dexie): void {
  db.version(1).stores(V1_STORES);
}

export function defineSchemaV2(db: Dexie): void {
  db.version(2).stores(V2_STORES).upgrade(upgradeV1ToV2);
}

interface RowV1Cache {
  record: StoredCacheRecord;
  createdAt: number;
  lastUsedAt?: number;
  imageHashes?: string[];
}

interface RowV1Workflow {
  file: unknown;
  revision?: number;
  imageHashes?: string[];
}

interface RowV1Run {
  status?: string;
  interrupted?: boolean;
  nodes?: Record<string, { outputHashes?: string[] }>;
  outputHashes?: string[];
}

/** Backfills the fields v2 indexes and relies on; v1 rows are otherwise kept as they were. */
export async function upgradeV1ToV2(tx: Transaction): Promise<void> {
  await tx
    .table<RowV1Cache>('cache')
    .toCollection()
    .modify((row) => {
      // Never used since v1 recorded it: its creation is the best "last used" we know.
      row.lastUsedAt ??= row.createdAt;
      row.imageHashes ??= imageHashesOf(row.record);
    });
  await tx
    .table<RowV1Workflow>('workflows')
    .toCollection()
    .modify((row) => {
      row.revision ??= 1;
      row.imageHashes ??= [...collectAssetHashes(row.file)];
    });
  await tx
    .table<RowV1Run>('runs')
    .toCollection()
    .modify((row) => {
      row.interrupted ??= row.status === 'interrupted';
      if (!row.outputHashes) {
        const hashes = new Set<string>();
        for (const node of Object.values(row.nodes ?? {}))
          for (const hash of node.outputHashes ?? []) hashes.add(hash);
        row.outputHashes = [...hashes];
      }
    });
}
