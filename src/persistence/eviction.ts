import Dexie from 'dexie';
import type { PeelDatabase } from './database';
import type { EvictionReport } from './errors';

export interface EvictionPolicy {
  /** Share of the cache (by size) to free per pass; a quota error says nothing about how much is needed. */
  fraction: number;
  /** At least this many LRU entries go per pass, so a pass always frees something when it can. */
  minEntries: number;
}

export const DEFAULT_EVICTION_POLICY: EvictionPolicy = { fraction: 0.25, minEntries: 1 };

const jsonSize = (value: unknown): number => JSON.stringify(value).length;

/**
 * Makes room: least-recently-used cache entries first, then blobs nothing needs any more.
 * Workflows are never touched, and neither are the images they refer to.
 */
export async function evictForSpace(
  db: PeelDatabase,
  policy: EvictionPolicy = DEFAULT_EVICTION_POLICY,
  bytesNeeded = 0,
): Promise<EvictionReport> {
  return db.transaction('rw', [db.cache, db.blobs, db.workflows, db.runs], async () => {
    const rows = await db.cache.orderBy('lastUsedAt').toArray();
    const total = rows.reduce((sum, row) => sum + row.sizeBytes, 0);
    const target = Math.max(bytesNeeded, total * policy.fraction);
    const evicted: string[] = [];
    let planned = 0;
    let bytes = 0;
    for (const row of rows) {
      if (planned >= target && evicted.length >= policy.minEntries) break;
      evicted.push(row.key);
      planned += row.sizeBytes;
      bytes += jsonSize(row.record);
    }
    await db.cache.bulkDelete(evicted);
    const blobs = await deleteUnreferencedBlobs(db);
    return {
      cacheEntries: evicted.length,
      blobs: blobs.hashes.length,
      bytes: bytes + blobs.bytes,
      cacheKeys: evicted,
      blobHashes: blobs.hashes,
    };
  });
}

/** Hashes some record still needs: workflows (trash included), cache entries, and the latest runs. */
export async function referencedImageHashes(db: PeelDatabase): Promise<Set<string>> {
  return db.transaction('r', [db.cache, db.workflows, db.runs], async () => {
    // Multi-entry indexes list every referenced hash without loading a single row.
    const referenced = new Set<string>([
      ...((await db.workflows.orderBy('imageHashes').uniqueKeys()) as string[]),
      ...((await db.cache.orderBy('imageHashes').uniqueKeys()) as string[]),
    ]);
    const workflowIds = (await db.workflows.toCollection().primaryKeys()) as string[];
    for (const workflowId of workflowIds) {
      const latest = await db.runs
        .where('[workflowId+startedAt]')
        .between([workflowId, Dexie.minKey], [workflowId, Dexie.maxKey])
        .last();
      for (const hash of latest?.outputHashes ?? []) referenced.add(hash);
    }
    // A run still writing its outputs may not be any workflow's latest yet; keep what it made.
    await db.runs
      .where('status')
      .equals('running')
      .each((run) => {
        for (const hash of run.outputHashes) referenced.add(hash);
      });
    return referenced;
  });
}

export async function deleteUnreferencedBlobs(
  db: PeelDatabase,
): Promise<{ hashes: string[]; bytes: number }> {
  return db.transaction('rw', [db.cache, db.blobs, db.workflows, db.runs], async () => {
    const referenced = await referencedImageHashes(db);
    const unreferenced: string[] = [];
    let bytes = 0;
    await db.blobs.each((blob) => {
      if (referenced.has(blob.hash)) return;
      unreferenced.push(blob.hash);
      bytes += blob.size;
    });
    await db.blobs.bulkDelete(unreferenced);
    return { hashes: unreferenced, bytes };
  });
}
