/**
 * Runs (or resumes) a --batch-api run to its end: checks the key before anything is sent, drives
 * the levels, then finishes the run, or stops with the state kept and says how to resume.
 */
import { nodeRegistry } from '../../../nodes/registry';
import type { NodeCache } from '../../engine/cache';
import { formatUsd, roundUsd } from '../../engine/cost';
import { peelError } from '../../engine/result';
import { createGeminiBatchClient } from '../../providers/gemini-batch';
import { type CliIO, EXIT } from '../cli-io';
import { printErrors } from '../prepare';
import { secretsOf } from '../run-context';
import { resumeHint, settingsFromEnv } from './context';
import { driveLevels } from './drive';
import { finishRun } from './finish';
import { requestKey } from './node-target';
import type { PreparedBatch } from './rows';
import { scanRows } from './scan';
import { type BatchRunState, keepSecretsOut, saveState } from './state';
import { estimateUsd } from './submit';

export async function executeBatchRun(
  batch: PreparedBatch,
  state: BatchRunState,
  cache: NodeCache,
  io: CliIO,
  dryRun = false,
): Promise<number> {
  keepSecretsOut(state, secretsOf(io.env));
  const first = await scanRows({
    rows: batch.prepared,
    registry: nodeRegistry,
    cache,
    assets: batch.loaded.assets,
    state,
    providerId: 'gemini',
    reroll: new Set(state.options.reroll),
    targets: state.options.targets,
  });
  const pending = [...first.pending.values()];
  // Jobs created, or whose create may have landed (looked up by display name before any resend).
  const sentKeys = new Set(
    state.jobs.filter((job) => job.name || job.state === 'creating').flatMap((job) => job.keys),
  );
  const waiting = pending.filter((node) => sentKeys.has(requestKey(node.cacheKey, 0)));
  const toSend = pending.filter((node) => !waiting.includes(node));
  const requests = toSend.flatMap((node) => node.requests);
  const estimates = toSend.map(estimateUsd);
  const usd = estimates.some((one) => one === null)
    ? null
    : roundUsd(estimates.reduce<number>((a, b) => a + (b ?? 0), 0));
  io.stderr(
    `batch-api: ${batch.prepared.length} rows; ${requests.length} model request${requests.length === 1 ? '' : 's'} ready to send now, ~${formatUsd(usd)} at batch price${waiting.length > 0 ? `; ${waiting.length} node${waiting.length === 1 ? '' : 's'} waiting for jobs already sent` : ''} (later levels depend on these answers)`,
  );
  if (dryRun) {
    if (state.options.json)
      io.stdout(
        JSON.stringify({ type: 'plan', rows: batch.prepared.length, requests: requests.length, usd }),
      );
    return EXIT.ok;
  }
  const apiKey = io.env.GEMINI_API_KEY?.trim();
  // Everything answered (cached or recorded): finishing needs no key, as a cached online run.
  if (!apiKey && pending.length > 0) {
    printErrors(io, [
      peelError(
        'api_key_missing',
        'GEMINI_API_KEY is not set: export GEMINI_API_KEY=... (--batch-api sends Gemini batch jobs)',
      ),
    ]);
    return EXIT.invalid;
  }
  const baseUrl = io.env.GEMINI_BASE_URL?.trim();
  const settings = settingsFromEnv(io.env);
  const context = {
    client: createGeminiBatchClient({ apiKey: apiKey ?? '', ...(baseUrl ? { baseUrl } : {}) }),
    state,
    cache,
    io,
    ...settings,
  };
  const outcome = await driveLevels(batch.prepared, batch.loaded.assets, context);
  if (outcome.kind === 'complete') return finishRun(batch, state, cache, outcome.failures, io);
  state.status = 'interrupted';
  await saveState(state);
  const jobs = outcome.jobs.join(', ');
  if (outcome.kind === 'interrupted') {
    io.stderr(`interrupted: stopped waiting for ${jobs}; the job keeps running at Google (not cancelled)`);
  } else {
    io.stderr(`error: ${outcome.error.message}`);
    io.stderr(`stopped waiting for ${jobs}; the job was not cancelled`);
  }
  const job = outcome.jobs[0] ?? state.jobs.find((one) => one.name)?.name;
  io.stderr(
    job ? resumeHint(job, state.outDir) : 'no batch job was sent; run the command again to start over',
  );
  return outcome.kind === 'interrupted' ? EXIT.interrupted : EXIT.nodeFailed;
}
