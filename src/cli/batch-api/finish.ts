/**
 * The last step of a --batch-api run: every model node now has an answer in the cache or a
 * recorded failure, so each row runs through the normal engine (zero model calls), which writes
 * the exports and run.json as a normal batch does. Nodes answered by this run's batch jobs are
 * reported as run here, with their batch-price cost; failures replay as recorded.
 */

import { nodeRegistry } from '../../../nodes/registry';
import type { NodeCache } from '../../engine/cache';
import { formatUsd, roundUsd } from '../../engine/cost';
import type { RunEvent } from '../../engine/events';
import { createSharedResources, runWorkflow } from '../../engine/executor';
import type { ImageProvider, ProviderError } from '../../engine/provider';
import { err } from '../../engine/result';
import { publicError, type RowRecord, RunRecorder } from '../../engine/run-record';
import { batchStatus, printFailedRows, sumRowTotals } from '../batch-summary';
import { type CliIO, EXIT } from '../cli-io';
import { CONTACT_SHEET_NAME, writeContactSheet } from '../contact-sheet';
import type { SheetRow } from '../contact-sheet-html';
import { ExportWriter } from '../export-writer';
import { nodeHashBytes } from '../node-hash-bytes';
import { createPrinter } from '../printer';
import { exportHandler, redactedRecord, secretsOf } from '../run-context';
import { writeRunJson } from '../run-json';
import { describeWriteError, describeWriteFailure, type WriteFailure } from '../write-failure';
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

/** Credits each node this run paid for once (the first row to use it), at the batch price. */
function batchAttribution(state: BatchRunState): (event: RunEvent) => RunEvent {
  const claimed = new Set<string>();
  return (event) => {
    if (event.type !== 'node-finish' || !event.cacheKey) return event;
    const outcome = state.nodes[event.cacheKey];
    if (!outcome || (event.status !== 'cached' && event.status !== 'failed')) return event;
    if (claimed.has(event.cacheKey))
      return event.status === 'failed' ? { ...event, calls: 0, costUsd: 0 } : event;
    claimed.add(event.cacheKey);
    return {
      ...event,
      status: event.status === 'cached' ? 'ran' : 'failed',
      calls: outcome.calls,
      costUsd: outcome.costUsd,
      ...(outcome.usage ? { usage: outcome.usage } : {}),
    };
  };
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
  const writer = new ExportWriter(outDir, (message) => io.stderr(`warning: ${message}`));
  const shared = createSharedResources({ concurrency: state.options.concurrency });
  const provider = replayProvider(failures);
  const attribute = batchAttribution(state);
  const records: RowRecord[] = [];
  const writes: Promise<unknown>[] = [];
  const writeFailures: WriteFailure[] = [];
  // Rows in order: the answers are local, and the order makes "first row pays" predictable.
  for (const [index, row] of prepared.entries()) {
    if (io.signal.aborted) break;
    const recorder = new RunRecorder(row.workflow);
    const print = createPrinter(io, json, row.workflow, `row ${index + 1}`);
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
        const event = attribute(raw);
        if (event.type === 'node-finish') calls += event.calls;
        recorder.onEvent(event);
        print(event, { row: index + 1 });
        onExport(event);
      },
    });
    const nodes = recorder.records();
    records.push({
      row: index + 1,
      inputs: rows[index] ?? {},
      status: result.status,
      nodes,
      totals: {
        calls,
        cachedNodes: nodes.filter((node) => node.cached).length,
        costUsd: roundUsd(nodes.reduce((sum, node) => sum + node.costUsd, 0)),
      },
      ...(result.error ? { error: publicError(result.error) } : {}),
    });
  }
  await Promise.all(writes);
  for (const failure of writeFailures) io.stderr(`error: ${describeWriteFailure(failure)}`);
  const totals = sumRowTotals(records);
  const finishedAt = new Date();
  const status = batchStatus(records, io.signal);
  const runJson = {
    workflow: loaded.workflow.name,
    provider: 'gemini',
    batch: state.batchPath,
    status,
    startedAt: state.createdAt,
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - new Date(state.createdAt).getTime(),
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
    rows: records,
    totals,
  };
  const runJsonWritten = await writeRunJson(outDir, runJson, io);
  const sheetWritten = await writeSheet(batch, state, records, finishedAt, io);
  if (!io.signal.aborted) {
    state.status = 'finished';
    await saveState(state);
  }
  io.stderr(
    `${status === 'ok' ? 'done' : status}: ${records.length} rows, ${totals.calls} batch requests, ${totals.cachedNodes} cached, ${formatUsd(totals.costUsd)} at batch price; files in ${outDir}`,
  );
  if (io.signal.aborted) {
    const job = state.jobs.find((one) => one.name)?.name;
    if (job) io.stderr(resumeHint(job, outDir));
    return EXIT.interrupted;
  }
  const failedRows = printFailedRows(io, records);
  return failedRows > 0 || writeFailures.length > 0 || !runJsonWritten || !sheetWritten
    ? EXIT.nodeFailed
    : EXIT.ok;
}

/** OUT/index.html, as a normal batch writes it: from the rows, redacted like run.json. */
async function writeSheet(
  batch: PreparedBatch,
  state: BatchRunState,
  records: RowRecord[],
  finishedAt: Date,
  io: CliIO,
): Promise<boolean> {
  if (!batch.loaded.workflow.nodes.some((node) => node.type === 'export')) return true;
  const secrets = secretsOf(io.env);
  async function* rows(): AsyncGenerator<SheetRow> {
    for (const record of records) yield redactedRecord(record, secrets) as SheetRow;
  }
  const meta = {
    workflow: batch.loaded.workflow.name,
    batch: state.batchPath,
    generatedAt: finishedAt.toISOString(),
  };
  return writeContactSheet(state.outDir, meta, rows).then(
    () => true,
    (cause) => {
      io.stderr(`error: could not write ${state.outDir}/${CONTACT_SHEET_NAME}: ${describeWriteError(cause)}`);
      return false;
    },
  );
}
