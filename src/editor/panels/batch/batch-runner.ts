import { strToU8, type Zippable, zipSync } from 'fflate';
import { roundUsd } from '../../../engine/cost';
import { createSharedResources } from '../../../engine/executor';
import { exportFileName, imageExtension } from '../../../engine/file-extension';
import { RunRecorder } from '../../../engine/run-record';
import type { Workflow } from '../../../engine/workflow';
import { saveBytes } from '../../io/download';
import { safeFileName } from '../../io/export-workflow';
import { imageBytesForDownload } from '../../io/image-download-bytes';
import { useSettingsStore } from '../../settings/settings-store';
import { useDocumentStore } from '../../store/document-store';
import { chooseProvider, runDetached } from '../run-form/run-with-inputs';
import { prepareBatch, type RowFile, type RowResult, useBatchStore, ZERO_TOTALS } from './batch-store';
import { RowElementsCollector } from './row-elements';
import { UniqueNames } from './unique-names';

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
    run: { startedAt: new Date().toISOString(), provider: provider.provider.id, estimate: state.estimate },
  });
  const names = new UniqueNames();
  const runRow = async (index: number) => {
    const workflow = rows[index] as Workflow;
    const recorder = new RunRecorder(workflow);
    const elements = new RowElementsCollector(workflow);
    const files: RowFile[] = [];
    setRow(index, { status: 'running' });
    const { result, images } = await runDetached(workflow, provider.provider, {
      signal,
      source: 'batch',
      shared,
      row: index + 1,
      onEvent: (event) => {
        recorder.onEvent(event);
        elements.onEvent(event);
        if (event.type !== 'node-finish' || !event.exports) return;
        // The export node's template names the files, as `peel run --batch` does on disk.
        const embedWorkflow =
          workflow.nodes.find((node) => node.id === event.nodeId)?.params.embedWorkflow !== false;
        const made = event.exports.map((file) => ({
          nodeId: event.nodeId,
          fileName: names.claim(exportFileName(file.baseName, file.image.mimeType)),
          hash: file.image.hash,
          embedWorkflow,
        }));
        files.push(...made);
        recorder.addFiles(
          event.nodeId,
          made.map((file) => file.fileName),
        );
      },
    });
    const failed = [...result.nodes.entries()].find(([, node]) => node.status === 'failed');
    const error =
      result.error?.message ?? (failed ? `${failed[0]}: ${failed[1].error?.message ?? 'failed'}` : undefined);
    const rowElements = elements.groups(images);
    setRow(index, {
      status: result.status,
      images,
      ...(rowElements.length > 0 ? { elements: rowElements } : {}),
      files,
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
      run: current.run
        ? {
            ...current.run,
            finishedAt: new Date().toISOString(),
            status,
            renamed: names.renamed.map(
              ({ wanted, given }) =>
                `${wanted} was taken: saved as ${given} (add {row} or {n} to the file-name template to tell files apart)`,
            ),
          }
        : null,
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
    for (const file of row.files ?? []) {
      const made = imageBytesForDownload(file.hash, workflow, file.embedWorkflow);
      if (!made) {
        problems.push(`row ${index + 1}: ${file.fileName} is no longer in memory`);
        continue;
      }
      if (made.problem) problems.push(`row ${index + 1}: ${made.problem}`);
      entries[file.fileName] = [made.bytes, { level: 0 }];
    }
    if ((row.files ?? []).length > 0) return;
    // A graph without an export node: its end images, one folder per row.
    const folder = `row-${String(index + 1).padStart(3, '0')}`;
    row.images.forEach((hash, n) => {
      const file = imageBytesForDownload(hash, workflow, true);
      if (!file) {
        problems.push(`row ${index + 1}: an image is no longer in memory`);
        return;
      }
      if (file.problem) problems.push(`row ${index + 1}: ${file.problem}`);
      entries[`${folder}/${safeFileName(doc.name, 'peel')}-${n + 1}.${imageExtension(file.mimeType)}`] = [
        file.bytes,
        { level: 0 },
      ];
    });
  });
  const runJson = {
    workflow: doc.name,
    provider: state.run?.provider ?? null,
    batch: state.csvName,
    status: state.run?.status ?? null,
    startedAt: state.run?.startedAt ?? null,
    finishedAt: state.run?.finishedAt ?? null,
    estimate: state.run?.estimate ?? null,
    rows: state.results.map((row) => row.record).filter(Boolean),
    totals: batchTotals(state.results),
  };
  problems.push(...(state.run?.renamed ?? []));
  entries['run.json'] = strToU8(`${JSON.stringify(runJson, null, 2)}\n`);
  return { bytes: zipSync(entries), fileName: `${safeFileName(doc.name, 'peel')}-batch.zip`, problems };
}

export function downloadBatchZip(): string[] {
  const zip = buildBatchZip();
  saveBytes(zip.bytes, zip.fileName, 'application/zip');
  return zip.problems;
}
