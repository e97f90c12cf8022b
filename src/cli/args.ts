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
  /** --timeout: seconds per attempt of a model call (the call's total budget follows from it). */
  attemptTimeoutSeconds?: number;
  json: boolean;
  provider: 'gemini' | 'preview';
  /** --route as given (checked with PEEL_ROUTE in route-settings.ts); undefined = PEEL_ROUTE or gemini. */
  route?: string;
  batchPath?: string;
  batchApi: boolean;
  reroll: string[];
  targets: string[];
  /** Run retired models as their catalog replacements (said on stderr, never silently). */
  upgradeModels: boolean;
  modelsFile?: string;
  /** Batch: per-node lines as well as the progress status. */
  verbose: boolean;
  /** Batch: continue the batch recorded in OUT/run.jsonl (re-running the same command does too). */
  resume: boolean;
}

export type CliArgs =
  | RunArgs
  | { command: 'validate'; workflowPath: string; json: boolean; modelsFile?: string }
  | { command: 'upgrade-models'; workflowPath: string; outPath?: string; modelsFile?: string }
  | { command: 'models'; json: boolean; offline: boolean; modelsFile?: string }
  | { command: 'batch-status'; job: string; json: boolean }
  | { command: 'batch-fetch'; job: string; outDir: string; cacheDir: string; json: boolean }
  | {
      command: 'component-extract';
      workflowPath: string;
      nodeIds: string[];
      name: string;
      outPath?: string;
    }
  | { command: 'help' }
  | { command: 'version' };

const usage = (message: string): { ok: false; error: PeelError } => err(peelError('invalid_input', message));

/** Parses argv (without node and script). Errors name the flag so the user can fix the command. */
export function parseArgs(argv: string[]): Result<CliArgs> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help')
    return ok({ command: 'help' });
  if (command === '--version' || command === '-v') return ok({ command: 'version' });
  if (command === 'validate' || command === 'upgrade-models' || command === 'models') {
    return parseSmallCommand(command, rest);
  }
  if (command === 'batch') return parseBatchCommand(rest);
  if (command === 'component') return parseComponentCommand(rest);
  if (command !== 'run') return usage(`unknown command "${command}"; try peel --help`);
  return parseRunArgs(rest);
}

const COMPONENT_USAGE =
  'usage: peel component extract <workflow.json> --nodes a,b,c --name NAME [--out FILE]';

/** `peel component extract FILE --nodes a,b,c --name NAME [--out FILE]` (issue #15). */
function parseComponentCommand(rest: string[]): Result<CliArgs> {
  const [sub, ...args] = rest;
  if (sub !== 'extract') return usage(COMPONENT_USAGE);
  const values: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--nodes' || arg === '--name' || arg === '--out') {
      const value = args[++i];
      if (value === undefined) return usage(`${arg} needs a value; ${COMPONENT_USAGE}`);
      values[arg] = value;
    } else if (arg.startsWith('--')) return usage(`unknown option ${arg} for "peel component extract"`);
    else positional.push(arg);
  }
  const [workflowPath, ...extra] = positional;
  const nodeIds = (values['--nodes'] ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const name = values['--name']?.trim() ?? '';
  if (workflowPath === undefined || extra.length > 0 || nodeIds.length === 0 || name === '')
    return usage(COMPONENT_USAGE);
  const outPath = values['--out'];
  return ok({
    command: 'component-extract',
    workflowPath,
    nodeIds,
    name,
    ...(outPath !== undefined ? { outPath } : {}),
  });
}

