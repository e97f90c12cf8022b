import { create } from 'zustand';
import type { RunTotals } from '../../../engine/events';
import { exposedInputs } from '../../../engine/inputs';
import type { RowRecord } from '../../../engine/run-record';
import type { Workflow } from '../../../engine/workflow';
import { useDocumentStore } from '../../store/document-store';
import type { ElementRun } from '../../store/element-runs';
import { estimateProvider, estimateRun, withInputs } from '../run-form/run-with-inputs';
import { type BatchEstimate, batchEstimate, rowDependentNodes } from './batch-estimate';
import { type BatchTable, ImageFiles, readBatchCsv, rowValues } from './batch-rows';

export interface PreparedRow {
  /** The document with this row's values, or null when the row has problems. */
  workflow: Workflow | null;
  problems: string[];
}

export type RowStatus = 'pending' | 'running' | 'ok' | 'failed' | 'cancelled';

/** A file an export node made in a row: its name in the zip (template filled, made unique). */
export interface RowFile {
  nodeId: string;
  fileName: string;
  hash: string;
  embedWorkflow: boolean;
}

/** A node that mapped over many values in a row: its elements, in order, as its strip shows them. */
export interface RowElements {
  nodeId: string;
  label: string;
  count: number;
  entries: Array<ElementRun | undefined>;
}

export interface RowResult {
  status: RowStatus;
  images: string[];
  /** Mapped nodes whose elements are this row's results (or the graph's ends). */
  elements?: RowElements[];
  files?: RowFile[];
  totals: RunTotals;
  error?: string;
  record?: RowRecord;
}

export interface BatchState {
  csvName: string | null;
  csvText: string | null;
  table: BatchTable | null;
  tableProblems: string[];
  fileCount: number;
  prepared: PreparedRow[];
  preparing: boolean;
  estimate: BatchEstimate | null;
  results: RowResult[];
  running: boolean;
  /** The last run, for the zip's run.json. */
  run: {
    startedAt: string;
    finishedAt?: string;
    status?: string;
    provider: string;
    /** The estimate shown when Run was pressed (the panel's estimate changes once rows are cached). */
    estimate: BatchEstimate | null;
    /** Names the file-name template could not tell apart, and what they became. */
    renamed?: string[];
  } | null;
}

export const initialBatchState = (): BatchState => ({
  csvName: null,
  csvText: null,
  table: null,
  tableProblems: [],
  fileCount: 0,
  prepared: [],
  preparing: false,
  estimate: null,
  results: [],
  running: false,
  run: null,
});

export const useBatchStore = create<BatchState>()(initialBatchState);

let files = new ImageFiles();
export const batchFiles = (): ImageFiles => files;

export const ZERO_TOTALS: RunTotals = { calls: 0, cachedNodes: 0, costUsd: 0 };

/** Takes a CSV (picked or pasted); unknown columns are refused with the names that exist. */
export function loadBatchCsv(text: string, name: string): void {
  useBatchStore.setState({ csvText: text, csvName: name, results: [], run: null });
  void prepareBatch();
}

export function setBatchFiles(picked: readonly File[]): void {
  files = new ImageFiles(picked);
  useBatchStore.setState({ fileCount: files.size });
  void prepareBatch();
}

let generation = 0;

/**
 * Re-reads the CSV against the current document: each row's values applied to a copy, then the
 * batch estimate (row-independent nodes counted once). Makes no model call.
 */
export async function prepareBatch(): Promise<void> {
  const mine = ++generation;
  const state = useBatchStore.getState();
  if (state.running) return;
  if (state.csvText === null) return;
  const doc = useDocumentStore.getState().doc;
  const inputs = exposedInputs(doc);
  const read = readBatchCsv(state.csvText, inputs);
  if (!read.ok) {
    useBatchStore.setState({ table: null, tableProblems: read.problems, prepared: [], estimate: null });
    return;
  }
  useBatchStore.setState({ table: read.table, tableProblems: [], preparing: true });
  const prepared: PreparedRow[] = [];
  for (const cells of read.table.rows) {
    const { values, problems } = await rowValues(read.table, cells, inputs, files);
    const applied = problems.length === 0 ? withInputs(doc, values) : null;
    if (applied?.ok) prepared.push({ workflow: applied.workflow, problems });
    else prepared.push({ workflow: null, problems: applied ? applied.messages : problems });
  }
  if (mine !== generation) return;
  let estimate: BatchEstimate | null = null;
  if (prepared.every((row) => row.workflow)) {
    const provider = estimateProvider();
    const plans = await Promise.all(
      prepared.map((row, index) => estimateRun(row.workflow as Workflow, provider, index + 1)),
    ).catch(() => null);
    if (plans) estimate = batchEstimate(plans, rowDependentNodes(doc, read.table.columns));
  }
  if (mine !== generation) return;
  useBatchStore.setState({ prepared, preparing: false, estimate });
}

export function clearBatch(): void {
  generation++;
  files = new ImageFiles();
  useBatchStore.setState(initialBatchState());
}
