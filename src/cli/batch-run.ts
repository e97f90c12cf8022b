import { dirname, resolve } from 'node:path';
import { nodeRegistry } from '../../nodes/registry';
import { BatchEstimateSum, rowDependentNodes } from '../engine/batch-estimate';
import { formatUsd } from '../engine/cost';
import { createSharedResources, type RunResult, runWorkflow } from '../engine/executor';
import { exposedInputs } from '../engine/inputs';
import { planRun } from '../engine/plan';
import { type PeelError, peelError } from '../engine/result';
import { retryPolicyWithTimeout } from '../engine/retry-policy';
import { publicError, type RowRecord, RunRecorder } from '../engine/run-record';
import type { Workflow } from '../engine/workflow';
import type { RunArgs } from './args';
import { finishedRows, JOURNAL_NAME } from './batch-journal';
import { BatchOutput, batchRowKey } from './batch-output';
import { BatchProgress } from './batch-progress';
import { type BatchFile, type BatchRow, openBatchFile, readBatchItems, readCsvHeader } from './batch-source';
import { type CliIO, EXIT } from './cli-io';
import { ExportWriter } from './export-writer';
import { nodeHashBytes } from './node-hash-bytes';
import { type LoadedForRun, loadForRun, prepareRun, printErrors } from './prepare';
import { createPrinter } from './printer';
import { providerFor, routeFor } from './provider-factory';
import { routeLine, withRoute } from './route-report';
import { chosenRoute } from './route-settings';
import { cacheFor, cliImageOps, exportHandler, secretsOf } from './run-context';
import { describeWriteFailure } from './write-failure';

/** Row errors shown before the rest are counted: a broken 20,000-row file must not flood the terminal. */
const MAX_ROW_ERRORS_SHOWN = 50;

/**
 * `peel run --batch FILE`: the file is read as a stream twice. The first pass checks every row
 * and sums the estimate before any call (a bad row found late would waste money); the second runs
 * the rows, a window at a time, appending each finished row to OUT/run.jsonl and forgetting it.
 * Rows that run.jsonl already records as done by the same command are skipped (resume).
 */
