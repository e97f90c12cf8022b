/** `peel batch status <job>` and `peel batch fetch <job> --out DIR`. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MemoryCache } from '../../engine/cache';
import { type PeelError, peelError } from '../../engine/result';
import { createGeminiBatchClient } from '../../providers/gemini-batch';
import type { CliArgs } from '../args';
import { type CliIO, EXIT } from '../cli-io';
import { FileSystemCache } from '../fs-cache';
import { printErrors } from '../prepare';
import { executeBatchRun } from './execute';
import { lockOutDir } from './out-lock';
import { prepareBatch } from './rows';
import { fileSha256, inputsSha256, jobLabel, loadState, STATE_FILE, sameJob } from './state';

const DEFAULT_CACHE_DIR = '.peel-cache';

export async function batchCommand(args: CliArgs, io: CliIO): Promise<number> {
  if (args.command === 'batch-status') return status(args.job, args.json, io);
  if (args.command === 'batch-fetch') return fetchJob(args, io);
  return invalid(io, [
    peelError('invalid_input', 'usage: peel batch status <job> | peel batch fetch <job> --out DIR'),
  ]);
}

const jobName = (job: string): string =>
  job.startsWith('batches/') ? job : `batches/${job.replace(/^.*batches\//, '')}`;

async function status(job: string, json: boolean, io: CliIO): Promise<number> {
  const apiKey = io.env.GEMINI_API_KEY?.trim();
  if (!apiKey)
    return invalid(io, [
      peelError('api_key_missing', 'GEMINI_API_KEY is not set: export GEMINI_API_KEY=...'),
    ]);
  const baseUrl = io.env.GEMINI_BASE_URL?.trim();
  const client = createGeminiBatchClient({ apiKey, ...(baseUrl ? { baseUrl } : {}) });
  const got = await client.get(jobName(job), io.signal);
  if (!got.ok) {
    printErrors(io, [got.error]);
    return got.error.code === 'invalid_input' ? EXIT.invalid : EXIT.nodeFailed;
  }
  const snap = got.value;
  const counts = snap.counts;
  if (json) {
    const { inlined: _answers, ...rest } = snap;
    io.stdout(JSON.stringify({ type: 'batch-status', ...rest }));
    return EXIT.ok;
  }
  io.stdout(`${snap.name}: ${snap.state}${snap.done ? ' (finished)' : ''}`);
  if (snap.model) io.stdout(`  model: ${snap.model}`);
  if (snap.displayName) io.stdout(`  display name: ${snap.displayName}`);
  if (counts.requestCount !== undefined) {
    const pending = counts.pending ?? counts.requestCount - (counts.successful ?? 0) - (counts.failed ?? 0);
    io.stdout(
      `  requests: ${counts.requestCount} total, ${counts.successful ?? 0} succeeded, ${counts.failed ?? 0} failed, ${pending} pending`,
    );
  }
  if (snap.createTime)
    io.stdout(`  created: ${snap.createTime}${snap.updateTime ? `, updated: ${snap.updateTime}` : ''}`);
  if (snap.error) io.stdout(`  error: ${snap.error}`);
  if (snap.responsesFile) io.stdout(`  results file: ${snap.responsesFile}`);
  return EXIT.ok;
}

async function fetchJob(
  args: { job: string; outDir: string; cacheDir: string; json: boolean },
  io: CliIO,
): Promise<number> {
  const outDir = resolve(io.cwd, args.outDir);
  if (!existsSync(join(outDir, STATE_FILE))) return fetchLocked(args, outDir, io);
  const lock = await lockOutDir(outDir, io);
  if (!lock.ok) return invalid(io, [lock.error]);
  try {
    return await fetchLocked(args, outDir, io);
  } finally {
    await lock.value();
  }
}

async function fetchLocked(
  args: { job: string; outDir: string; cacheDir: string; json: boolean },
  outDir: string,
  io: CliIO,
): Promise<number> {
  const loaded = await loadState(outDir);
  if (!loaded.ok) return invalid(io, [loaded.error]);
  const state = loaded.value;
  if (!state) {
    return invalid(io, [
      peelError(
        'invalid_input',
        `${join(outDir, STATE_FILE)} not found: peel batch fetch needs the --out folder of the --batch-api run that created ${args.job}`,
      ),
    ]);
  }
  const job = state.jobs.find(
    (one) => (one.name && sameJob(one.name, args.job)) || one.displayName === args.job,
  );
  if (!job) {
    const known = state.jobs.map(jobLabel).join(', ') || 'none yet';
    return invalid(io, [
      peelError('invalid_input', `${args.job} is not a job of the run in ${outDir} (its jobs: ${known})`),
    ]);
  }
  for (const [path, sha] of [
    [state.workflowPath, state.workflowSha256],
    [state.batchPath, state.batchSha256],
  ] as const) {
    const now = await fileSha256(path).catch(() => undefined);
    if (now !== sha) {
      return invalid(io, [
        peelError(
          'invalid_input',
          `${path} ${now === undefined ? 'is gone' : 'changed'} since the batch was sent; restore it to finish this run`,
        ),
      ]);
    }
  }
  const { inputs, inputsSha256: given } = state.options;
  if (given !== undefined && inputsSha256(inputs) !== given) {
    return invalid(io, [
      peelError(
        'invalid_input',
        `${join(outDir, STATE_FILE)} keeps this run's --input values redacted (they held key-shaped text): finish it by running the same peel run command again`,
      ),
    ]);
  }
  state.options.json = args.json;
  const cacheDir = args.cacheDir === DEFAULT_CACHE_DIR ? state.cacheDir : resolve(io.cwd, args.cacheDir);
  const cache = state.options.useCache ? new FileSystemCache(cacheDir) : new MemoryCache();
  const checkIds = [...state.options.targets, ...state.options.reroll];
  const batch = await prepareBatch(state.workflowPath, state.batchPath, state.options.inputs, checkIds, io);
  if (Array.isArray(batch)) return invalid(io, batch);
  io.stderr(
    `fetch: resuming the run in ${outDir} (${state.jobs.length} job${state.jobs.length === 1 ? '' : 's'} so far)`,
  );
  return executeBatchRun(batch, state, cache, io);
}

function invalid(io: CliIO, errors: PeelError[]): number {
  printErrors(io, errors);
  return EXIT.invalid;
}
