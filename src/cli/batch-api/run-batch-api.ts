/** `peel run WORKFLOW --batch FILE --batch-api`: a batch's model calls as Gemini Batch API jobs. */
import { resolve } from 'node:path';
import { type PeelError, peelError } from '../../engine/result';
import type { RunArgs } from '../args';
import { type CliIO, EXIT } from '../cli-io';
import { printErrors } from '../prepare';
import { cacheFor } from '../run-context';
import { executeBatchRun } from './execute';
import { prepareBatch } from './rows';
import { type BatchRunState, fileSha256, jobLabel, loadState, newRunId, STATE_FILE } from './state';

export async function runBatchApi(args: RunArgs, io: CliIO): Promise<number> {
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
  // A run that sent jobs is finished by `peel batch fetch`, never sent again by a new run.
  const sent = previous.value?.jobs.find((one) => one.name);
  if (previous.value && previous.value.status !== 'finished' && sent && !args.dryRun) {
    const how = `finish it with: peel batch fetch ${jobLabel(sent)} --out ${args.outDir}; or `;
    return invalid(io, [
      peelError(
        'invalid_input',
        `${outDir}/${STATE_FILE}: this folder holds an unfinished --batch-api run; ${how}choose another --out`,
      ),
    ]);
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
    workflowSha256: await fileSha256(workflowPath),
    batchSha256: await fileSha256(batchPath),
    options: {
      inputs: args.inputs,
      concurrency: args.concurrency,
      ...(args.maxCostUsd !== undefined ? { maxCostUsd: args.maxCostUsd } : {}),
      json: args.json,
      reroll: args.reroll,
      targets: args.targets,
      useCache: args.useCache,
    },
    jobs: [],
    nodes: {},
    createdAt: now,
    updatedAt: now,
  };
  return executeBatchRun(batch, state, cacheFor(args, io), io, args.dryRun);
}

function invalid(io: CliIO, errors: PeelError[]): number {
  printErrors(io, errors);
  return EXIT.invalid;
}