export async function runBatch(args: RunArgs, io: CliIO): Promise<number> {
  const batchPath = resolve(io.cwd, args.batchPath as string);
  const loaded = await loadForRun(args.workflowPath, io, { upgradeModels: args.upgradeModels });
  if (Array.isArray(loaded)) return invalid(io, loaded);
  const opened = await openBatchFile(batchPath);
  if (!opened.ok) return invalid(io, opened.error);
  const file = opened.value;
  for (const note of file.notes) io.stderr(`note: ${note}`);
  const columns = await checkColumns(file, loaded.workflow);
  if (!columns.ok) return invalid(io, columns.errors);
  const outDir = resolve(io.cwd, args.outDir);
  const previous = await finishedRows(outDir);
  const providerId = args.provider === 'preview' ? 'preview' : 'gemini';
  const cache = cacheFor(args, io);
  const quiet = onceIo(io);
  const route = chosenRoute(args.route, io.env);
  if (!route.ok) return invalid(io, [route.error]);
  // No prototype: `--input __proto__=x` is an own key (then refused as unknown), never swallowed.
  const fixed = Object.create(null) as Record<string, string>;
  for (const { name, value } of args.inputs) fixed[name] = value;
  const prepare = (values: BatchRow) =>
    prepareRun(loaded, { ...fixed, ...values }, dirname(batchPath), quiet, [...args.targets, ...args.reroll]);
  const keyOf = (workflow: Workflow) =>
    batchRowKey(workflow, { provider: providerId, targets: args.targets, reroll: args.reroll });

  // Pass 1: every row checked and estimated; rows already done recognised by their key.
  const estimate = new BatchEstimateSum(rowDependentNodes(loaded.workflow, columns.names));
  const done = new Set<number>();
  const rowErrors: PeelError[] = [];
  let rowCount = 0;
  let extraErrors = 0;
  const addError = (error: PeelError) => {
    if (rowErrors.length < MAX_ROW_ERRORS_SHOWN) rowErrors.push(error);
    else extraErrors++;
  };
  for await (const item of readBatchItems(file)) {
    rowCount = item.row;
    if ('errors' in item) {
      item.errors.forEach(addError);
      continue;
    }
    const unknown = columns.check(item.values);
    if (unknown) {
      addError(unknown);
      continue;
    }
    const outcome = await prepare(item.values);
    if (Array.isArray(outcome)) {
      for (const e of outcome) addError({ ...e, message: `row ${item.row}: ${e.message}` });
      continue;
    }
    if (previous.get(item.row) === keyOf(outcome.workflow)) {
      done.add(item.row);
      continue;
    }
    estimate.add(
      await planRun(outcome.workflow, outcome.report, {
        registry: nodeRegistry,
        providerId,
        free: providerId === 'preview',
        cache,
        assets: loaded.assets,
        row: item.row,
      }),
    );
  }
  if (rowErrors.length > 0) {
    if (extraErrors > 0) rowErrors.push(peelError('invalid_input', `... and ${extraErrors} more problems`));
    return invalid(io, rowErrors);
  }
  if (rowCount === 0)
    return invalid(io, [peelError('invalid_input', `${batchPath}: the batch file has no rows`)]);
  if (args.resume && previous.size === 0)
    io.stderr(`resume: no finished rows in ${outDir}/${JOURNAL_NAME}; running the whole batch`);
  if (args.resume || done.size > 0)
    io.stderr(
      `resume: ${done.size} of ${rowCount} rows already done (${outDir}/${JOURNAL_NAME}); running ${rowCount - done.size}`,
    );
  const sum = estimate.value();
  const routeDescription = args.provider === 'gemini' ? routeFor(route.value, io.env).description : undefined;
  if (routeDescription) io.stderr(routeLine(routeDescription));
  io.stderr(
    `batch: ${rowCount} rows; estimate ${sum.calls} model calls, ${sum.cachedNodes} cached, ~${formatUsd(sum.usd)}`,
  );
  if (args.dryRun) {
    if (args.json)
      io.stdout(
        JSON.stringify({
          type: 'plan',
          rows: rowCount,
          alreadyDone: done.size,
          estimate: sum,
          ...(routeDescription ? { route: routeDescription } : {}),
        }),
      );
    return EXIT.ok;
  }
  const provider = await providerFor(args.provider, io.env, route.value);
  if (provider.missingKey && sum.calls > 0) return invalid(io, [provider.missingKey]);

  // Pass 2: run the rows that are not done.
  const output = await BatchOutput.open(outDir, done, io);
  const progress = new BatchProgress(io, { total: rowCount, alreadyDone: done.size, estimateUsd: sum.usd });
  const out = progress.io;
  const writer = new ExportWriter(outDir, (message) => out.stderr(`warning: ${message}`));
  const shared = createSharedResources({
    concurrency: args.concurrency,
    ...(args.maxCostUsd !== undefined ? { maxCostUsd: args.maxCostUsd } : {}),
  });
  const tally = output.tally;
  const startedAt = new Date();
  const runRow = async (row: number, values: BatchRow): Promise<void> => {
    const outcome = await prepare(values);
    // Checked in pass 1; a file changed since then is reported, not run blind.
    if (Array.isArray(outcome)) {
      await output.add(failedRecord(row, values, outcome), undefined);
      progress.rowFinished(false);
      return;
    }
    const record = await runOneRow(row, values, outcome, loaded, {
      args,
      io: out,
      writer,
      shared,
      cache,
      provider: provider.provider,
      route: provider.route?.route,
      progress,
    });
    await output.add(record, keyOf(outcome.workflow), {}, out);
    progress.rowFinished(record.status === 'ok');
  };
  // Rows share one call queue; a window of rows in flight keeps memory flat for any length.
  const rows = readBatchItems(file)[Symbol.asyncIterator]();
  const window = Math.max(4, args.concurrency * 2);
  await Promise.all(
    Array.from({ length: window }, async () => {
      while (!io.signal.aborted) {
        const next = await rows.next();
        if (next.done) return;
        const item = next.value;
        if ('errors' in item || done.has(item.row)) continue;
        await runRow(item.row, item.values);
      }
    }),
  );
  await rows.return?.(undefined);
  progress.stop();
  const finishedAt = new Date();
  const status = io.signal.aborted
    ? 'cancelled'
    : tally.failed > 0 || tally.writeFailures > 0
      ? 'failed'
      : 'ok';
  const written = await output.finish(
    {
      workflow: loaded.workflow.name,
      provider: providerId,
      batch: batchPath,
      status,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      estimate: sum,
    },
    provider.route
      ? { route: provider.route.route, totals: { ...tally.totals, route: provider.route.route } }
      : {},
    hasExport(loaded.workflow)
      ? { workflow: loaded.workflow.name, batch: batchPath, generatedAt: finishedAt.toISOString() }
      : undefined,
  );
  io.stderr(
    `${status === 'ok' ? 'done' : status}: ${tally.rows} rows run${done.size > 0 ? ` (${done.size} done before)` : ''}, ${tally.totals.calls} calls, ${tally.totals.cachedNodes} cached, ${formatUsd(tally.totals.costUsd)}; ${progress.elapsedText()}; files in ${outDir}`,
  );
  output.printFailures();
  if (io.signal.aborted) return EXIT.interrupted;
  return tally.failed > 0 || tally.writeFailures > 0 || !written ? EXIT.nodeFailed : EXIT.ok;
}

interface RowContext {
  args: RunArgs;
  io: CliIO;
  writer: ExportWriter;
  shared: ReturnType<typeof createSharedResources>;
  cache: ReturnType<typeof cacheFor>;
  provider: Parameters<typeof runWorkflow>[1]['provider'];
  route: Parameters<typeof withRoute>[1];
  progress: BatchProgress;
}

