/**
 * The last step of a --batch-api run: every model node now has an answer in the cache or a
 * recorded failure, so each row runs through the normal engine (zero model calls), which writes
 * the exports, run.jsonl, run.json and index.html as a normal batch does (batch-output.ts).
 * Nodes answered by this run's batch jobs are reported as run here, with their batch-price cost;
 * failures replay as recorded.
 */

import { join } from 'node:path';
import { nodeRegistry } from '../../../nodes/registry';
import type { NodeCache } from '../../engine/cache';
import { formatUsd, roundUsd } from '../../engine/cost';
import type { RunEvent } from '../../engine/events';
import { createSharedResources, runWorkflow } from '../../engine/executor';
import type { ImageProvider, ProviderError } from '../../engine/provider';
import { err } from '../../engine/result';
import { publicError, type RowRecord, RunRecorder } from '../../engine/run-record';
import { JOURNAL_NAME, journalLines } from '../batch-journal';
import { BatchOutput, batchRowKey } from '../batch-output';
import { type CliIO, EXIT } from '../cli-io';
import { ExportWriter } from '../export-writer';
import { nodeHashBytes } from '../node-hash-bytes';
import { createPrinter } from '../printer';
import { exportHandler, secretsOf } from '../run-context';
import { describeWriteFailure, type WriteFailure } from '../write-failure';
import { resumeHint } from './context';
import { requestFingerprint } from './node-target';
import type { PreparedBatch } from './rows';
import { type BatchRunState, saveState } from './state';

/** Answers the final pass's calls: only with recorded batch failures. It never reaches a network. */
function replayProvider(failures: Map<string, ProviderError>): ImageProvider {
  return {
    id: 'gemini',
    needsApiKey: false,
    generateImage: async (request) =>
      err(
        failures.get(requestFingerprint(request)) ?? {
          code: 'internal',
          message: 'no batch job answered this call (nothing was sent for it)',
          retryable: false,
        },
      ),
  };
}

/**
 * Credits each node this run paid for once (the first row to use it), at the batch price. Nodes
 * already credited to a row that an earlier pass wrote to run.jsonl (`paidBefore`) are not
 * credited again; each credited node is added to the row's `paid` list, kept in its line.
 */
function batchAttribution(
  state: BatchRunState,
  paidBefore: ReadonlySet<string>,
): (event: RunEvent, paid: string[]) => RunEvent {
  const claimed = new Set<string>(paidBefore);
  return (event, paid) => {
    if (event.type !== 'node-finish' || !event.cacheKey) return event;
    const outcome = state.nodes[event.cacheKey];
    if (!outcome || (event.status !== 'cached' && event.status !== 'failed')) return event;
    if (claimed.has(event.cacheKey))
      return event.status === 'failed' ? { ...event, calls: 0, costUsd: 0 } : event;
    claimed.add(event.cacheKey);
    paid.push(event.cacheKey);
    return {
      ...event,
      status: event.status === 'cached' ? 'ran' : 'failed',
      calls: outcome.calls,
      costUsd: outcome.costUsd,
      ...(outcome.usage ? { usage: outcome.usage } : {}),
    };
  };
}

/** Rows of this run already written to run.jsonl, and the nodes they were credited with. */
async function rowsDoneBefore(
  batch: PreparedBatch,
  keyOf: (row: PreparedBatch['prepared'][number]) => string,
  outDir: string,
): Promise<{ done: Set<number>; paid: Set<string> }> {
  const keys = new Map<number, string>();
  for (const [index, row] of batch.prepared.entries()) keys.set(index + 1, keyOf(row));
  const done = new Set<number>();
  const paid = new Set<string>();
  for await (const { line } of journalLines(join(outDir, JOURNAL_NAME))) {
    if (line.status !== 'ok' || keys.get(line.row) !== line.key) continue;
    done.add(line.row);
    const credited = (line as { paid?: unknown }).paid;
    if (Array.isArray(credited)) for (const key of credited) if (typeof key === 'string') paid.add(key);
  }
  return { done, paid };
}

