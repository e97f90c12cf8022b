import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { nodeRegistry } from '../../nodes/registry';
import { describeError } from '../engine/result';
import { allValidationErrors, validateWorkflow } from '../engine/validate';
import { HELP_TEXT, parseArgs } from './args';
import { runBatch } from './batch-run';
import { type CliIO, EXIT } from './cli-io';
import { loadForRun } from './prepare';
import { runSingle } from './single-run';

export async function main(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.stderr(`error: ${parsed.error.message}`);
    return EXIT.invalid;
  }
  const args = parsed.value;
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
    case 'run':
      if (args.batchApi) {
        const { runBatchApi } = await import('./batch-api/run-batch-api');
        return runBatchApi(args, io);
      }
      return args.batchPath ? runBatch(args, io) : runSingle(args, io);
    case 'batch-status':
    case 'batch-fetch': {
      const { batchCommand } = await import('./batch-api/batch-commands');
      return batchCommand(args, io);
    }
  }
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
    process.stderr.write(`peel crashed: ${cause instanceof Error ? cause.message : String(cause)}\n`);
    if (process.env.PEEL_DEBUG) process.stderr.write(`${cause instanceof Error ? cause.stack : ''}\n`);
    process.exitCode = 70;
  }
}