/** Runs one row and returns its record once its files are on disk (or known not to be). */
async function runOneRow(
  row: number,
  values: BatchRow,
  prepared: { workflow: Workflow; report: Parameters<typeof exportHandler>[1] },
  loaded: LoadedForRun,
  context: RowContext,
): Promise<RowRecord> {
  const { args, io } = context;
  const recorder = new RunRecorder(prepared.workflow);
  const print =
    args.verbose || args.json ? createPrinter(io, args.json, prepared.workflow, `row ${row}`) : undefined;
  const writes: Promise<unknown>[] = [];
  let writeFailures = 0;
  const onExport = exportHandler(
    prepared.workflow,
    prepared.report,
    loaded.assets,
    context.writer,
    recorder,
    writes,
    io.signal,
    secretsOf(io.env),
    (failure) => {
      writeFailures++;
      io.stderr(`error: ${describeWriteFailure({ ...failure, row })}`);
    },
  );
  const result: RunResult = await runWorkflow(prepared.workflow, {
    registry: nodeRegistry,
    provider: context.provider,
    cache: context.cache,
    assets: loaded.assets,
    imageOps: cliImageOps(),
    hashBytes: nodeHashBytes,
    signal: io.signal,
    shared: context.shared,
    row,
    reroll: args.reroll,
    retryPolicy: retryPolicyWithTimeout(args.attemptTimeoutSeconds),
    ...(args.targets.length > 0 ? { targets: args.targets } : {}),
    onEvent: (event) => {
      recorder.onEvent(event);
      context.progress.onEvent(event);
      print?.(event, { row });
      onExport(event);
    },
  });
  await Promise.all(writes);
  const failedWrites = writeFailures > 0 && result.status === 'ok';
  return {
    row,
    inputs: values,
    status: failedWrites ? 'failed' : result.status,
    nodes: withRoute(recorder.records(), context.route),
    totals: result.totals,
    ...(result.error
      ? { error: publicError(result.error) }
      : failedWrites
        ? { error: { code: 'io', message: `${writeFailures} export file(s) could not be written` } }
        : {}),
  };
}

function failedRecord(row: number, values: BatchRow, errors: PeelError[]): RowRecord {
  return {
    row,
    inputs: values,
    status: 'failed',
    nodes: [],
    totals: { calls: 0, cachedNodes: 0, costUsd: 0 },
    error: { code: errors[0]?.code ?? 'invalid_input', message: errors.map((e) => e.message).join('; ') },
  };
}

/** Columns must name exposed inputs: known from the CSV header, or checked per JSONL row. */
async function checkColumns(
  file: BatchFile,
  workflow: Workflow,
): Promise<
  | { ok: true; names: string[]; check: (values: BatchRow) => PeelError | undefined }
  | { ok: false; errors: PeelError[] }
> {
  const exposed = exposedInputs(workflow).map((input) => input.name);
  const known = new Set(exposed);
  const unknownError = (names: string[], where: string) =>
    peelError(
      'unknown_input',
      `${file.path}${where}: column${names.length > 1 ? 's' : ''} ${names.map((c) => `"${c}"`).join(', ')} match no exposed input; this workflow exposes: ${exposed.join(', ') || 'nothing'}`,
    );
  if (file.format === 'jsonl') {
    // JSONL rows may each name different inputs: every exposed one may vary per row.
    return {
      ok: true,
      names: exposed,
      check: (values) => {
        const unknown = Object.keys(values).filter((name) => !known.has(name));
        return unknown.length > 0 ? unknownError(unknown, '') : undefined;
      },
    };
  }
  const header = await readCsvHeader(file);
  if (!header)
    return { ok: false, errors: [peelError('invalid_input', `${file.path}: the batch file is empty`)] };
  const unknown = header.filter((name) => !known.has(name));
  if (unknown.length > 0) return { ok: false, errors: [unknownError(unknown, '')] };
  const repeated = header.filter((name, index) => header.indexOf(name) !== index);
  if (repeated.length > 0)
    return {
      ok: false,
      errors: [
        peelError('invalid_input', `${file.path}: column "${repeated[0]}" appears twice in the header`),
      ],
    };
  return { ok: true, names: header, check: () => undefined };
}

const hasExport = (workflow: Workflow) => workflow.nodes.some((node) => node.type === 'export');

/** Warnings that every row would repeat (an unknown model) are printed once. */
function onceIo(io: CliIO): CliIO {
  const seen = new Set<string>();
  return {
    ...io,
    stderr: (line) => {
      if (seen.has(line)) return;
      seen.add(line);
      io.stderr(line);
    },
  };
}

function invalid(io: CliIO, errors: PeelError[]): number {
  printErrors(io, errors);
  return EXIT.invalid;
}
