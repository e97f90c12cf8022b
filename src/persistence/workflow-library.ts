import { parseWorkflowValue } from '../engine/load';
import { err, ok } from '../engine/result';
import { toWorkflowFile } from '../engine/save';
import type { ImageValue } from '../engine/values';
import type { Workflow } from '../engine/workflow';
import type { BlobStore } from './blob-store';
import type { PeelDatabase } from './database';
import { type PersistenceResult, persistenceError } from './errors';
import type { QuotaGuard } from './quota-guard';
import type { WorkflowRecord } from './records';
import { collectAssetHashes } from './workflow-images';

/** `add` refused the id because a row has it: false. Any other failure goes on as it was. */
function refusedAsTaken(error: unknown): false {
  // Dexie's ConstraintError and IndexedDB's DOMException both carry the name.
  if ((error as { name?: unknown } | null)?.name === 'ConstraintError') return false;
  throw error;
}

export interface WorkflowSummary {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  revision: number;
  nodeCount: number;
  deletedAt?: number;
}

export interface OpenedWorkflow {
  id: string;
  workflow: Workflow;
  revision: number;
  updatedAt: number;
}

export interface SavedWorkflow {
  id: string;
  revision: number;
  updatedAt: number;
  /** Hashes the workflow refers to whose bytes are in neither the database nor `images`. */
  missingImages: string[];
}

export interface SaveWorkflowOptions {
  /** The revision this edit started from; a save over a newer revision is refused (`conflict`). */
  baseRevision: number;
  /** Image bytes behind the workflow's asset hashes; already-stored hashes are not written again. */
  images?: Iterable<ImageValue>;
}

export interface WorkflowLibraryOptions {
  newId?: () => string;
  now?: () => number;
  /** Called after every successful save (the store asks for persistent storage on the first). */
  afterSave?: () => void;
}

const summaryOf = (record: WorkflowRecord): WorkflowSummary => ({
  id: record.id,
  name: record.name,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
  revision: record.revision,
  nodeCount: Array.isArray(record.file.nodes) ? record.file.nodes.length : 0,
  ...(record.deletedAt !== undefined ? { deletedAt: record.deletedAt } : {}),
});

/** The saved-workflow library: list, open, save (compare-and-set), rename, duplicate, delete and undo. */
export class WorkflowLibrary {
  private readonly newId: () => string;
  private readonly now: () => number;

  constructor(
    private readonly db: PeelDatabase,
    private readonly blobs: BlobStore,
    private readonly guard: QuotaGuard,
    private readonly options: WorkflowLibraryOptions = {},
  ) {
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.now = options.now ?? Date.now;
  }

  /** Newest first; the trash is listed separately. */
  async list(): Promise<WorkflowSummary[]> {
    const records = await this.db.workflows.orderBy('updatedAt').reverse().toArray();
    return records.filter((record) => record.deletedAt === undefined).map(summaryOf);
  }