export async function finishRun(
  batch: PreparedBatch,
  state: BatchRunState,
  cache: NodeCache,
  failures: Map<string, ProviderError>,
  io: CliIO,
): Promise<number> {
  const { loaded, prepared, rows } = batch;
  const outDir = state.outDir;
  const json = state.options.json;
  const keyOf = (row: PreparedBatch['prepared'][number]) =>
    batchRowKey(row.workflow, {
      provider: 'gemini',
      targets: state.options.targets,
      reroll: state.options.reroll,
    });
  // Rows a pass of this run already finished (it was stopped while writing): not run or listed again.
  const before = await rowsDoneBefore(batch, keyOf, outDir);
  if (before.done.size > 0)
    io.stderr(
      `resume: ${before.done.size} of ${prepared.length} rows already written (${outDir}/${JOURNAL_NAME})`,
    );
  const output = await BatchOutput.open(outDir, before.done, io);
  const writer = new ExportWriter(outDir, (message) => io.stderr(`warning: ${message}`));
  const shared = createSharedResources({ concurrency: state.options.concurrency });
  const provider = replayProvider(failures);
  const attribute = batchAttribution(state, before.paid);
  // Rows in order: the answers are local, and the order makes "first row pays" predictable.
  for (const [index, row] of prepared.entries()) {
    if (io.signal.aborted) break;
    if (before.done.has(index + 1)) continue;
    const recorder = new RunRecorder(row.workflow);
    const print = createPrinter(io, json, row.workflow, `row ${index + 1}`);
    const writes: Promise<unknown>[] = [];
    const writeFailures: WriteFailure[] = [];
    const paid: string[] = [];
    let calls = 0;
    const onExport = exportHandler(
      row.workflow,
      row.report,
      loaded.assets,
      writer,
      recorder,
      writes,
      io.signal,
      secretsOf(io.env),
      (failure) => writeFailures.push({ ...failure, row: index + 1 }),
    );
    const result = await runWorkflow(row.workflow, {
      registry: nodeRegistry,
      provider,
      cache,
      assets: loaded.assets,
      signal: io.signal,
      hashBytes: nodeHashBytes,
      shared,
      row: index + 1,
      ...(state.options.targets.length > 0 ? { targets: state.options.targets } : {}),
      onEvent: (raw) => {
        const event = attribute(raw, paid);
        if (event.type === 'node-finish') calls += event.calls;
        recorder.onEvent(event);
        print(event, { row: index + 1 });
        onExport(event);
      },
    });
    // The row's line is written once its files are on disk (or known not to be).
    await Promise.all(writes);
    for (const failure of writeFailures) io.stderr(`error: ${describeWriteFailure(failure)}`);
    const nodes = recorder.records();
    const failedWrites = writeFailures.length > 0 && result.status === 'ok';
    const record: RowRecord = {
      row: index + 1,
      inputs: rows[index] ?? {},
      status: failedWrites ? 'failed' : result.status,
      nodes,
      totals: {
        calls,
        cachedNodes: nodes.filter((node) => node.cached).length,
        costUsd: roundUsd(nodes.reduce((sum, node) => sum + node.costUsd, 0)),
      },
      ...(result.error
        ? { error: publicError(result.error) }
        : failedWrites
          ? { error: { code: 'io', message: `${writeFailures.length} export file(s) could not be written` } }
          : {}),
    };
    await output.add(record, keyOf(row), paid.length > 0 ? { paid } : {});
  }
  const { tally } = output;
  const finishedAt = new Date();
  const status = io.signal.aborted
    ? 'cancelled'
    : tally.failed > 0 || tally.writeFailures > 0
      ? 'failed'
      : 'ok';
  const written = await output.finish(
    {
      workflow: loaded.workflow.name,
      provider: 'gemini',
      batch: state.batchPath,
      status,
      startedAt: state.createdAt,
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - new Date(state.createdAt).getTime(),
    },
    {
      batchApi: {
        pricing: 'Gemini Batch API: costs are at the batch price (half the online price)',
        jobs: state.jobs.map((job) => ({
          name: job.name ?? null,
          level: job.level,
          model: job.model,
          requests: job.requestCount,
          input: job.source ?? null,
          state: job.state,
        })),
      },
    },
    loaded.workflow.nodes.some((node) => node.type === 'export')
      ? { workflow: loaded.workflow.name, batch: state.batchPath, generatedAt: finishedAt.toISOString() }
      : undefined,
  );
  if (!io.signal.aborted) {
    state.status = 'finished';
    await saveState(state);
  }
  io.stderr(
    `${status === 'ok' ? 'done' : status}: ${tally.rows} rows${before.done.size > 0 ? ` (${before.done.size} written before)` : ''}, ${tally.totals.calls} batch requests, ${tally.totals.cachedNodes} cached, ${formatUsd(tally.totals.costUsd)} at batch price; files in ${outDir}`,
  );
  output.printFailures();
  if (io.signal.aborted) {
    const job = state.jobs.find((one) => one.name)?.name;
    if (job) io.stderr(resumeHint(job, outDir));
    return EXIT.interrupted;
  }
  return tally.failed > 0 || tally.writeFailures > 0 || !written ? EXIT.nodeFailed : EXIT.ok;
}
