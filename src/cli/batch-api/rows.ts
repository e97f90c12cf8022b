/** Loads a workflow and a batch file and prepares every row, as `peel run --batch` does. */
import { dirname } from 'node:path';
import { exposedInputs } from '../../engine/inputs';
import { type PeelError, peelError } from '../../engine/result';
import { type BatchRow, readBatchFile } from '../batch-rows';
import type { CliIO } from '../cli-io';
import { type LoadedForRun, loadForRun, type PreparedRun, prepareRun } from '../prepare';

export interface PreparedBatch {
  loaded: LoadedForRun;
  rows: BatchRow[];
  prepared: PreparedRun[];
}

export async function prepareBatch(
  workflowPath: string,
  batchPath: string,
  fixedInputs: Array<{ name: string; value: string }>,
  nodeIdsToCheck: string[],
  io: CliIO,
): Promise<PreparedBatch | PeelError[]> {
  const loaded = await loadForRun(workflowPath, io);
  if (Array.isArray(loaded)) return loaded;
  const rows = await readBatchFile(batchPath);
  if (!rows.ok) return rows.error;
  const exposedNames = new Set(exposedInputs(loaded.workflow).map((input) => input.name));
  const columns = [...new Set(rows.value.flatMap((row) => Object.keys(row)))];
  const unknown = columns.filter((column) => !exposedNames.has(column));
  if (unknown.length > 0) {
    return [
      peelError(
        'unknown_input',
        `${batchPath}: column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} match no exposed input; this workflow exposes: ${[...exposedNames].join(', ') || 'nothing'}`,
      ),
    ];
  }
  const fixed: Record<string, string> = {};
  for (const { name, value } of fixedInputs) fixed[name] = value;
  // Every row is checked before the first job: a bad row found late would waste money.
  const prepared: PreparedRun[] = [];
  const errors: PeelError[] = [];
  for (const [index, row] of rows.value.entries()) {
    const outcome = await prepareRun(loaded, { ...fixed, ...row }, dirname(batchPath), io, nodeIdsToCheck);
    if (Array.isArray(outcome))
      errors.push(...outcome.map((e) => ({ ...e, message: `row ${index + 1}: ${e.message}` })));
    else prepared.push(outcome);
  }
  if (errors.length > 0) return errors;
  if (prepared.length === 0) return [peelError('invalid_input', `${batchPath}: the batch file has no rows`)];
  return { loaded, rows: rows.value, prepared };
}
