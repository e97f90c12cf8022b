/** `peel run WORKFLOW --batch FILE --batch-api`: a batch's model calls as Gemini Batch API jobs. */
import { resolve } from 'node:path';
import { type PeelError, peelError } from '../../engine/result';
import type { RunArgs } from '../args';
import { type CliIO, EXIT } from '../cli-io';
import { printErrors } from '../prepare';
import { cacheFor } from '../run-context';
import { executeBatchRun } from './execute';
import { lockOutDir } from './out-lock';
import { prepareBatch } from './rows';
import {
  type BatchRunState,
  fileSha256,
  inputsSha256,
  jobLabel,
  loadState,
  newRunId,
  type RunOptionsRecord,
  STATE_FILE,
} from './state';

export async function runBatchApi(args: RunArgs, io: CliIO): Promise<number> {
  // A dry run sends nothing, and a refused provider never gets as far: neither needs the lock.
  if (args.dryRun || args.provider === 'preview') return runLocked(args, io);
  // Held from reading batch-state.json to the end: no second process sends jobs for this folder.
  const lock = await lockOutDir(resolve(io.cwd, args.outDir), io);
  if (!lock.ok) return invalid(io, [lock.error]);
  try {
    return await runLocked(args, io);
  } finally {
    await lock.value();
  }
}

async function runLocked(args: RunArgs, io: CliIO): Promise<number> {
  if (args.provider === 'preview')
    return invalid(io, [
      peelError(
        'invalid_input',
        '--batch-api sends Gemini batch jobs; it does not work with --provider preview',
      ),
    ]);
  const workflowPath = resolve(io.cwd, args.workflowPath);
  const batchPath = resolve(io.cwd, args.batchPath as string);
  const outDir = resolve(io.cwd, args.outDir);
  const batch = await prepareBatch(
    workflowPath,
    batchPath,
    args.inputs,
    [...args.targets, ...args.reroll],
    io,
  );
  if (Array.isArray(batch)) return invalid(io, batch);
  const previous = await loadState(outDir);
  if (!previous.ok) return invalid(io, [previous.error]);
  const workflowSha256 = await fileSha256(workflowPath);
  const batchSha256 = await fileSha256(batchPath);
  const options: RunOptionsRecord = {
    inputs: args.inputs,
    inputsSha256: inputsSha256(args.inputs),
    concurrency: args.concurrency,
    ...(args.maxCostUsd !== undefined ? { maxCostUsd: args.maxCostUsd } : {}),
    json: args.json,
    reroll: args.reroll,
    targets: args.targets,
    useCache: args.useCache,
  };
  // A run that sent jobs is finished by the same command (or `peel batch fetch`), never sent again.
  const earlier = previous.value;
  const sent = earlier?.jobs.filter((one) => one.name || one.state === 'creating') ?? [];
  if (earlier && earlier.status !== 'finished' && sent.length > 0 && !args.dryRun) {
    const same =
      earlier.workflowSha256 === workflowSha256 &&
      earlier.batchSha256 === batchSha256 &&
      sameOptions(earlier.options, options);
    if (!same) {
      const first = sent[0] as (typeof sent)[number];
      const how = `finish it with the command that started it, or: peel batch fetch ${jobLabel(first)} --out ${args.outDir}; or `;
      return invalid(io, [
        peelError(
          'invalid_input',
          `${outDir}/${STATE_FILE}: this folder holds an unfinished --batch-api run with other files or options; ${how}choose another --out`,
        ),
      ]);
    }
    io.stderr(
      `resume: ${sent.length} batch job${sent.length === 1 ? '' : 's'} already sent (${outDir}/${STATE_FILE}); waiting for ${sent.length === 1 ? 'it' : 'them'} and sending only what no job holds`,
    );
    const resumed: BatchRunState = { ...earlier, options: { ...options, json: args.json } };
    return executeBatchRun(batch, resumed, cacheFor(args, io), io);
  }
  const now = new Date().toISOString();
  const state: BatchRunState = {
    format: 'peel.batch-run',
    version: 1,
    runId: newRunId(),
    status: 'running',
    workflowPath,
    batchPath,
    outDir,
    cacheDir: resolve(io.cwd, args.cacheDir),
    workflowSha256,
    batchSha256,
    options,
    jobs: [],
    nodes: {},
    createdAt: now,
    updatedAt: now,
  };
  return executeBatchRun(batch, state, cacheFor(args, io), io, args.dryRun);
}

/** What decides which requests a run sends (the inputs by their digest: the file keeps them redacted). */
function sameOptions(a: RunOptionsRecord, b: RunOptionsRecord): boolean {
  const shape = (o: RunOptionsRecord) =>
    JSON.stringify([o.inputsSha256 ?? inputsSha256(o.inputs), o.maxCostUsd, o.reroll, o.targets, o.useCache]);
  return shape(a) === shape(b);
}

function invalid(io: CliIO, errors: PeelError[]): number {
  printErrors(io, errors);
  return EXIT.invalid;
}
