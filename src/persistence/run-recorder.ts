import { encodeOutputs, imageHashesOf } from '../engine/cache-codec';
import { canonicalJson } from '../engine/canonical';
import type { RunEvent } from '../engine/events';
import { exportFileName } from '../engine/file-extension';
import { sha256HexOfString } from '../engine/image/hash';
import { toWorkflowFile } from '../engine/save';
import type { ImageValue, PortValue } from '../engine/values';
import type { Workflow } from '../engine/workflow';
import type { BlobStore } from './blob-store';
import type { PeelDatabase } from './database';
import { describeCause, type PersistenceError, persistenceError } from './errors';
import type { QuotaGuard } from './quota-guard';
import type { NodeRunRecord, RunRecord, RunSource } from './records';
import { defaultLockManager, type LockManagerLike, runLockName } from './run-locks';

export interface RunRecorderContext {
  workflowId: string;
  /** The workflow as run; its canonical JSON hash identifies the snapshot. */
  workflow: Workflow;
  /** Which part of the editor started the run (default: the graph). */
  source?: RunSource;
  /** Exposed inputs the run was given (batch row values, uploads). */
  inputs?: Record<string, PortValue>;
  /** Defaults to `navigator.locks`; held while a run is live so other tabs don't mark it interrupted. */
  locks?: LockManagerLike | null;
  /** Every failed history write, already reported as a store event too. */
  onError?: (error: PersistenceError) => void;
  /** The access route that paid for the calls (gemini, vertex, openrouter); absent for preview. */
  route?: string | undefined;
}

/** sha256 of the canonical JSON of the workflow file (images by hash, never bytes). */
export function workflowSnapshotHash(workflow: Workflow): string {
  return sha256HexOfString(canonicalJson(toWorkflowFile(workflow, { embedImages: false })));
}

/**
 * Turns the engine's event stream into run history. Events arrive synchronously from the executor;
 * each one updates memory and queues one short write, so no transaction ever spans a model call.
 * Pass `recorder.onEvent` as `runWorkflow`'s `onEvent`; one recorder can record every row of a batch.
 */
export class RunRecorder {
  private readonly runs = new Map<string, RunRecord>();
  private readonly releases = new Map<string, { release: () => void; done: Promise<void> }>();
  private readonly snapshotHash: string;
  private readonly locks: LockManagerLike | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** Per run, the write queued but not started: later events fold into it (newest state, once). */
  private readonly waiting = new Map<string, { run: RunRecord; images: ImageValue[] }>();
  readonly errors: PersistenceError[] = [];

  constructor(
    private readonly db: PeelDatabase,
    private readonly blobs: BlobStore,
    private readonly guard: QuotaGuard,
    private readonly context: RunRecorderContext,
  ) {
    this.snapshotHash = workflowSnapshotHash(context.workflow);
    this.locks = context.locks === null ? undefined : (context.locks ?? defaultLockManager());
  }

  readonly onEvent = (event: RunEvent): void => {
    const images = this.apply(event);
    const run = this.runs.get(event.runId);
    if (images && run) this.enqueue(run, images);
    if (event.type === 'run-finish') this.forget(event.runId);
  };

  /** Resolves when every queued write has finished (successfully or reported). */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Updates the in-memory record; returns the images the event brought, or undefined to skip it. */
  private apply(event: RunEvent): ImageValue[] | undefined {
    if (event.type === 'run-start') return this.start(event);
    const run = this.runs.get(event.runId);
    if (!run) return undefined;
    switch (event.type) {
      case 'node-start':
        run.nodes[event.nodeId] = {
          status: 'running',
          startedAt: event.at,
          calls: 0,
          costUsd: 0,
          outputHashes: [],
          ...(event.element ? { element: { ...event.element } } : {}),
        };
        return [];
      case 'call-finish': {
        // Written per call: if the tab dies mid-node, history still shows what was paid.
        const node = run.nodes[event.nodeId];
        if (!node) return undefined;
        node.calls += 1;
        node.costUsd = node.costUsd === null || event.costUsd === null ? null : node.costUsd + event.costUsd;
        this.retotal(run);
        return [];
      }
      case 'node-finish': {
        const encoded = encodeOutputs(event.outputs ?? {});
        const previous = run.nodes[event.nodeId];
        const node: NodeRunRecord = {
          status: event.status,
          startedAt: previous?.startedAt ?? event.at - event.durationMs,
          finishedAt: event.at,
          durationMs: event.durationMs,
          calls: event.calls,
          costUsd: event.costUsd ?? 0,
          outputHashes: event.outputs ? imageHashesOf({ outputs: encoded.outputs, createdAt: 0 }) : [],
        };
        if (event.outputs) node.outputs = encoded.outputs;
        if (event.cacheKey) node.cacheKey = event.cacheKey;
        if (event.error) node.error = event.error;
        if (event.element) node.element = { ...event.element };
        const exportImages = event.exports?.map((file) => file.image) ?? [];
        if (event.exports && event.exports.length > 0) {
          node.files = event.exports.map((file) => ({
            fileName: exportFileName(file.baseName, file.image.mimeType),
            hash: file.image.hash,
          }));
          for (const image of exportImages)
            if (!node.outputHashes.includes(image.hash)) node.outputHashes.push(image.hash);
        }
        run.nodes[event.nodeId] = node;
        this.retotal(run);
        return [...encoded.images, ...exportImages];
      }
      case 'run-finish':
        run.status = event.status;
        run.endedAt = event.at;
        run.totals = event.totals;
        if (event.error) run.error = event.error;
        return [];
      default:
        return undefined;
    }
  }

