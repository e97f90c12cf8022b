import { roundUsd } from '../engine/cost';
import type { RunTotals } from '../engine/events';
import type { RowRecord } from '../engine/run-record';

/** At most this many failures and file names are kept for run.json; run.jsonl has every row. */
export const SUMMARY_LIMIT = 1000;

export interface RowFailure {
  row: number;
  status: string;
  inputs: Record<string, unknown>;
  /** Why: the row's error, each failed node's error, each file that could not be written. */
  reasons: string[];
}

/**
 * Running totals of a batch, in bounded memory: counts and sums for every row, the first
 * SUMMARY_LIMIT failures and file names. What run.json keeps; the rows themselves are in run.jsonl.
 */
export class BatchTally {
  rows = 0;
  ok = 0;
  failed = 0;
  cancelled = 0;
  /** Rows found finished in run.jsonl by an earlier run of the same command. */
  alreadyDone = 0;
  totals: RunTotals = { calls: 0, cachedNodes: 0, costUsd: 0 };
  fileCount = 0;
  writeFailures = 0;
  readonly files: string[] = [];
  readonly failures: RowFailure[] = [];

  add(record: RowRecord): void {
    this.rows++;
    if (record.status === 'ok') this.ok++;
    else if (record.status === 'cancelled') this.cancelled++;
    else this.failed++;
    this.totals = {
      calls: this.totals.calls + record.totals.calls,
      cachedNodes: this.totals.cachedNodes + record.totals.cachedNodes,
      costUsd: roundUsd(this.totals.costUsd + record.totals.costUsd),
    };
    for (const node of record.nodes) {
      this.fileCount += node.files.length;
      this.writeFailures += node.writeErrors?.length ?? 0;
      for (const file of node.files) if (this.files.length < SUMMARY_LIMIT) this.files.push(file);
    }
    if (record.status !== 'ok' && this.failures.length < SUMMARY_LIMIT) {
      this.failures.push({
        row: record.row,
        status: record.status,
        inputs: record.inputs,
        reasons: reasonsOf(record),
      });
    }
  }

  /** The bounded part of run.json. */
  summary() {
    return {
      rows: {
        total: this.rows + this.alreadyDone,
        ran: this.rows,
        ok: this.ok,
        failed: this.failed,
        cancelled: this.cancelled,
        alreadyDone: this.alreadyDone,
      },
      totals: this.totals,
      failures: this.failures,
      ...(this.failed + this.cancelled > this.failures.length
        ? { failuresNotListed: this.failed + this.cancelled - this.failures.length }
        : {}),
      files: {
        count: this.fileCount,
        names: this.files,
        ...(this.fileCount > this.files.length ? { notListed: this.fileCount - this.files.length } : {}),
      },
      writeFailures: this.writeFailures,
    };
  }
}

export function reasonsOf(record: RowRecord): string[] {
  const reasons: string[] = [];
  for (const node of record.nodes) {
    if (node.status === 'failed' && node.error) reasons.push(`${node.id}: ${node.error.message}`);
    for (const failure of node.writeErrors ?? [])
      reasons.push(`${node.id}: could not write ${failure.file} (${failure.reason})`);
  }
  if (reasons.length === 0 && record.error) reasons.push(record.error.message);
  return reasons;
}
