import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { nodeRegistry } from '../../nodes/registry';
import { formatUsd } from '../engine/cost';
import { runWorkflow } from '../engine/executor';
import { ancestorsOf } from '../engine/graph';
import { planRun } from '../engine/plan';
import { describeError } from '../engine/result';
import { publicError, RunRecorder } from '../engine/run-record';
import type { RunArgs } from './args';
import { writeFileAtomic } from './atomic-write';
import { type CliIO, EXIT } from './cli-io';
import { ExportWriter } from './export-writer';
import { loadForRun, prepareRun, printErrors } from './prepare';
import { createPrinter, describePlan } from './printer';
import { providerFor } from './provider-factory';
import { cacheFor, cliImageOps, exportHandler, secretsOf } from './run-context';

export async function runSingle(args: RunArgs, io: CliIO): Promise<number> {
  const loaded = await loadForRun(args.workflowPath, io);
  if (Array.isArray(loaded)) return fail(io, loaded);
  const rawInputs: Record<string, string> = {};
  for (const { name, value } of args.inputs) rawInputs[name] = value;
  const prepared = await prepareRun(loaded, rawInputs, io.cwd, io, [...args.targets, ...args.reroll]);
  if (Array.isArray(prepared)) return fail(io, prepared);
  const { workflow, report } = prepared;
  const cache = cacheFor(args, io);
  const providerId = args.provider === 'preview' ? 'preview' : 'gemini';
  const estimate = await planRun(workflow, report, {
    registry: nodeRegistry,
    providerId,
    free: providerId === 'preview',
    cache,
    assets: loaded.assets,
    reroll: new Set(args.reroll),
    ...(args.targets.length > 0 ? { include: ancestorsOf(args.targets, report.graph) } : {}),
  });
  for (const line of describePlan(estimate, workflow)) io.stderr(line);
  if (args.dryRun) {
    if (args.json) io.stdout(JSON.stringify({ type: 'plan', estimate }));
    return EXIT.ok;
  }
  const provider = providerFor(args.provider, io.env);
  if (provider.missingKey && estimate.calls > 0) return fail(io, [provider.missingKey]);
  if (args.maxCostUsd !== undefined && estimate.usd !== null && estimate.usd > args.maxCostUsd) {
    io.stderr(
      `warning: the estimate (${formatUsd(estimate.usd)}) passes --max-cost ${formatUsd(args.maxCostUsd)}; calls that would pass it will not start`,
    );
  }
  const outDir = resolve(io.cwd, args.outDir);
  const writer = new ExportWriter(outDir, (message) => io.stderr(`warning: ${message}`));
  const recorder = new RunRecorder(workflow);
  const writes: Promise<unknown>[] = [];
  const print = createPrinter(io, args.json, workflow);
  const onExport = exportHandler(
    workflow,
    report,
    loaded.assets,
    writer,
    recorder,
    writes,
    io.signal,
    secretsOf(io.env),
  );
  const startedAt = new Date();
  const result = await runWorkflow(workflow, {
    registry: nodeRegistry,
    // A fully cached run needs no key: the cache answers before any provider call.
    provider: provider.provider,
    cache,
    assets: loaded.assets,
    imageOps: cliImageOps(),
    signal: io.signal,
    concurrency: args.concurrency,
    ...(args.maxCostUsd !== undefined ? { maxCostUsd: args.maxCostUsd } : {}),
    ...(args.targets.length > 0 ? { targets: args.targets } : {}),
    reroll: args.reroll,
    onEvent: (event) => {
      recorder.onEvent(event);
      print(event);
      onExport(event);
    },
  });
  const writeFailures = (await Promise.allSettled(writes)).filter((outcome) => outcome.status === 'rejected');
  for (const failure of writeFailures)
    io.stderr(`error: could not write an export file: ${String((failure as PromiseRejectedResult).reason)}`);
  const finishedAt = new Date();
  const runJson = {
    workflow: workflow.name,
    provider: providerId,
    status: result.status,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    estimate: { calls: estimate.calls, cachedNodes: estimate.cachedNodes, usd: estimate.usd },
    nodes: recorder.records(),
    totals: result.totals,
    ...(result.error ? { error: publicError(result.error) } : {}),
  };
  await mkdir(outDir, { recursive: true });
  await writeFileAtomic(join(outDir, 'run.json'), `${JSON.stringify(runJson, null, 2)}\n`).catch((cause) =>
    io.stderr(`error: could not write run.json: ${String(cause)}`),
  );
  const failed = recorder.records().filter((node) => node.status === 'failed' || node.status === 'skipped');
  io.stderr(
    `${result.status === 'ok' ? 'done' : result.status}: ${result.totals.calls} call${result.totals.calls === 1 ? '' : 's'}, ${result.totals.cachedNodes} cached, ${formatUsd(result.totals.costUsd)}; files in ${outDir}`,
  );
  for (const node of failed)
    io.stderr(`  ${node.id} (${node.type}) ${node.status}: ${node.error?.message ?? ''}`);
  if (result.status === 'cancelled') return EXIT.interrupted;
  if (result.error) io.stderr(`stopped: ${describeError(result.error)}`);
  return result.status === 'ok' && writeFailures.length === 0 ? EXIT.ok : EXIT.nodeFailed;
}

function fail(io: CliIO, errors: Parameters<typeof printErrors>[1]): number {
  printErrors(io, errors);
  return EXIT.invalid;
}
