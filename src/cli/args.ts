import { err, ok, type PeelError, peelError, type Result } from '../engine/result';

export interface RunArgs {
  command: 'run';
  workflowPath: string;
  inputs: Array<{ name: string; value: string }>;
  outDir: string;
  cacheDir: string;
  useCache: boolean;
  concurrency: number;
  dryRun: boolean;
  maxCostUsd?: number;
  json: boolean;
  provider: 'gemini' | 'preview';
  batchPath?: string;
  batchApi: boolean;
  reroll: string[];
  targets: string[];
  /** Batch: per-node lines as well as the progress status. */
  verbose: boolean;
  /** Batch: continue the batch recorded in OUT/run.jsonl (re-running the same command does too). */
  resume: boolean;
}

export type CliArgs =
  | RunArgs
  | { command: 'validate'; workflowPath: string; json: boolean }
  | { command: 'batch-status'; job: string; json: boolean }
  | { command: 'batch-fetch'; job: string; outDir: string; cacheDir: string; json: boolean }
  | { command: 'help' }
  | { command: 'version' };

const usage = (message: string): { ok: false; error: PeelError } => err(peelError('invalid_input', message));

/** Parses argv (without node and script). Errors name the flag so the user can fix the command. */
export function parseArgs(argv: string[]): Result<CliArgs> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help')
    return ok({ command: 'help' });
  if (command === '--version' || command === '-v') return ok({ command: 'version' });
  if (command === 'validate') {
    const positional = rest.filter((arg) => !arg.startsWith('--'));
    const unknown = rest.filter((arg) => arg.startsWith('--') && arg !== '--json');
    if (unknown.length > 0) return usage(`unknown option ${unknown[0]} for "peel validate"`);
    if (positional.length !== 1) return usage('usage: peel validate <workflow.json | image.png>');
    return ok({ command: 'validate', workflowPath: positional[0] as string, json: rest.includes('--json') });
  }
  if (command === 'batch') return parseBatchCommand(rest);
  if (command !== 'run') return usage(`unknown command "${command}"; try peel --help`);
  return parseRunArgs(rest);
}

function parseBatchCommand(rest: string[]): Result<CliArgs> {
  const [sub, job, ...flags] = rest;
  if ((sub !== 'status' && sub !== 'fetch') || !job)
    return usage('usage: peel batch status <job> | peel batch fetch <job> --out DIR');
  const json = flags.includes('--json');
  if (sub === 'status') return ok({ command: 'batch-status', job, json });
  const outAt = flags.indexOf('--out');
  const cacheAt = flags.indexOf('--cache');
  return ok({
    command: 'batch-fetch',
    job,
    outDir: outAt >= 0 ? (flags[outAt + 1] ?? 'peel-out') : 'peel-out',
    cacheDir: cacheAt >= 0 ? (flags[cacheAt + 1] ?? '.peel-cache') : '.peel-cache',
    json,
  });
}

