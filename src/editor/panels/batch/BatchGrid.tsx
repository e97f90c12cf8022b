import { useDocumentStore } from '../../store/document-store';
import { count, usdColumn } from '../../text/count';
import { ResultImages } from '../run-form/ResultImages';
import { batchTotals } from './batch-runner';
import { useBatchStore } from './batch-store';

const STATUS_TEXT = {
  pending: 'waiting',
  running: 'running…',
  ok: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;

/** Results: one line per row with its status, cost and output thumbnails. */
export function BatchGrid() {
  const results = useBatchStore((state) => state.results);
  const prepared = useBatchStore((state) => state.prepared);
  const doc = useDocumentStore((state) => state.doc);
  if (results.length === 0) return null;
  const totals = batchTotals(results);
  const costs = usdColumn(
    results.map((row) => row.totals.costUsd),
    totals.costUsd,
  );
  const done = results.filter((row) => row.status === 'ok').length;
  return (
    <div className="batch-results">
      <p data-testid="batch-totals">
        {done} of {results.length} rows done · {count(totals.calls, 'call')}, {totals.cachedNodes} cached ·
        cost {costs.total}
      </p>
      <table className="batch-grid" data-testid="batch-grid">
        <thead>
          <tr>
            <th>Row</th>
            <th>Status</th>
            <th>Cost</th>
            <th>Images</th>
          </tr>
        </thead>
        <tbody>
          {results.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are numbered by position in the CSV.
            <tr key={index} data-testid={`batch-row-${index + 1}`} data-status={row.status}>
              <td>{index + 1}</td>
              <td data-testid={`batch-row-status-${index + 1}`} title={row.error}>
                {STATUS_TEXT[row.status]}
                {row.status === 'ok' && row.totals.calls === 0 && row.totals.cachedNodes > 0
                  ? ' (cached)'
                  : ''}
                {row.error ? <small className="batch-row-error">{row.error}</small> : null}
              </td>
              <td data-testid={`batch-row-cost-${index + 1}`}>{costs.rows[index]}</td>
              <td>
                <ResultImages
                  hashes={row.images}
                  workflow={prepared[index]?.workflow ?? doc}
                  label={`row${index + 1}`}
                  testId={`batch-row-images-${index + 1}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
