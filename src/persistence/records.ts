import type { StoredCacheRecord, StoredPortValue } from '../engine/cache-codec';
import type { ElementRef, NodeFinishStatus, RunStatus, RunTotals } from '../engine/events';
import type { PeelError } from '../engine/result';

/**
 * Row shapes of the current (v2) schema. Older shapes are described in `schema.ts`, next to the
 * upgrade that turns them into these.
 */

export interface WorkflowRecord {
  id: string;
  name: string;
  /** The v1 workflow file object without embedded images: params keep `{ name, mimeType, hash }`. */
  file: Record<string, unknown>;
  /** Every image hash the file refers to; a multi-entry index, so those blobs are never evicted. */
  imageHashes: string[];
  createdAt: number;
  updatedAt: number;
  /** Bumped by every write; a save names the revision it started from (compare-and-set). */
  revision: number;
  /** Soft delete: set while the workflow sits in the trash, so delete can be undone. */
  deletedAt?: number;
}

/** Image bytes stored once per content hash. `bytes` only where the browser refuses Blobs. */
export type BlobRecord = {
  hash: string;
  mimeType: string;
  size: number;
  createdAt: number;
} & ({ blob: Blob; bytes?: undefined } | { bytes: ArrayBuffer; blob?: undefined });

export interface CacheRow {
  key: string;
  record: StoredCacheRecord;
  provider?: string;
  createdAt: number;
  lastUsedAt: number;
  /** JSON size of the record plus the bytes of every image it refers to (shared images counted in full). */
  sizeBytes: number;
  imageHashes: string[];
}

export type RunRecordStatus = 'running' | RunStatus | 'interrupted';
export type NodeRunStatus = 'running' | NodeFinishStatus | 'interrupted';

export interface NodeRunRecord {
  status: NodeRunStatus;
  startedAt?: number;
  finishedAt?: number;
  durationMs?: number;
  /** Requests sent so far (retries included); updated per call so an interrupted node still shows spend. */
  calls: number;
  costUsd: number | null;
  outputs?: Record<string, StoredPortValue>;
  outputHashes: string[];
  cacheKey?: string;
  error?: PeelError;
  /** Files an export node wrote (name with extension, image hash), so its list survives a reload. */
  files?: { fileName: string; hash: string }[];
  /** For one element of a mapped node (`gen[2]`): its node of the file, index and count, so the strip survives a reload. */
  element?: ElementRef;
}

/** Where a run was started: the graph (toolbar, run-to-selected, re-roll), the Form or the Batch panel. */
export type RunSource = 'editor' | 'form' | 'batch';

export interface RunRecord {
  id: string;
  /** Absent on runs recorded before sources were kept: those came from the editor. */
  source?: RunSource;
  workflowId: string;
  workflowName: string;
  /** sha256 of the canonical JSON of the workflow as run (images by hash). */
  snapshotHash: string;
  row: number;
  inputs: Record<string, StoredPortValue>;
  status: RunRecordStatus;
  /** True when the page went away mid-run; nothing is re-submitted. */
  interrupted: boolean;
  startedAt: number;
  endedAt?: number;
  nodeIds: string[];
  estimate?: { calls: number; usd: number | null };
  nodes: Record<string, NodeRunRecord>;
  totals: RunTotals;
  /** Every image hash the run's outputs refer to. */
  outputHashes: string[];
  error?: PeelError;
  /** Which access route paid for the calls (gemini, vertex, openrouter); absent for preview runs. */
  route?: string;
}

export interface SettingRow {
  key: string;
  value: unknown;
}
