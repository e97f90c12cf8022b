import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { nodeRegistry } from '../../nodes/registry';
import { describeError } from '../engine/result';
import { allValidationErrors, validateWorkflow } from '../engine/validate';
import { sendsKeyInClear } from '../providers/base-url';
import { redactSecrets } from '../providers/redact';
import { type CliArgs, HELP_TEXT, parseArgs } from './args';
import { runBatch } from './batch-run';
import { type CliIO, EXIT } from './cli-io';
import { applyModelOverrides, modelsCommand, upgradeModelsCommand } from './model-commands';
import { loadForRun } from './prepare';
import { chosenRoute } from './route-settings';
import { secretsOf } from './run-context';
import { runSingle } from './single-run';
import { escapeTerminalText } from './terminal-text';

/** --batch-api sends Gemini API batch jobs: other routes have no equivalent Peel can use. */
function batchApiRefusal(
  flag: string | undefined,
  env: Record<string, string | undefined>,
): string | undefined {
  const route = chosenRoute(flag, env);
  if (!route.ok) return route.error.message;
  if (route.value === 'vertex') {
    return '--batch-api works on the gemini route only: Vertex AI batch prediction reads and writes Cloud Storage or BigQuery, which Peel does not use. Plain --batch works on every route.';
  }
  if (route.value === 'openrouter') {
    return '--batch-api works on the gemini route only: OpenRouter has no batch API. Plain --batch works on every route.';
  }
  return undefined;
}

export async function main(argv: string[], rawIo: CliIO): Promise<number> {
  // The one exit for everything printed: the key removed (a server or a CSV cell may echo it),
  // then text from files and servers made inert for the terminal.
  const secrets = secretsOf(rawIo.env);
  const printable = (line: string) => escapeTerminalText(redactSecrets(line, secrets));
  const io: CliIO = {
    ...rawIo,
    stdout: (line) => rawIo.stdout(printable(line)),
    stderr: (line) => rawIo.stderr(printable(line)),
  };
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.stderr(`error: ${parsed.error.message}`);
    return EXIT.invalid;
  }
  const args = parsed.value;
  if (
    args.command === 'run' ||
    args.command === 'validate' ||
    args.command === 'models' ||
    args.command === 'upgrade-models'
  ) {
    // Overrides (--models FILE, PEEL_MODELS) apply before anything reads the catalog.
    const problems = await applyModelOverrides(args.modelsFile, io);
    if (problems.length > 0) {
      for (const problem of problems) io.stderr(`error: ${describeError(problem)}`);
      return EXIT.invalid;
    }
  }
  warnOfClearTextKey(args, io);
  switch (args.command) {
    case 'help':
      io.stdout(HELP_TEXT);
      return EXIT.ok;
    case 'version': {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      };
      io.stdout(pkg.version);
      return EXIT.ok;
    }
    case 'validate': {
      const loaded = await loadForRun(args.workflowPath, io);
      const errors = Array.isArray(loaded)
        ? loaded
        : allValidationErrors(validateWorkflow(loaded.workflow, nodeRegistry));
      const blocking = errors.filter((error) => error.code !== 'unknown_node_type');
      if (args.json) {
        io.stdout(
          JSON.stringify({ file: args.workflowPath, valid: blocking.length === 0, problems: errors }),
        );
      } else {
        for (const error of errors)
          io.stderr(`${error.code === 'unknown_node_type' ? 'warning' : 'error'}: ${describeError(error)}`);
        if (blocking.length === 0 && !Array.isArray(loaded)) {
          io.stdout(
            `${args.workflowPath}: valid (${loaded.workflow.nodes.length} nodes, ${loaded.workflow.edges.length} edges)`,
          );
        }
      }
      return blocking.length === 0 ? EXIT.ok : EXIT.invalid;
    }
    case 'models':
      return modelsCommand(args.json, args.offline, io);
    case 'upgrade-models':
      return upgradeModelsCommand(args.workflowPath, args.outPath, io);
    case 'run':
      if (args.batchApi) {
        const refused = batchApiRefusal(args.route, io.env);
        if (refused) {
          io.stderr(`error: ${refused}`);
          return EXIT.invalid;
        }
        const { runBatchApi } = await import('./batch-api/run-batch-api');
        return runBatchApi(args, io);
      }
      return args.batchPath ? runBatch(args, io) : runSingle(args, io);
    case 'component-extract': {
      const { componentExtractCommand } = await import('./component-command');
      return componentExtractCommand(args, io);
    }
    case 'batch-status':
    case 'batch-fetch': {
      const { batchCommand } = await import('./batch-api/batch-commands');
      return batchCommand(args, io);
    }
  }
}

/** A key sent over plain http to another machine can be read on the way: say so before any call. */
function warnOfClearTextKey(args: CliArgs, io: CliIO): void {
  const usesModel = args.command === 'run' ? args.provider === 'gemini' : args.command.startsWith('batch-');
  if (!usesModel) return;
  const route = chosenRoute(args.command === 'run' ? args.route : undefined, io.env);
  const variable = !route.ok
    ? 'GEMINI_BASE_URL'
    : { gemini: 'GEMINI_BASE_URL', vertex: 'VERTEX_BASE_URL', openrouter: 'OPENROUTER_BASE_URL' }[
        route.value
      ];
  const baseUrl = io.env[variable]?.trim();
  if (!baseUrl || !sendsKeyInClear(baseUrl)) return;
  io.stderr(
    `warning: ${variable} (${baseUrl}) is plain http:// to another machine: your API key would travel unencrypted; use https:// (plain http is fine only for 127.0.0.1 or localhost)`,
  );
}

/** Process entry: wires stdout/stderr, SIGINT to the abort signal, and the exit code. */
export async function runFromProcess(): Promise<void> {
  // Every queued call listens to the run's abort signal; thousands of batch rows are expected.
  setMaxListeners(10_000);
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    process.stderr.write('\ninterrupted: aborting in-flight calls (Ctrl+C again to quit now)\n');
    controller.abort(new Error('interrupted'));
  });
  const io: CliIO = {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
    ...(process.stderr.isTTY
      ? { terminal: { write: (text: string) => process.stderr.write(text), columns: process.stderr.columns } }
      : {}),
  };
  try {
    process.exitCode = await main(process.argv.slice(2), io);
  } catch (cause) {
    // A crash is a bug: say so plainly, without a stack trace unless asked.
    process.stderr.write(
      `peel crashed: ${escapeTerminalText(cause instanceof Error ? cause.message : String(cause))}\n`,
    );
    if (process.env.PEEL_DEBUG) process.stderr.write(`${cause instanceof Error ? cause.stack : ''}\n`);
    process.exitCode = 70;
  }
}
