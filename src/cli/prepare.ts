import { resolve } from 'node:path';
import { nodeRegistry } from '../../nodes/registry';
import type { MemoryAssetStore } from '../engine/assets';
import { applyInputs } from '../engine/inputs';
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

export async function loadForRun(path: string, io: CliIO): Promise<LoadedForRun | PeelError[]> {
  const loaded = await readWorkflowFile(resolve(io.cwd, path));
  if (!loaded.ok) return loaded.error;
  for (const warning of loaded.value.warnings) io.stderr(`warning: ${warning}`);
  if (loaded.value.migratedFrom !== undefined) {
    io.stderr(`note: upgraded from format version ${loaded.value.migratedFrom}; saving will write version 1`);
  }
  return { workflow: loaded.value.workflow, assets: loaded.value.assets };
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
  for (const node of workflow.nodes) {
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
  for (const node of workflow.nodes) {
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
  for (const model of unknownModels(workflow)) {
    io.stderr(
      `warning: model "${model}" is not in Peel's model table: it will be sent as is, with no cost estimate`,
    );
  }
  const ids = new Set(workflow.nodes.map((node) => node.id));
  for (const id of nodeIdsToCheck) {
    if (!ids.has(id)) blocking.push(peelError('unknown_node', `no node with id "${id}" in this workflow`));
  }
  return blocking.length > 0 ? blocking : { workflow, report };
}

/** Model ids used by the workflow that the model table does not know. */
export function unknownModels(workflow: Workflow): string[] {
  const models = new Set<string>();
  for (const node of workflow.nodes) {
    const model = node.params.model;
    if (typeof model === 'string' && !modelInfo(model)) models.add(model);
  }
  return [...models];
}