function parseRunArgs(rest: string[]): Result<CliArgs> {
  const args: RunArgs = {
    command: 'run',
    workflowPath: '',
    inputs: [],
    outDir: 'peel-out',
    cacheDir: '.peel-cache',
    useCache: true,
    concurrency: 4,
    dryRun: false,
    json: false,
    provider: 'gemini',
    batchApi: false,
    reroll: [],
    targets: [],
    verbose: false,
    resume: false,
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    const value = (): string | undefined => {
      const next = rest[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i++;
      return next;
    };
    const need = (flag: string): Result<string> => {
      const v = value();
      return v === undefined ? usage(`${flag} needs a value`) : ok(v);
    };
    switch (arg) {
      case '--input': {
        const v = need(arg);
        if (!v.ok) return v;
        const eq = v.value.indexOf('=');
        if (eq <= 0) return usage(`--input takes NAME=VALUE, got "${v.value}"`);
        args.inputs.push({ name: v.value.slice(0, eq), value: v.value.slice(eq + 1) });
        break;
      }
      case '--out':
      case '--cache':
      case '--batch':
      case '--provider':
      case '--reroll':
      case '--only': {
        const v = need(arg);
        if (!v.ok) return v;
        if (arg === '--out') args.outDir = v.value;
        else if (arg === '--cache') args.cacheDir = v.value;
        else if (arg === '--batch') args.batchPath = v.value;
        else if (arg === '--reroll') args.reroll.push(...v.value.split(','));
        else if (arg === '--only') args.targets.push(...v.value.split(','));
        else if (v.value === 'gemini' || v.value === 'preview') args.provider = v.value;
        else return usage(`--provider is gemini or preview, got "${v.value}"`);
        break;
      }
      case '--concurrency': {
        const v = need(arg);
        if (!v.ok) return v;
        const n = Number(v.value);
        if (!Number.isInteger(n) || n < 1 || n > 64)
          return usage('--concurrency takes a whole number from 1 to 64');
        args.concurrency = n;
        break;
      }
      case '--max-cost': {
        const v = need(arg);
        if (!v.ok) return v;
        const n = Number(v.value);
        if (!Number.isFinite(n) || n < 0) return usage('--max-cost takes a dollar amount such as 2.50');
        args.maxCostUsd = n;
        break;
      }
      case '--no-cache':
        args.useCache = false;
        break;
      case '--dry-run':
        args.dryRun = true;
        break;
      case '--json':
        args.json = true;
        break;
      case '--batch-api':
        args.batchApi = true;
        break;
      case '--verbose':
        args.verbose = true;
        break;
      case '--resume':
        args.resume = true;
        break;
      default:
        if (arg.startsWith('--')) return usage(`unknown option ${arg}; try peel --help`);
        if (args.workflowPath !== '') return usage(`unexpected argument "${arg}"`);
        args.workflowPath = arg;
    }
  }
  if (args.workflowPath === '') return usage('usage: peel run <workflow.json | image.png> [options]');
  if (args.batchApi && !args.batchPath) return usage('--batch-api needs --batch FILE');
  if (args.resume && !args.batchPath) return usage('--resume needs --batch FILE (it continues a batch)');
  return ok(args);
}

export const HELP_TEXT = `peel: run Peel workflows headlessly

Usage:
  peel run <workflow.json | image with an embedded workflow> [options]
    --input NAME=VALUE   set an exposed input: text for a prompt; a comma-separated
                         list of image paths for a referenceSet
    --batch FILE         one run per row of a CSV (header = input names; comma, semicolon
                         or tab separated; UTF-8, UTF-16 or Windows-1252) or JSONL file.
                         Rows are recorded in OUT/run.jsonl as they finish; running the
                         same command again skips rows already done
    --resume             continue the batch in OUT/run.jsonl, saying how many rows were done
    --verbose            a batch prints a line per node, not only its progress
    --batch-api          send a batch's model calls as Gemini Batch API jobs (half price)
    --out DIR            where export nodes write (default ./peel-out)
    --cache DIR          output cache (default ./.peel-cache); --no-cache ignores it
    --concurrency N      max simultaneous model calls (default 4)
    --dry-run            validate, print the plan (what runs, what is cached) and the
                         estimated cost; no model call
    --max-cost USD       do not start calls whose estimated total would pass this
    --provider NAME      gemini (default) or preview (offline placeholders, free)
    --reroll IDS         bypass the cache once for these node ids (comma-separated)
    --only IDS           run only what these node ids need
    --json               one JSON event per line on stdout
  peel validate <workflow>
  peel batch status <job>
  peel batch fetch <job> --out DIR

Environment:
  GEMINI_API_KEY   your Gemini API key (never written to any file or output)
  GEMINI_BASE_URL  send API requests to this base URL instead of Google's

Exit codes: 0 all nodes ok; 1 some node failed; 2 invalid workflow, input or usage;
130 interrupted (Ctrl+C).
`;
