import { roundUsd } from '../engine/cost';
import type { RunTotals } from '../engine/events';
import type { RowRecord } from '../engine/run-record';
import type { CliIO } from './cli-io';

export function sumRowTotals(records: readonly RowRecord[]): RunTotals {
  return records.reduce(
    (sum, record) => ({
      calls: sum.calls + record.totals.calls,
      cachedNodes: sum.cachedNodes + record.totals.cachedNodes,
      costUsd: roundUsd(sum.costUsd + record.totals.costUsd),
    }),
    { calls: 0, cachedNodes: 0, costUsd: 0 },
  );
}

export function batchStatus(
  records: readonly RowRecord[],
  signal: AbortSignal,
): 'ok' | 'failed' | 'cancelled' {
  if (signal.aborted) return 'cancelled';
  return records.some((record) => record.status !== 'ok') ? 'failed' : 'ok';
}

/** One line per failed row, naming its failed nodes and why. */
export function printFailedRows(io: CliIO, records: readonly RowRecord[]): number {
  const failedRows = records.filter((record) => record.status !== 'ok');
  for (const record of failedRows) {
    const failed = record.nodes
      .filter((node) => node.status === 'failed' || (node.writeErrors?.length ?? 0) > 0)
      .map(
        (node) =>
          `${node.id}: ${node.error?.message ?? (node.writeErrors ?? []).map((w) => `could not write ${w.file} (${w.reason})`).join(', ')}`,
      );
    io.stderr(`  row ${record.row} ${record.status}: ${failed.join('; ') || record.error?.message || ''}`);
  }
  return failedRows.length;
}
