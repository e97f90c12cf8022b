import { resolve } from 'node:path';
import { nodeRegistry } from '../../nodes/registry';
import { flatIdsOf } from '../engine/components/flat-ids';
import { formatUsd } from '../engine/cost';
import { runWorkflow } from '../engine/executor';
import { ancestorsOf } from '../engine/graph';
import { planRun } from '../engine/plan';
import { describeError } from '../engine/result';
import { retryPolicyWithTimeout } from '../engine/retry-policy';
import { publicError, RunRecorder } from '../engine/run-record';
import type { RunArgs } from './args';
import { type CliIO, EXIT } from './cli-io';
import { writeContactSheet } from './contact-sheet';
import { ExportWriter } from './export-writer';
import { nodeHashBytes } from './node-hash-bytes';
import { loadForRun, prepareRun, printErrors } from './prepare';
import { createPrinter, describePlan } from './printer';
import { providerFor, routeFor } from './provider-factory';
import { routeLine, withRoute } from './route-report';
import { chosenRoute } from './route-settings';
import { cacheFor, cliImageOps, exportHandler, redactedRecord, secretsOf } from './run-context';
import { writeRunJson } from './run-json';
import { describeWriteError, describeWriteFailure, type WriteFailure } from './write-failure';

export async function runSingle(args: RunArgs, io: CliIO): Promise<number> {
  const loaded = await loadForRun(args.workflowPath, io, { upgradeModels: args.upgradeModels });
  if (Array.isArray(loaded)) return fail(io, loaded);
  // No prototype: `--input __proto__=x` is an own key (then refused as unknown), never swallowed.
  const rawInputs = Object.create(null) as Record<string, string>;
  for (const { name, value } of args.inputs) rawInputs[name] = value;
  const prepared = await prepareRun(loaded, rawInputs, io.cwd, io, [...args.targets, ...args.reroll]);
  if (Array.isArray(prepared)) return fail(io, prepared);
  const { workflow, report } = prepared;
  const route = chosenRoute(args.route, io.env);
  if (!route.ok) return fail(io, [route.error]);
  const cache = cacheFor(args, io);
  const providerId = args.provider === 'preview' ? 'preview' : 'gemini';
  const estimate = await planRun(workflow, report, {
    registry: nodeRegistry,
    providerId,
    free: providerId === 'preview',
    cache,
    assets: loaded.assets,
    reroll: new Set(flatIdsOf(args.reroll, report.graph.order)),
    ...(args.targets.length > 0
      ? { include: ancestorsOf(flatIdsOf(args.targets, report.graph.order), report.graph) }
      : {}),
  });
  for (const line of describePlan(estimate, workflow)) io.stderr(line);
  const routeDescription = args.provider === 'gemini' ? routeFor(route.value, io.env).description : undefined;
  if (routeDescription) io.stderr(routeLine(routeDescription));
  if (args.dryRun) {
    if (args.json)
      io.stdout(
        JSON.stringify({ type: 'plan', estimate, ...(routeDescription ? { route: routeDescription } : {}) }),
      );
    return EXIT.ok;
  }
  const provider = await providerFor(args.provider, io.env, route.value);
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
  const writeFailures: WriteFailure[] = [];
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
    (failure) => writeFailures.push(failure),
  );
  const startedAt = new Date();
  const result = await runWorkflow(workflow, {
    registry: nodeRegistry,
    // A fully cached run needs no key: the cache answers before any provider call.
    provider: provider.provider,
    cache,
    assets: loaded.assets,
    imageOps: cliImageOps(),
    hashBytes: nodeHashBytes,
    signal: io.signal,
    concurrency: args.concurrency,
    retryPolicy: retryPolicyWithTimeout(args.attemptTimeoutSeconds),
    ...(args.maxCostUsd !== undefined ? { maxCostUsd: args.maxCostUsd } : {}),
    ...(args.targets.length > 0 ? { targets: args.targets } : {}),
    reroll: args.reroll,
    onEvent: (event) => {
      recorder.onEvent(event);
      print(event);
      onExport(event);
    },
  });
  await Promise.all(writes);
  for (const failure of writeFailures) io.stderr(`error: ${describeWriteFailure(failure)}`);
  const finishedAt = new Date();
  const paidVia = provider.route?.route;
  const runJson = {
    workflow: workflow.name,
    provider: providerId,
    ...(paidVia ? { route: paidVia } : {}),
    status: result.status,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    estimate: { calls: estimate.calls, cachedNodes: estimate.cachedNodes, usd: estimate.usd },
    nodes: withRoute(recorder.records(), paidVia),
    totals: paidVia ? { ...result.totals, route: paidVia } : result.totals,
    ...(result.error ? { error: publicError(result.error) } : {}),
  };
  const runJsonWritten = await writeRunJson(outDir, runJson, io);
  // Every run with exports gets a contact sheet, a one-row one here.
  const nodes = recorder.records();
  if (nodes.some((node) => node.files.length > 0 || (node.writeErrors?.length ?? 0) > 0)) {
    const row = redactedRecord(
      { row: 1, status: result.status, inputs: rawInputs, nodes },
      secretsOf(io.env),
    );
    await writeContactSheet(
      outDir,
      { workflow: workflow.name, batch: 'single run', generatedAt: finishedAt.toISOString() },
      async function* () {
        yield row;
      },
    ).catch((cause) => io.stderr(`warning: could not write the contact sheet: ${describeWriteError(cause)}`));
  }
  const failed = recorder.records().filter((node) => node.status === 'failed' || node.status === 'skipped');
  io.stderr(
    `${result.status === 'ok' ? 'done' : result.status}: ${result.totals.calls} call${result.totals.calls === 1 ? '' : 's'}, ${result.totals.cachedNodes} cached, ${formatUsd(result.totals.costUsd)}; files in ${outDir}`,
  );
  for (const node of failed)
    io.stderr(`  ${node.id} (${node.type}) ${node.status}: ${node.error?.message ?? ''}`);
  if (result.status === 'cancelled') return EXIT.interrupted;
  if (result.error) io.stderr(`stopped: ${describeError(result.error)}`);
  return result.status === 'ok' && writeFailures.length === 0 && runJsonWritten ? EXIT.ok : EXIT.nodeFailed;
}

function fail(io: CliIO, errors: Parameters<typeof printErrors>[1]): number {
  printErrors(io, errors);
  return EXIT.invalid;
}
