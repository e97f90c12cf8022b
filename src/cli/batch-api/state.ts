/**
 * `OUT/batch-state.json`: everything a later process needs to finish a --batch-api run without
 * paying twice (the files and options of the run, every job created, every node answered).
 * Never holds the API key: the environment is not part of it, and the text is saved through the
 * same redaction as run.json (the configured keys and any key-shaped text), so a key typed into an
 * --input value or echoed in an error message does not reach the file either.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Usage } from '../../engine/cost';
import { err, ok, type PeelError, peelError, type Result } from '../../engine/result';
import { redactSecrets } from '../../providers/redact';
import { writeFileAtomic } from '../atomic-write';

export const STATE_FILE = 'batch-state.json';

export interface JobRecord {
  level: number;
  model: string;
  /**
   * The job's idempotency marker: the run's id and a digest of its request keys (jobDisplayName),
   * saved here before the create call. A job whose create was cut off is found again by it, and a
   * job sent twice shows up as two jobs of one display name.
   */
  displayName: string;
  /** `batches/...`; missing while the create call is in flight. */
  name?: string;
  source?: 'inline' | 'file';
  inputFile?: string;
  requestCount: number;
  /** Request keys (`<cache key>.<call index>`) this job answers. */
  keys: string[];
  /**
   * Last state seen (JOB_STATE_...), or `creating` (intent saved, create sent or about to be:
   * outcome unknown until its name is saved or a list finds it), `create_failed` (Google refused
   * it: not created) or `not_created` (no job of its name appeared in time; sent again as the same).
   */
  state: string;
  /** When the last create call for it started (a create still under way is waited for). */
  createdAt: string;
  /** Create calls made for it (more than one only when an earlier one left no job). */
  attempts?: number;
  /** Other jobs found under its display name (sent twice), cancelled so they are not paid for. */
  duplicates?: string[];
  /** Its answers are in the cache (or recorded as failures) in this state's run. */
  collected?: boolean;
}

/** What one model node (by cache key) got from its batch job. */
export interface NodeOutcome {
  status: 'ok' | 'failed';
  /** Requests sent for it. */
  calls: number;
  /** At the batch price. */
  costUsd: number;
  usage?: Usage;
  error?: { code: PeelError['code']; message: string };
  job?: string;
}

export interface RunOptionsRecord {
  /** As saved: redacted. `inputsSha256` tells whether that changed them. */
  inputs: Array<{ name: string; value: string }>;
  /** sha256 of the inputs as given: a re-run of the command must give the same. */
  inputsSha256?: string;
  concurrency: number;
  maxCostUsd?: number;
  json: boolean;
  reroll: string[];
  targets: string[];
  useCache: boolean;
}

export interface BatchRunState {
  format: 'peel.batch-run';
  version: 1;
  runId: string;
  status: 'running' | 'interrupted' | 'finished';
  workflowPath: string;
  batchPath: string;
  outDir: string;
  cacheDir: string;
  /** sha256 of the workflow and batch files when the run started: a resumed run must see the same. */
  workflowSha256: string;
  batchSha256: string;
  options: RunOptionsRecord;
  jobs: JobRecord[];
  nodes: Record<string, NodeOutcome>;
  createdAt: string;
  updatedAt: string;
}

export const newRunId = (): string =>
  `${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;

/**
 * A job's display name: deterministic from the run and the exact requests it carries, so the same
 * job sent again (after a create with no answer) has the same name and a second copy is visible.
 * batch.displayName is required and has no documented length limit (ai.google.dev/api/batch-api,
 * read 2026-12-02); this one stays under 80 characters.
 */
export function jobDisplayName(runId: string, model: string, keys: readonly string[]): string {
  const digest = createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 16);
  return `peel-${runId}-${model}-${digest}`;
}

export async function fileSha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

const SECRETS = new WeakMap<BatchRunState, readonly string[]>();

/** The keys of this process (from the environment) that saving `state` must keep out. */
export function keepSecretsOut(state: BatchRunState, secrets: readonly string[]): void {
  SECRETS.set(state, secrets);
}

export const inputsSha256 = (inputs: RunOptionsRecord['inputs']): string =>
  createHash('sha256').update(JSON.stringify(inputs)).digest('hex');

/** The file's text: the state with every secret spelling and key-shaped text removed. */
export function stateText(state: BatchRunState): string {
  return `${redactSecrets(JSON.stringify(state, null, 2), SECRETS.get(state) ?? [])}\n`;
}

export async function saveState(state: BatchRunState): Promise<void> {
  state.updatedAt = new Date().toISOString();
  await mkdir(state.outDir, { recursive: true });
  await writeFileAtomic(join(state.outDir, STATE_FILE), stateText(state));
}

/** The state in `outDir`, undefined when there is none, or an error when it cannot be read. */
export async function loadState(outDir: string): Promise<Result<BatchRunState | undefined, PeelError>> {
  const path = join(outDir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ENOENT') return ok(undefined);
    return err(peelError('io', `${path}: cannot read (${String(cause)})`));
  }
  try {
    const state = JSON.parse(text) as BatchRunState;
    if (state.format !== 'peel.batch-run' || state.version !== 1 || !Array.isArray(state.jobs))
      return err(peelError('invalid_format', `${path}: not a Peel batch state file`));
    return ok({ ...state, outDir });
  } catch (cause) {
    return err(
      peelError('invalid_json', `${path}: ${cause instanceof Error ? cause.message : String(cause)}`),
    );
  }
}

/** `batches/abc`, `abc` and a full resource URL all name the same job. */
export const sameJob = (a: string, b: string): boolean =>
  a.replace(/^.*batches\//, '') === b.replace(/^.*batches\//, '');

export const jobLabel = (job: JobRecord): string => job.name ?? job.displayName;
