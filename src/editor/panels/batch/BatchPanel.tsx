import './batch.css';
import { useEffect, useMemo, useState } from 'react';
import { exposedInputs } from '../../../engine/inputs';
import { decodeSpreadsheet } from '../../../engine/spreadsheet/decode';
import { readFileBytes } from '../../io/read-file';
import { useDocumentStore } from '../../store/document-store';
import { useViewStore, view } from '../../store/view-store';
import { estimateText } from '../run-form/RunFormPanel';
import { BatchGrid } from './BatchGrid';
import { BatchPreview } from './BatchPreview';
import { MAX_CSV_BYTES } from './batch-rows';
import { cancelBatch, downloadBatchZip, runBatchRows } from './batch-runner';
import { loadBatchCsv, prepareBatch, setBatchFiles, useBatchStore } from './batch-store';

const setFolderAttribute = (element: HTMLInputElement | null) => element?.setAttribute('webkitdirectory', '');

/** Many runs from a CSV: columns are exposed input names; image columns name picked files. */
export function BatchPanel() {
  const open = useViewStore((state) => state.panel === 'batch');
  const doc = useDocumentStore((state) => state.doc);
  const batch = useBatchStore();
  const [pasted, setPasted] = useState('');
  const [zipProblems, setZipProblems] = useState<string[]>([]);
  const [encodingNote, setEncodingNote] = useState('');
  const inputs = useMemo(() => exposedInputs(doc), [doc]);
  // The rows are re-read against the document whenever it changes (inputs renamed, params edited).
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-prepare on a new document only.
  useEffect(() => {
    if (open) void prepareBatch();
  }, [open, doc]);
  if (!open) return null;
  const blocked =
    batch.table === null || batch.preparing || batch.prepared.some((row) => row.workflow === null);
  const hasImages = batch.results.some((row) => row.images.length > 0);
  const pickCsv = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) {
      useBatchStore.setState({ tableProblems: ['the CSV is larger than 5 MB'], table: null });
      return;
    }
    // Spreadsheet exports as people have them: UTF-8, UTF-16 with a BOM, or Windows-1252.
    const decoded = decodeSpreadsheet(await readFileBytes(file));
    if (!decoded.ok) {
      useBatchStore.setState({ tableProblems: [`${file.name}: ${decoded.message}`], table: null });
      return;
    }
    setEncodingNote(decoded.note ? `${file.name}: ${decoded.note}` : '');
    loadBatchCsv(decoded.text, file.name);
  };
  return (
    <section className="side-panel batch" data-testid="batch-panel" aria-label="Batch">
      <header>
        <h2>Batch</h2>
        <button type="button" aria-label="Close batch" onClick={() => view.openPanel(null)}>
          ×
        </button>
      </header>
      <p className="panel-hint">
        A CSV (comma, semicolon or tab separated) whose first line names inputs (
        {inputs.map((input) => input.name).join(', ') || 'none exposed yet'}
        ). Reference-set columns list image file names (comma-separated), found among the files you pick. An
        empty cell keeps the workflow's value.
      </p>
      <label className="field">
        <span>CSV file{batch.csvName ? `: ${batch.csvName}` : ''}</span>
        <input
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
          data-testid="batch-csv-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            void pickCsv(file);
          }}
        />
      </label>
      <details>
        <summary>…or paste CSV, or cells copied from a spreadsheet</summary>
        <textarea
          rows={4}
          data-testid="batch-csv-text"
          value={pasted}
          onChange={(event) => setPasted(event.target.value)}
        />
        <button
          type="button"
          data-testid="batch-csv-paste"
          onClick={() => {
            setEncodingNote('');
            loadBatchCsv(pasted, 'pasted CSV');
          }}
        >
          Use this CSV
        </button>
      </details>
      <label className="field">
        <span>Image files ({batch.fileCount} picked)</span>
        <input
          type="file"
          multiple
          accept="image/png,image/jpeg,image/webp"
          data-testid="batch-files-input"
          onChange={(event) => setBatchFiles([...(event.target.files ?? [])])}
        />
      </label>
      <label className="field">
        <span>…or a folder of images</span>
        <input
          type="file"
          multiple
          ref={setFolderAttribute}
          data-testid="batch-folder-input"
          onChange={(event) => setBatchFiles([...(event.target.files ?? [])])}
        />
      </label>
      {encodingNote && (
        <p className="node-notice" data-testid="batch-encoding-note">
          {encodingNote}
        </p>
      )}
      {batch.tableProblems.map((problem) => (
        <p key={problem} className="node-problem" role="alert" data-testid="batch-problem">
          {problem}
        </p>
      ))}
      <BatchPreview />
      {batch.table && (
        <p data-testid="batch-estimate">
          {batch.preparing
            ? 'Estimating…'
            : batch.estimate
              ? `${batch.table.rows.length} rows · estimate ${estimateText(batch.estimate)}`
              : 'Fix the rows above to see the estimate.'}
        </p>
      )}
      <div className="panel-actions">
        {batch.running ? (
          <button type="button" className="danger" data-testid="batch-cancel" onClick={cancelBatch}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            data-testid="batch-run"
            disabled={blocked}
            onClick={() => void runBatchRows()}
          >
            ▶ Run all
          </button>
        )}
        <button
          type="button"
          data-testid="batch-zip"
          disabled={batch.running || !hasImages}
          onClick={() => setZipProblems(downloadBatchZip())}
        >
          Download zip
        </button>
      </div>
      {zipProblems.map((problem) => (
        <p key={problem} className="node-notice">
          {problem}
        </p>
      ))}
      <BatchGrid />
    </section>
  );
}
