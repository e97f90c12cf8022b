/**
 * `peel models` (the catalog, and with a key the live check), `peel upgrade-models`, and the
 * model overrides file every command reads (--models FILE or PEEL_MODELS).
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import {
  type CatalogModel,
  catalogModels,
  compareWithList,
  parseModelOverrides,
  setModelOverrides,
} from '../engine/catalog';
import { formatUsd } from '../engine/cost';
import { upgradeRetiredModels } from '../engine/model-upgrade';
import { describeError, type PeelError, peelError } from '../engine/result';
import { serializeWorkflow } from '../engine/save';
import { listGeminiModels } from '../providers/gemini/model-list';
import { writeFileAtomic } from './atomic-write';
import { type CliIO, EXIT } from './cli-io';
import { printErrors } from './prepare';
import { readWorkflowFile } from './read-workflow';

/** Applies the overrides file (flag first, then PEEL_MODELS); errors name every bad field. */
export async function applyModelOverrides(flag: string | undefined, io: CliIO): Promise<PeelError[]> {
  const path = flag ?? io.env.PEEL_MODELS?.trim();
  setModelOverrides(undefined);
  if (!path) return [];
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, path), 'utf8');
  } catch (cause) {
    return [peelError('io', `model overrides ${path}: cannot read the file (${String(cause)})`)];
  }
  const parsed = parseModelOverrides(text, `model overrides ${path}`);
  if (!parsed.ok) return parsed.error;
  setModelOverrides(parsed.value);
  io.stderr(`note: model prices, limits and extra models from your override ${path}`);
  return [];
}

export async function upgradeModelsCommand(workflowPath: string, outPath: string | undefined, io: CliIO) {
  const source = resolve(io.cwd, workflowPath);
  const loaded = await readWorkflowFile(source);
  if (!loaded.ok) {
    printErrors(io, loaded.error);
    return EXIT.invalid;
  }
  const { workflow, upgrades, stuck } = upgradeRetiredModels(loaded.value.workflow);
  for (const upgrade of upgrades) {
    io.stderr(`node "${upgrade.nodeId}": ${upgrade.from} -> ${upgrade.to} (output and price differ)`);
  }
  for (const use of stuck) {
    io.stderr(
      `error: node "${use.nodeId}": ${use.retirement.model} is retired and the catalog knows no current replacement; pick a model by hand`,
    );
  }
  if (upgrades.length === 0) {
    if (stuck.length === 0) io.stdout(`${workflowPath}: no retired models; nothing to change`);
    return stuck.length === 0 ? EXIT.ok : EXIT.invalid;
  }
  const isJson = extname(source).toLowerCase() === '.json';
  if (outPath === undefined && !isJson) {
    io.stderr('error: this workflow came from an image; write the upgraded workflow with --out FILE.json');
    return EXIT.invalid;
  }
  const target = resolve(io.cwd, outPath ?? workflowPath);
  const text = serializeWorkflow(workflow, { getImage: (hash) => loaded.value.assets.getSync(hash) });
  await writeFileAtomic(target, text);
  io.stdout(
    `wrote ${outPath ?? workflowPath} (${upgrades.length} node${upgrades.length === 1 ? '' : 's'} upgraded)`,
  );
  return stuck.length === 0 ? EXIT.ok : EXIT.invalid;
}

function priceLine(model: CatalogModel): string {
  const prices = model.prices;
  if (!prices) return 'price unknown';
  const image =
    prices.imageOutputPerMillion !== undefined ? `, image out $${prices.imageOutputPerMillion}/1M` : '';
  const perImage =
    prices.imageOutputPerMillion !== undefined && prices.imageTokensBySize?.['1K'] !== undefined
      ? ` (${formatUsd((prices.imageTokensBySize['1K'] * prices.imageOutputPerMillion) / 1e6)} per 1K image)`
      : '';
  const from = prices.source.note === 'price from your override' ? ', price from your override' : '';
  return `in $${prices.inputPerMillion}/1M, text out $${prices.textOutputPerMillion}/1M${image}${perImage}; read ${prices.source.read}${prices.source.unverified ? ' (unverified)' : ''}${from}`;
}

function statusLine(model: CatalogModel): string {
  const { status, shutdown, replacement } = model.lifecycle;
  if (status === 'retired' || status === 'deprecated') {
    return `${status}${shutdown ? ` ${shutdown}` : ''}${replacement ? ` -> ${replacement}` : ''}`;
  }
  return status;
}

function limitsLine(model: CatalogModel): string {
  const { limits } = model;
  const parts = [
    limits.maxReferenceImages !== undefined ? `${limits.maxReferenceImages} refs` : undefined,
    limits.imageSizes.length > 0 ? `sizes ${limits.imageSizes.join('/')}` : undefined,
    limits.aspectRatios.length > 0 ? `${limits.aspectRatios.length} ratios` : undefined,
    limits.inputTokenLimit !== undefined ? `${limits.inputTokenLimit} input tokens` : undefined,
  ];
  return parts.filter((part) => part !== undefined).join(', ');
}

export async function modelsCommand(json: boolean, offline: boolean, io: CliIO): Promise<number> {
  const models = catalogModels();
  const apiKey = io.env.GEMINI_API_KEY?.trim() ?? '';
  const check =
    offline || apiKey === ''
      ? undefined
      : await listGeminiModels({
          apiKey,
          baseUrl: io.env.GEMINI_BASE_URL?.trim() || undefined,
          signal: io.signal,
        });
  const live = check?.ok ? compareWithList(check.value) : undefined;
  if (json) {
    io.stdout(
      JSON.stringify({
        models,
        ...(live ? { live } : {}),
        ...(check && !check.ok ? { liveError: check.error.message } : {}),
      }),
    );
  } else {
    for (const model of models) {
      const mark = live
        ? live.usable.includes(model.id)
          ? 'usable  '
          : live.missing.includes(model.id)
            ? 'GONE    '
            : live.retiredButListed.includes(model.id)
              ? 'listed  '
              : '        '
        : '';
      io.stdout(`${mark}${model.id}  [${model.kind}, ${statusLine(model)}]`);
      io.stdout(`    ${priceLine(model)}`);
      const limits = limitsLine(model);
      if (limits) io.stdout(`    ${limits}`);
    }
    if (live) {
      for (const extra of live.unknownImageModels) {
        io.stdout(`new     ${extra.id}  [image?, not in the catalog]`);
        io.stdout(
          '    price unknown: usable, but a budget cap refuses it unless you give it a price (--models FILE)',
        );
      }
    }
  }
  if (check && !check.ok) {
    io.stderr(`error: could not list models: ${describeError(check.error)}`);
    return EXIT.nodeFailed;
  }
  if (!check && !json) io.stderr('note: set GEMINI_API_KEY to also check which models this key can use');
  return EXIT.ok;
}