/** validate, upgrade-models and models: a few flags, at most one positional file. */
function parseSmallCommand(
  command: 'validate' | 'upgrade-models' | 'models',
  rest: string[],
): Result<CliArgs> {
  const valued = command === 'upgrade-models' ? ['--out', '--models'] : ['--models'];
  const switches = command === 'models' ? ['--json', '--offline'] : command === 'validate' ? ['--json'] : [];
  const positional: string[] = [];
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (valued.includes(arg)) {
      const next = rest[i + 1];
      if (next === undefined || next.startsWith('--')) return usage(`${arg} needs a value`);
      values[arg] = next;
      i++;
    } else if (switches.includes(arg)) flags.add(arg);
    else if (arg.startsWith('--')) return usage(`unknown option ${arg} for "peel ${command}"`);
    else positional.push(arg);
  }
  const modelsFile = values['--models'];
  const withModels = modelsFile !== undefined ? { modelsFile } : {};
  if (command === 'models') {
    if (positional.length > 0) return usage('usage: peel models [--json] [--offline] [--models FILE]');
    return ok({ command, json: flags.has('--json'), offline: flags.has('--offline'), ...withModels });
  }
  if (positional.length !== 1) {
    return usage(
      command === 'validate'
        ? 'usage: peel validate <workflow.json | image.png>'
        : 'usage: peel upgrade-models <workflow.json | image.png> [--out FILE]',
    );
  }
  const workflowPath = positional[0] as string;
  if (command === 'validate') return ok({ command, workflowPath, json: flags.has('--json'), ...withModels });
  const outPath = values['--out'];
  return ok({ command, workflowPath, ...(outPath !== undefined ? { outPath } : {}), ...withModels });
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
    upgradeModels: false,
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
      case '--route':
      case '--reroll':
      case '--models':
      case '--only': {
        const v = need(arg);
        if (!v.ok) return v;
        if (arg === '--out') args.outDir = v.value;
        else if (arg === '--cache') args.cacheDir = v.value;
        else if (arg === '--batch') args.batchPath = v.value;
        else if (arg === '--reroll') args.reroll.push(...splitNodeIds(v.value));
        else if (arg === '--only') args.targets.push(...splitNodeIds(v.value));
        else if (arg === '--models') args.modelsFile = v.value;
        else if (arg === '--route') args.route = v.value;
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
      case '--timeout': {
        const v = need(arg);
        if (!v.ok) return v;
        const n = Number(v.value);
        if (!Number.isFinite(n) || n <= 0 || n > 3600)
          return usage('--timeout takes the seconds one attempt may wait for an answer, from 1 to 3600');
        args.attemptTimeoutSeconds = n;
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
      case '--upgrade-models':
        args.upgradeModels = true;
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
                         list of image paths for a referenceSet; the element (from 1)
                         a Pick keeps
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
    --timeout SECONDS    how long one attempt of a model call may wait for an answer
                         (default 120); a call with its retries stops after 5 attempts'
                         worth, at most 4 minutes (or 2 attempts, if longer)
    --provider NAME      gemini (default) or preview (offline placeholders, free)
    --route NAME         how calls reach Google's models: gemini (default), vertex or
                         openrouter (or PEEL_ROUTE); never part of the cache key
    --reroll IDS         bypass the cache once for these node ids (comma-separated)
    --only IDS           run only what these node ids need
    --json               one JSON event per line on stdout
    --upgrade-models     run retired models as their replacements (each one is named)
    --models FILE        model overrides: prices, limits, extra models (also PEEL_MODELS)
  peel validate <workflow> [--models FILE]
  peel upgrade-models <workflow> [--out FILE]   rewrite retired models to their replacements
  peel component extract <workflow.json> --nodes a,b,c --name NAME [--out FILE]
                         make a component of these nodes (edges crossing the selection
                         become its inputs and outputs); the nodes are replaced by one
                         component node wired the same way
  peel models [--json] [--offline]   the model catalog: status, prices, limits; with
                         GEMINI_API_KEY also which models this key can use
  peel batch status <job>
  peel batch fetch <job> --out DIR

Environment:
  GEMINI_API_KEY   your Gemini API key (never written to any file or output)
  GEMINI_BASE_URL  send API requests to this base URL instead of Google's
  PEEL_MODELS      a model overrides file (as --models)
  --route vertex:  GOOGLE_CLOUD_PROJECT, GOOGLE_CLOUD_LOCATION (default global);
                   credentials, first found wins: VERTEX_API_KEY (express mode, no
                   project needed), GOOGLE_CLOUD_ACCESS_TOKEN (gcloud auth
                   print-access-token), Application Default Credentials;
                   VERTEX_BASE_URL overrides the endpoint
  --route openrouter: OPENROUTER_API_KEY, OPENROUTER_BASE_URL
                   (default https://openrouter.ai/api/v1)

Exit codes: 0 all nodes ok; 1 some node failed; 2 invalid workflow, input or usage;
130 interrupted (Ctrl+C).
`;

/** `a,b,gen[2,3]`: commas separate ids, except inside an element index (many-values). */
export function splitNodeIds(value: string): string[] {
  return value.split(/,(?![^[]*\])/);
}