  private start(event: Extract<RunEvent, { type: 'run-start' }>): ImageValue[] {
    const inputs = encodeOutputs(this.context.inputs ?? {});
    this.runs.set(event.runId, {
      id: event.runId,
      ...(this.context.source && this.context.source !== 'editor' ? { source: this.context.source } : {}),
      workflowId: this.context.workflowId,
      workflowName: this.context.workflow.name,
      snapshotHash: this.snapshotHash,
      row: event.row,
      inputs: inputs.outputs,
      status: 'running',
      interrupted: false,
      startedAt: event.at,
      nodeIds: event.nodeIds,
      estimate: { calls: event.estimate.calls, usd: event.estimate.usd },
      nodes: {},
      totals: { calls: 0, cachedNodes: 0, costUsd: 0 },
      outputHashes: [],
      ...(this.context.route ? { route: this.context.route } : {}),
    });
    this.holdLock(event.runId);
    return inputs.images;
  }

  private holdLock(runId: string): void {
    if (!this.locks) return;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const done = this.locks
      .request(runLockName(runId), {}, () => held)
      .then(
        () => undefined,
        () => {
          // Without the lock another tab may mark this run interrupted at its startup: a cosmetic loss only.
        },
      );
    this.releases.set(runId, { release, done });
  }

  private forget(runId: string): void {
    this.runs.delete(runId);
    const lock = this.releases.get(runId);
    this.releases.delete(runId);
    // Held until the final state is stored: another tab starting up meanwhile would otherwise mark
    // the finished run interrupted. `idle()` resolves once it is released.
    if (lock)
      this.queue = this.queue.then(() => {
        lock.release();
        return lock.done;
      });
  }

  private retotal(run: RunRecord): void {
    let calls = 0;
    let costUsd = 0;
    let cachedNodes = 0;
    const hashes = new Set<string>();
    for (const node of Object.values(run.nodes)) {
      calls += node.calls;
      costUsd += node.costUsd ?? 0;
      if (node.status === 'cached') cachedNodes++;
      for (const hash of node.outputHashes) hashes.add(hash);
    }
    run.totals = { calls, cachedNodes, costUsd };
    run.outputHashes = [...hashes];
  }

  /**
   * Queues a write of the run's state. One write per event fell behind on big runs (a reload just
   * after the end found elements still "running"), so events that arrive while earlier writes run
   * fold into the one queued write: it stores the newest state and every image the events brought.
   */
  private enqueue(run: RunRecord, images: ImageValue[]): void {
    const queued = this.waiting.get(run.id);
    if (queued) {
      queued.images.push(...images);
      return;
    }
    const entry = { run, images: [...images] };
    this.waiting.set(run.id, entry);
    this.queue = this.queue.then(() => {
      this.waiting.delete(run.id);
      return this.write(structuredClone(entry.run), entry.images);
    });
  }

  private async write(snapshot: RunRecord, images: ImageValue[]): Promise<void> {
    let failure: PersistenceError | undefined;
    try {
      const blobRecords = await this.blobs.recordsFor(images);
      const written = await this.guard.write('run history', () =>
        this.db.transaction('rw', [this.db.runs, this.db.blobs], async () => {
          await this.blobs.putMissing(blobRecords);
          await this.db.runs.put(snapshot);
        }),
      );
      if (!written.ok) failure = written.error;
    } catch (cause) {
      failure = persistenceError('write_failed', `Could not save run history: ${describeCause(cause)}`);
    }
    if (failure) {
      this.errors.push(failure);
      this.context.onError?.(failure);
    }
  }
}
