import { dirname, resolve } from 'node:path';
import { nodeRegistry } from '../../nodes/registry';
import { batchEstimate, rowDependentNodes } from '../engine/batch-estimate';
import { formatUsd } from '../engine/cost';
import type { RunEstimate } from '../engine/events';
import { createSharedResources, type RunResult, runWorkflow } from '../engine/executor';
import { exposedInputs } from '../engine/inputs';
import { planRun } from '../engine/plan';
import { type PeelError, peelError } from '../engine/result';
import { publicError, type RowRecord, RunRecorder } from '../engine/run-record';
import type { RunArgs } from './args';
import { readBatchFile } from './batch-rows';
import { batchStatus, printFailedRows, sumRowTotals } from './batch-summary';
import { type CliIO, EXIT } from './cli-io';
import { ExportWriter } from './export-writer';
import { loadForRun, type PreparedRun, prepareRun, printErrors } from './prepare';
import { createPrinter } from './printer';
import { providerFor } from './provider-factory';
import { cacheFor, exportHandler, secretsOf } from './run-context';
import { writeRunJson } from './run-json';
import { describeWriteFailure, type WriteFailure } from './write-failure';

export async function runBatch(args: RunArgs, io: CliIO): Promise<number> {
  const batchPath = resolve(io.cwd, args.batchPath as string);
  const loaded = await loadForRun(args.workflowPath, io);
  if (Array.isArray(loaded)) return invalid(io, loaded);
  const rows = await readBatchFile(batchPath);
  if (!rows.ok) return invalid(io, rows.error);
  const exposedNames = new Set(exposedInputs(loaded.workflow).map((input) => input.name));
  const columns = [...new Set(rows.value.flatMap((row) => Object.keys(row)))];
  const unknown = columns.filter((column) => !exposedNames.has(column));
  if (unknown.length > 0) {
    return invalid(io, [
      peelError(
        'unknown_input',
        `${batchPath}: column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} match no exposed input; this workflow exposes: ${[...exposedNames].join(', ') || 'nothing'}`,
      ),
    ]);
  }
  const fixed: Record<string, string> = {};
  for (const { name, value } of args.inputs) fixed[name] = value;
  // Every row is checked before the first call: a bad row found late would waste money.
  const prepared: PreparedRun[] = [];
  const rowErrors: PeelError[] = [];
  for (const [index, row] of rows.value.entries()) {
    const outcome = await prepareRun(loaded, { ...fixed, ...row }, dirname(batchPath), io, [
      ...args.targets,
      ...args.reroll,
    ]);
    if (Array.isArray(outcome))
      rowErrors.push(...outcome.map((e) => ({ ...e, message: `row ${index + 1}: ${e.message}` })));
    else prepared.push(outcome);
  }
  if (rowErrors.length > 0) return invalid(io, rowErrors);
  if (prepared.length === 0)
    return invalid(io, [peelError('invalid_input', `${batchPath}: the batch file has no rows`)]);

  const cache = cacheFor(args, io);
  const providerId = args.provider === 'preview' ? 'preview' : 'gemini';
  const plans: RunEstimate[] = [];
  for (const [index, row] of prepared.entries()) {
    plans.push(
      await planRun(row.workflow, row.report, {
        registry: nodeRegistry,
        providerId,
        free: providerId === 'preview',
        cache,
        assets: loaded.assets,
        row: index + 1,
      }),
    );
  }
  const dependent = rowDependentNodes((prepared[0] as PreparedRun).workflow, columns);
  const estimate = batchEstimate(plans, dependent);
  io.stderr(
    `batch: ${prepared.length} rows; estimate ${estimate.calls} model calls, ${estimate.cachedNodes} cached, ~${formatUsd(estimate.usd)}`,
  );
  if (args.dryRun) {
    if (args.json) io.stdout(JSON.stringify({ type: 'plan', rows: prepared.length, estimate }));
    return EXIT.ok;
  }
  const provider = providerFor(args.provider, io.env);
  if (provider.missingKey && estimate.calls > 0) return invalid(io, [provider.missingKey]);

  const outDir = resolve(io.cwd, args.outDir);
  const writer = new ExportWriter(outDir, (message) => io.stderr(`warning: ${message}`));
  const shared = createSharedResources({
    concurrency: args.concurrency,
    ...(args.maxCostUsd !== undefined ? { maxCostUsd: args.maxCostUsd } : {}),
  });
  const startedAt = new Date();
  const records: RowRecord[] = new Array(prepared.length);
  const writeFailures: WriteFailure[] = [];
  const runRow = async (index: number): Promise<void> => {
    const row = prepared[index] as PreparedRun;
    const recorder = new RunRecorder(row.workflow);
    const print = createPrinter(io, args.json, row.workflow, `row ${index + 1}`);
    const writes: Promise<unknown>[] = [];
    let rowWriteFailures = 0;
    const onExport = exportHandler(
      row.workflow,
      row.report,
      loaded.assets,
      writer,
      recorder,
      writes,
      io.signal,
      secretsOf(io.env),
      (failure) => {
        rowWriteFailures++;
        writeFailures.push({ ...failure, row: index + 1 });
        io.stderr(`error: ${describeWriteFailure({ ...failure, row: index + 1 })}`);
      },
    );
    const result: RunResult = await runWorkflow(row.workflow, {
      registry: nodeRegistry,
      provider: provider.provider,
      cache,
      assets: loaded.assets,
      signal: io.signal,
      shared,
      row: index + 1,
      reroll: args.reroll,
      ...(args.targets.length > 0 ? { targets: args.targets } : {}),
      onEvent: (event) => {
        recorder.onEvent(event);
        print(event, { row: index + 1 });
        onExport(event);
      },
    });
    // The row's record is complete only once its files are on disk (or known not to be).
    await Promise.all(writes);
    const failedWrites = rowWriteFailures > 0 && result.status === 'ok';
    records[index] = {
      row: index + 1,
      inputs: rows.value[index] ?? {},
      status: failedWrites ? 'failed' : result.status,
      nodes: recorder.records(),
      totals: result.totals,
      ...(result.error
        ? { error: publicError(result.error) }
        : failedWrites
          ? { error: { code: 'io', message: `${rowWriteFailures} export file(s) could not be written` } }
          : {}),
    };
  };
  // Rows share one call queue; a window of rows keeps memory flat for very long batches.
  const window = Math.max(4, args.concurrency * 2);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(window, prepared.length) }, async () => {
      while (next < prepared.length && !io.signal.aborted) await runRow(next++);
    }),
  );
  const done = records.filter(Boolean);
  const totals = sumRowTotals(done);
  const finishedAt = new Date();
  const status = batchStatus(done, io.signal);
  const runJson = {
    workflow: loaded.workflow.name,
    provider: providerId,
    batch: batchPath,
    status,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    estimate,
    rows: done,
    totals,
  };
  const runJsonWritten = await writeRunJson(outDir, runJson, io);
  io.stderr(
    `${status === 'ok' ? 'done' : status}: ${done.length} rows, ${totals.calls} calls, ${totals.cachedNodes} cached, ${formatUsd(totals.costUsd)}; files in ${outDir}`,
  );
  if (io.signal.aborted) return EXIT.interrupted;
  const failedRows = printFailedRows(io, done);
  return failedRows > 0 || writeFailures.length > 0 || !runJsonWritten ? EXIT.nodeFailed : EXIT.ok;
}

function invalid(io: CliIO, errors: PeelError[]): number {
  printErrors(io, errors);
  return EXIT.invalid;
}