  async listDeleted(): Promise<WorkflowSummary[]> {
    const records = await this.db.workflows.where('deletedAt').above(0).toArray();
    return records.sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0)).map(summaryOf);
  }

  async open(id: string): Promise<PersistenceResult<OpenedWorkflow>> {
    const record = await this.db.workflows.get(id);
    if (!record || record.deletedAt !== undefined) return err(notFound(id));
    const parsed = parseWorkflowValue(record.file);
    if (!parsed.ok) {
      const detail = parsed.error.map((problem) => problem.message).join('; ');
      return err(
        persistenceError('invalid_workflow', `The saved workflow "${record.name}" is damaged: ${detail}`),
      );
    }
    return ok({
      id,
      workflow: parsed.value.workflow,
      revision: record.revision,
      updatedAt: record.updatedAt,
    });
  }

  async create(
    workflow: Workflow,
    images: Iterable<ImageValue> = [],
  ): Promise<PersistenceResult<SavedWorkflow>> {
    return this.write(this.newId(), workflow, { baseRevision: 0, images }, true);
  }

  async save(
    id: string,
    workflow: Workflow,
    options: SaveWorkflowOptions,
  ): Promise<PersistenceResult<SavedWorkflow>> {
    return this.write(id, workflow, options, false);
  }

  private async write(
    id: string,
    workflow: Workflow,
    options: SaveWorkflowOptions,
    creating: boolean,
  ): Promise<PersistenceResult<SavedWorkflow>> {
    const file = toWorkflowFile(workflow, { embedImages: false });
    const imageHashes = [...collectAssetHashes(file)];
    const blobRecords = await this.blobs.recordsFor(options.images ?? []);
    const written = await this.guard.write(
      `workflow "${workflow.name}"`,
      () =>
        this.db.transaction('rw', [this.db.workflows, this.db.blobs], async () => {
          // A new workflow has a fresh random id: nothing to read first. `add` refuses an id that
          // is taken, in the same request that writes (a read before it cost a round trip to the
          // database in every create, the first save of a link's file among them).
          const current = creating ? undefined : await this.db.workflows.get(id);
          if (!creating && !current) return err(notFound(id));
          if (current?.deletedAt !== undefined)
            return err(
              persistenceError('deleted', `"${current.name}" was deleted; restore it or save a copy`),
            );
          if (current && current.revision !== options.baseRevision) {
            return err(
              persistenceError(
                'conflict',
                `"${current.name}" was changed elsewhere (another tab?) since you opened it; reload it or save a copy`,
                { currentRevision: current.revision },
              ),
            );
          }
          await this.blobs.putMissing(blobRecords);
          // Which of the file's images are stored (none to ask about in a file without images).
          const present =
            imageHashes.length === 0
              ? new Set<string>()
              : new Set(await this.db.blobs.where(':id').anyOf(imageHashes).primaryKeys());
          const now = this.now();
          const record: WorkflowRecord = {
            id,
            name: workflow.name,
            file,
            imageHashes,
            createdAt: current?.createdAt ?? now,
            updatedAt: now,
            revision: (current?.revision ?? 0) + 1,
          };
          if (!creating) await this.db.workflows.put(record);
          else if (!(await this.db.workflows.add(record).then(() => true, refusedAsTaken)))
            return err(persistenceError('conflict', `a workflow with id ${id} exists`));
          const missingImages = imageHashes.filter((hash) => !present.has(hash));
          return ok({ id, revision: record.revision, updatedAt: now, missingImages });
        }),
      { workflow: true },
    );
    if (!written.ok) return written;
    if (written.value.ok) this.options.afterSave?.();
    return written.value;
  }

  /** Renames in place; bumps the revision like any other change to the file. */
  async rename(id: string, name: string): Promise<PersistenceResult<SavedWorkflow>> {
    return this.modify(id, `renaming to "${name}"`, (record) => {
      record.name = name;
      record.file = { ...record.file, name };
    });
  }

  /** A copy under a new id. Images are shared by hash, so no bytes are copied. */
  async duplicate(id: string, name?: string): Promise<PersistenceResult<SavedWorkflow>> {
    const source = await this.db.workflows.get(id);
    if (!source || source.deletedAt !== undefined) return err(notFound(id));
    const copyName = name ?? `${source.name} (copy)`;
    const now = this.now();
    const copy: WorkflowRecord = {
      id: this.newId(),
      name: copyName,
      file: { ...structuredClone(source.file), name: copyName },
      imageHashes: [...source.imageHashes],
      createdAt: now,
      updatedAt: now,
      revision: 1,
    };
    const written = await this.guard.write(`a copy of "${source.name}"`, () => this.db.workflows.add(copy), {
      workflow: true,
    });
    if (!written.ok) return written;
    return ok({ id: copy.id, revision: 1, updatedAt: now, missingImages: [] });
  }

  /** Moves to the trash; `restore` undoes it. Nothing is lost until `purgeDeleted`. */
  async delete(id: string): Promise<PersistenceResult<SavedWorkflow>> {
    const deletedAt = this.now();
    return this.modify(id, 'moving it to the trash', (record) => {
      record.deletedAt = deletedAt;
    });
  }

  async restore(id: string): Promise<PersistenceResult<SavedWorkflow>> {
    return this.modify(
      id,
      'restoring it',
      (record) => {
        delete record.deletedAt;
      },
      true,
    );
  }

  /** Hard-deletes trashed workflows older than `olderThanMs`; their images become collectable. */
  async purgeDeleted(olderThanMs = 0): Promise<number> {
    const cutoff = this.now() - olderThanMs;
    return this.db.workflows.where('deletedAt').belowOrEqual(cutoff).delete();
  }

  private async modify(
    id: string,
    what: string,
    change: (record: WorkflowRecord) => void,
    includeDeleted = false,
  ): Promise<PersistenceResult<SavedWorkflow>> {
    const written = await this.guard.write(
      `workflow ${id} (${what})`,
      () =>
        this.db.transaction('rw', this.db.workflows, async () => {
          const record = await this.db.workflows.get(id);
          if (!record || (record.deletedAt !== undefined && !includeDeleted)) return undefined;
          change(record);
          record.revision += 1;
          record.updatedAt = this.now();
          await this.db.workflows.put(record);
          return record;
        }),
      { workflow: true },
    );
    if (!written.ok) return written;
    const record = written.value;
    if (!record) return err(notFound(id));
    return ok({ id, revision: record.revision, updatedAt: record.updatedAt, missingImages: [] });
  }
}

function notFound(id: string) {
  return persistenceError(
    'not_found',
    `No saved workflow with id ${id}; it may have been deleted in another tab.`,
  );
}
