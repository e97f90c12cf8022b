/**
 * What a batch leaves in OUT, shared by `peel run --batch` and `--batch-api`: one run.jsonl line
 * per finished row (appended as the row finishes, then forgotten), a bounded run.json (totals,
 * failures with reasons, files) and, for a workflow with an Export, index.html built from run.jsonl.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stableStringify } from '../engine/canonical';
import { sha256HexOfString } from '../engine/image/hash';
import type { RowRecord } from '../engine/run-record';
import type { Workflow } from '../engine/workflow';
import { JOURNAL_NAME, keepJournalRows, RowJournal } from './batch-journal';
import { BatchTally } from './batch-tally';
import type { CliIO } from './cli-io';
import { CONTACT_SHEET_NAME, writeContactSheet } from './contact-sheet';
import type { SheetMeta } from './contact-sheet-html';
import { redactedRecord, secretsOf } from './run-context';
import { writeRunJson } from './run-json';
import { describeWriteError } from './write-failure';

const MAX_FAILED_ROWS_SHOWN = 20;

/**
 * A row's key in run.jsonl: its prepared workflow and the command's node options. The same row of
 * the same command has the same key, so a resume recognises it as done.
 */
export const batchRowKey = (
  workflow: Workflow,
  options: { provider: string; targets: readonly string[]; reroll: readonly string[] },
): string =>
  sha256HexOfString(
    stableStringify({
      workflow,
      provider: options.provider,
      targets: options.targets,
      reroll: options.reroll,
    }),
  );

export class BatchOutput {
  readonly tally = new BatchTally();
  private journalOk = true;

  private constructor(
    readonly outDir: string,
    private readonly io: CliIO,
    private readonly journal: RowJournal | undefined,
  ) {
    this.journalOk = journal !== undefined;
  }

  /**
   * Opens OUT/run.jsonl for appending. Lines of rows not in `done` (they run again: failed,
   * cancelled, changed) are removed first, so no row is listed twice.
   */
  static async open(outDir: string, done: ReadonlySet<number>, io: CliIO): Promise<BatchOutput> {
    try {
      if (existsSync(join(outDir, JOURNAL_NAME))) await keepJournalRows(outDir, done);
      const output = new BatchOutput(outDir, io, await RowJournal.open(outDir));
      output.tally.alreadyDone = done.size;
      return output;
    } catch (cause) {
      io.stderr(`error: could not write ${outDir}/${JOURNAL_NAME}: ${describeWriteError(cause)}`);
      const output = new BatchOutput(outDir, io, undefined);
      output.tally.alreadyDone = done.size;
      return output;
    }
  }

  /**
   * Counts a finished row and appends its line (redacted). A row without a key (it could not even
   * be prepared) is counted and listed in run.json's failures, not journaled: it always runs again.
   */
  async add(
    record: RowRecord,
    key: string | undefined,
    extra: Record<string, unknown> = {},
    report: CliIO = this.io,
  ): Promise<void> {
    this.tally.add(record);
    if (!this.journal || key === undefined) return;
    try {
      await this.journal.append(redactedRecord({ ...record, key, ...extra }, secretsOf(this.io.env)));
    } catch (cause) {
      if (this.journalOk)
        report.stderr(`error: could not write ${this.outDir}/${JOURNAL_NAME}: ${describeWriteError(cause)}`);
      this.journalOk = false;
    }
  }

  /**
   * Closes run.jsonl, writes run.json (`head`, then the bounded summary, then `tail`) and, when
   * `sheet` is given, index.html from run.jsonl. True when every file was written.
   */
  async finish(
    head: Record<string, unknown>,
    tail: Record<string, unknown>,
    sheet: SheetMeta | undefined,
  ): Promise<boolean> {
    await this.journal?.close().catch(() => undefined);
    const runJson = { ...head, ...this.tally.summary(), ...tail, rowRecords: JOURNAL_NAME };
    const runJsonWritten = await writeRunJson(this.outDir, runJson, this.io);
    // The sheet is built from run.jsonl: without a whole run.jsonl it would miss rows.
    const sheetWritten =
      !sheet || !this.journalOk
        ? true
        : await writeContactSheet(this.outDir, sheet).then(
            () => true,
            (cause) => {
              this.io.stderr(
                `error: could not write ${this.outDir}/${CONTACT_SHEET_NAME}: ${describeWriteError(cause)}`,
              );
              return false;
            },
          );
    return runJsonWritten && this.journalOk && sheetWritten;
  }

  /** The first failed rows with their reasons; the rest are counted (run.json lists more). */
  printFailures(): void {
    const { tally, io } = this;
    for (const failure of tally.failures.slice(0, MAX_FAILED_ROWS_SHOWN))
      io.stderr(`  row ${failure.row} ${failure.status}: ${failure.reasons.join('; ')}`);
    const unlisted = tally.failed + tally.cancelled - Math.min(tally.failures.length, MAX_FAILED_ROWS_SHOWN);
    if (unlisted > 0) io.stderr(`  ... and ${unlisted} more rows; see ${this.outDir}/run.json`);
  }
}
