import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
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
import { writeFileAtomic } from './atomic-write';
import { readBatchFile } from './batch-rows';
import { batchStatus, printFailedRows, sumRowTotals } from './batch-summary';
import { type CliIO, EXIT } from './cli-io';
import { ExportWriter } from './export-writer';
import { loadForRun, type PreparedRun, prepareRun, printErrors } from './prepare';
import { createPrinter } from './printer';
import { providerFor } from './provider-factory';
import { cacheFor, cliImageOps, exportHandler, secretsOf } from './run-context';

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
  const writes: Promise<unknown>[] = [];
  const runRow = async (index: number): Promise<void> => {
    const row = prepared[index] as PreparedRun;
    const recorder = new RunRecorder(row.workflow);
    const print = createPrinter(io, args.json, row.workflow, `row ${index + 1}`);
    const onExport = exportHandler(
      row.workflow,
      row.report,
      loaded.assets,
      writer,
      recorder,
      writes,
      io.signal,
      secretsOf(io.env),
    );
    const result: RunResult = await runWorkflow(row.workflow, {
      registry: nodeRegistry,
      provider: provider.provider,
      cache,
      assets: loaded.assets,
      imageOps: cliImageOps(),
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
    records[index] = {
      row: index + 1,
      inputs: rows.value[index] ?? {},
      status: result.status,
      nodes: recorder.records(),
      totals: result.totals,
      ...(result.error ? { error: publicError(result.error) } : {}),
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
  await Promise.allSettled(writes);
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
  await mkdir(outDir, { recursive: true });
  await writeFileAtomic(join(outDir, 'run.json'), `${JSON.stringify(runJson, null, 2)}\n`);
  io.stderr(
    `${status === 'ok' ? 'done' : status}: ${done.length} rows, ${totals.calls} calls, ${totals.cachedNodes} cached, ${formatUsd(totals.costUsd)}; files in ${outDir}`,
  );
  if (io.signal.aborted) return EXIT.interrupted;
  return printFailedRows(io, done) > 0 ? EXIT.nodeFailed : EXIT.ok;
}

function invalid(io: CliIO, errors: PeelError[]): number {
  printErrors(io, errors);
  return EXIT.invalid;
}
