import { strToU8, type Zippable, zipSync } from 'fflate';
import { roundUsd } from '../../../engine/cost';
import { createSharedResources } from '../../../engine/executor';
import { RunRecorder } from '../../../engine/run-record';
import type { Workflow } from '../../../engine/workflow';
import { imageBytesForDownload, saveBytes } from '../../io/download';
import { safeFileName } from '../../io/export-workflow';
import { useSettingsStore } from '../../settings/settings-store';
import { useDocumentStore } from '../../store/document-store';
import { chooseProvider, runDetached } from '../run-form/run-with-inputs';
import { prepareBatch, type RowResult, useBatchStore, ZERO_TOTALS } from './batch-store';

let controller: AbortController | null = null;

function setRow(index: number, patch: Partial<RowResult>): void {
  useBatchStore.setState((state) => {
    const results = [...state.results];
    results[index] = {
      ...(results[index] ?? { status: 'pending', images: [], totals: ZERO_TOTALS }),
      ...patch,
    };
    return { results };
  });
}

const inputsOf = (index: number): Record<string, string> => {
  const table = useBatchStore.getState().table;
  const cells = table?.rows[index] ?? [];
  return Object.fromEntries(table?.columns.map((column, i) => [column, cells[i] ?? '']) ?? []);
};

/**
 * Runs every row: one call queue, one budget and one in-flight table for the whole batch.
 * A row whose nodes are in the cache (finished before a cancel or a reload) makes no call.
 */
export async function runBatchRows(): Promise<void> {
  const state = useBatchStore.getState();
  if (state.running || state.preparing || state.prepared.length === 0) return;
  if (state.prepared.some((row) => !row.workflow)) return;
  const provider = await chooseProvider();
  if (!provider.ok) {
    useBatchStore.setState({ tableProblems: [`Cannot run: ${provider.message}`] });
    return;
  }
  const settings = useSettingsStore.getState();
  const shared = createSharedResources({
    concurrency: settings.concurrency,
    ...(settings.budgetUsd !== null ? { maxCostUsd: settings.budgetUsd } : {}),
  });
  controller = new AbortController();
  const signal = controller.signal;
  const rows = state.prepared.map((row) => row.workflow as Workflow);
  useBatchStore.setState({
    running: true,
    results: rows.map(() => ({ status: 'pending', images: [], totals: ZERO_TOTALS })),
    run: { startedAt: new Date().toISOString(), provider: provider.provider.id },
  });
  const runRow = async (index: number) => {
    const workflow = rows[index] as Workflow;
    const recorder = new RunRecorder(workflow);
    const exportNames = new Map<string, string>();
    setRow(index, { status: 'running' });
    const { result, images } = await runDetached(workflow, provider.provider, {
      signal,
      shared,
      row: index + 1,
      onEvent: (event) => {
        recorder.onEvent(event);
        if (event.type === 'node-finish')
          for (const file of event.exports ?? []) exportNames.set(file.image.hash, file.baseName);
      },
    });
    const failed = [...result.nodes.entries()].find(([, node]) => node.status === 'failed');
    const error =
      result.error?.message ?? (failed ? `${failed[0]}: ${failed[1].error?.message ?? 'failed'}` : undefined);
    setRow(index, {
      status: result.status,
      images,
      fileNames: images.map((hash) => exportNames.get(hash) ?? ''),
      totals: result.totals,
      ...(error ? { error } : {}),
      record: {
        row: index + 1,
        inputs: inputsOf(index),
        status: result.status,
        nodes: recorder.records(),
        totals: result.totals,
        ...(result.error ? { error: { code: result.error.code, message: result.error.message } } : {}),
      },
    });
  };
  // Rows share the call queue; a window of rows keeps memory flat for long batches.
  const window = Math.max(4, settings.concurrency * 2);
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.min(window, rows.length) }, async () => {
        while (next < rows.length && !signal.aborted) await runRow(next++);
      }),
    );
  } finally {
    for (const [index, row] of useBatchStore.getState().results.entries())
      if (row.status === 'pending') setRow(index, { status: 'cancelled' });
    const results = useBatchStore.getState().results;
    const status = signal.aborted
      ? 'cancelled'
      : results.some((row) => row.status !== 'ok')
        ? 'failed'
        : 'ok';
    useBatchStore.setState((current) => ({
      running: false,
      run: current.run ? { ...current.run, finishedAt: new Date().toISOString(), status } : null,
    }));
    controller = null;
    // The cache now holds the finished rows: the next estimate shows them as cached.
    void prepareBatch();
  }
}

export function cancelBatch(): void {
  controller?.abort(new DOMException('cancelled by the user', 'AbortError'));
}

export function batchTotals(results: readonly RowResult[]) {
  return results.reduce(
    (sum, row) => ({
      calls: sum.calls + row.totals.calls,
      cachedNodes: sum.cachedNodes + row.totals.cachedNodes,
      costUsd: roundUsd(sum.costUsd + row.totals.costUsd),
    }),
    { ...ZERO_TOTALS },
  );
}

/** Every row's images (each carrying its row's workflow) and a run.json like the CLI's. */
export function buildBatchZip(): { bytes: Uint8Array; fileName: string; problems: string[] } {
  const state = useBatchStore.getState();
  const doc = useDocumentStore.getState().doc;
  const entries: Zippable = {};
  const problems: string[] = [];
  state.results.forEach((row, index) => {
    const workflow = state.prepared[index]?.workflow ?? doc;
    const folder = `row-${String(index + 1).padStart(3, '0')}`;
    const used = new Set<string>();
    row.images.forEach((hash, n) => {
      const file = imageBytesForDownload(hash, workflow, true);
      if (!file) {
        problems.push(`row ${index + 1}: an image is no longer in memory`);
        return;
      }
      if (file.problem) problems.push(`row ${index + 1}: ${file.problem}`);
      const ext = file.mimeType === 'image/jpeg' ? 'jpg' : file.mimeType === 'image/webp' ? 'webp' : 'png';
      // The Export node's name for the file ({node} = the node that made it), as the CLI writes it.
      const base = row.fileNames?.[n] || `${safeFileName(doc.name, 'peel')}-${n + 1}`;
      let name = `${base}.${ext}`;
      for (let suffix = 2; used.has(name); suffix++) name = `${base}-${suffix}.${ext}`;
      used.add(name);
      entries[`${folder}/${name}`] = [file.bytes, { level: 0 }];
    });
  });
  const runJson = {
    workflow: doc.name,
    provider: state.run?.provider ?? null,
    batch: state.csvName,
    status: state.run?.status ?? null,
    startedAt: state.run?.startedAt ?? null,
    finishedAt: state.run?.finishedAt ?? null,
    estimate: state.estimate,
    rows: state.results.map((row) => row.record).filter(Boolean),
    totals: batchTotals(state.results),
  };
  entries['run.json'] = strToU8(`${JSON.stringify(runJson, null, 2)}\n`);
  return { bytes: zipSync(entries), fileName: `${safeFileName(doc.name, 'peel')}-batch.zip`, problems };
}

export function downloadBatchZip(): string[] {
  const zip = buildBatchZip();
  saveBytes(zip.bytes, zip.fileName, 'application/zip');
  return zip.problems;
}
