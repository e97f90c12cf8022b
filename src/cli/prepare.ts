import { resolve } from 'node:path';
import { nodeRegistry } from '../../nodes/registry';
import type { MemoryAssetStore } from '../engine/assets';
import { catalogModel, priceFromOverride } from '../engine/catalog';
import { applyInputs } from '../engine/inputs';
import { retiredModelUses, upgradeRetiredModels } from '../engine/model-upgrade';
import { modelInfo } from '../engine/models';
import { describeError, type PeelError, peelError } from '../engine/result';
import { type ValidationReport, validateWorkflow } from '../engine/validate';
import type { Workflow } from '../engine/workflow';
import type { CliIO } from './cli-io';
import { resolveInputValues } from './input-values';
import { readWorkflowFile } from './read-workflow';

export interface LoadedForRun {
  workflow: Workflow;
  assets: MemoryAssetStore;
}

export interface PreparedRun {
  workflow: Workflow;
  report: ValidationReport;
}

export function printErrors(io: CliIO, errors: PeelError[]): void {
  for (const error of errors) io.stderr(`error: ${describeError(error)}`);
}

export async function loadForRun(
  path: string,
  io: CliIO,
  options: { upgradeModels?: boolean } = {},
): Promise<LoadedForRun | PeelError[]> {
  const loaded = await readWorkflowFile(resolve(io.cwd, path));
  if (!loaded.ok) return loaded.error;
  for (const warning of loaded.value.warnings) io.stderr(`warning: ${warning}`);
  if (loaded.value.migratedFrom !== undefined) {
    io.stderr(`note: upgraded from format version ${loaded.value.migratedFrom}; saving will write version 1`);
  }
  let workflow = loaded.value.workflow;
  if (options.upgradeModels) {
    const upgraded = upgradeRetiredModels(workflow);
    workflow = upgraded.workflow;
    // Said, never silent: a replacement changes output and price.
    for (const upgrade of upgraded.upgrades) {
      io.stderr(
        `note: node "${upgrade.nodeId}" runs ${upgrade.to} instead of the retired ${upgrade.from} (--upgrade-models; output and price differ)`,
      );
    }
  } else if (retiredModelUses(workflow).length > 0) {
    // Validation names each model, its shutdown date and replacement; this says how to go on.
    io.stderr(
      `to proceed: run with the replacements: peel run ${path} --upgrade-models\n` +
        `            or rewrite the file:     peel upgrade-models ${path} --out NEW.json`,
    );
  }
  return { workflow, assets: loaded.value.assets };
}

/**
 * Applies inputs and validates. Structural problems and invalid params stop the command before
 * any call; an unknown node type only refuses its own branch (a warning here).
 */
export async function prepareRun(
  loaded: LoadedForRun,
  rawInputs: Record<string, string | string[]>,
  baseDir: string,
  io: CliIO,
  nodeIdsToCheck: string[] = [],
): Promise<PreparedRun | PeelError[]> {
  const values = await resolveInputValues(loaded.workflow, rawInputs, loaded.assets, baseDir);
  if (!values.ok) return values.error;
  const applied = applyInputs(loaded.workflow, values.value);
  if (!applied.ok) return applied.error;
  const workflow = applied.value;
  const report = validateWorkflow(workflow, nodeRegistry);
  const blocking: PeelError[] = [...report.graphErrors];
  for (const errors of report.nodeErrors.values()) {
    for (const error of errors) {
      if (error.code === 'cycle') continue;
      if (error.code === 'unknown_node_type') io.stderr(`warning: ${describeError(error)}`);
      else blocking.push(error);
    }
  }
  // A file exported without its images needs them supplied: say so before any call.
  // (`report.workflow` is the flat graph: nodes inside components are checked too.)
  for (const node of report.workflow.nodes) {
    if (node.type !== 'referenceSet' || !Array.isArray(node.params.images)) continue;
    for (const image of node.params.images as Array<{ name?: unknown; hash?: unknown }>) {
      if (typeof image.hash === 'string' && !loaded.assets.has(image.hash)) {
        const how = node.exposeAs
          ? `supply it with --input ${node.exposeAs}=path/to/image`
          : 'the file was saved without its images';
        blocking.push(
          peelError(
            'missing_input',
            `reference image "${String(image.name)}" of node "${node.id}" is not in this workflow file; ${how}`,
          ),
        );
      }
    }
  }
  for (const node of report.workflow.nodes) {
    const image = node.params.image as { name?: unknown; hash?: unknown } | undefined;
    if (node.type !== 'imageInput' || typeof image?.hash !== 'string' || loaded.assets.has(image.hash))
      continue;
    const how = node.exposeAs
      ? `supply it with --input ${node.exposeAs}=path/to/image`
      : 'the file was saved without its images';
    blocking.push(
      peelError(
        'missing_input',
        `image "${String(image.name)}" of node "${node.id}" is not in this workflow file; ${how}`,
      ),
    );
  }
  // Models change faster than releases: an unknown id may run, but nothing can price it.
  for (const model of unknownModels(report.workflow)) {
    io.stderr(
      `warning: model "${model}" is not in Peel's model catalog: it will be sent as is, price unknown (no cost estimate; a --max-cost cap refuses it unless --models FILE gives it a price)`,
    );
  }
  for (const model of new Set(report.workflow.nodes.map((node) => node.params.model))) {
    if (typeof model === 'string' && priceFromOverride(model)) {
      io.stderr(
        `note: price of ${model} from your override (read ${catalogModel(model)?.prices?.source.read})`,
      );
    }
  }
  const ids = new Set([...workflow.nodes, ...report.workflow.nodes].map((node) => node.id));
  for (const id of nodeIdsToCheck) {
    // `gen[2]` names one element of a mapped node (many-values): its node must exist.
    const fileNode = id.replace(/\[[0-9]+(,[0-9]+)*\]$/, '');
    if (!ids.has(id) && !ids.has(fileNode))
      blocking.push(peelError('unknown_node', `no node with id "${id}" in this workflow`));
  }
  return blocking.length > 0 ? blocking : { workflow, report };
}

/** Model ids used by the workflow that the model table does not know. */
export function unknownModels(workflow: Workflow): string[] {
  const models = new Set<string>();
  for (const node of workflow.nodes) {
    const model = node.params.model;
    if (typeof model === 'string' && !modelInfo(model)?.catalog.prices) models.add(model);
  }
  return [...models];
}
