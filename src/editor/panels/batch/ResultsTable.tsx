import type { Workflow } from '../../../engine/workflow';
import { ResultImages } from '../run-form/ResultImages';
import type { RowResult } from './batch-store';
import { RowElementStrips } from './RowElementStrips';
import { useVirtualLines } from './use-virtual-rows';

const STATUS_TEXT = {
  pending: 'waiting',
  running: 'running…',
  ok: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;

/** The row's images that no element strip shows already. */
function looseImages(row: RowResult): string[] {
  if (!row.elements) return row.images;
  const inStrips = new Set(
    row.elements.flatMap((group) => group.entries.flatMap((entry) => entry?.images ?? [])),
  );
  return row.images.filter((hash) => !inStrips.has(hash));
}

/** Height of one line of a long (virtualised) table, as batch.css sets it. */
export const TABLE_LINE_PX = 80;

/** One line per shown row: status, cost and output thumbnails; only the lines in view are in the DOM. */
export function ResultsTable({
  results,
  shown,
  costs,
  workflowFor,
}: {
  results: readonly RowResult[];
  /** Row indices to list (filtered), in order. */
  shown: readonly number[];
  costs: readonly string[];
  workflowFor: (index: number) => Workflow;
}) {
  const { scrollRef, lines, before, after, virtual } = useVirtualLines(shown.length, TABLE_LINE_PX);
  return (
    <div
      ref={scrollRef}
      className={`batch-grid-scroll${virtual ? ' virtual' : ''}`}
      data-testid="batch-grid-scroll"
      // A long table scrolls by itself, so its keyboard users can reach it too.
      {...(virtual ? { tabIndex: 0, role: 'region', 'aria-label': 'Batch results' } : {})}
    >
      <table className="batch-grid" data-testid="batch-grid" aria-rowcount={shown.length + 1}>
        <thead>
          <tr>
            <th>Row</th>
            <th>Status</th>
            <th>Cost</th>
            <th>Images</th>
          </tr>
        </thead>
        <tbody>
          {before > 0 && (
            <tr className="batch-grid-spacer" style={{ height: before }}>
              <td colSpan={4} />
            </tr>
          )}
          {lines.map((line) => {
            const index = shown[line] as number;
            const row = results[index] as RowResult;
            return (
              <tr
                key={index}
                data-testid={`batch-row-${index + 1}`}
                data-status={row.status}
                aria-rowindex={line + 2}
                className="batch-grid-row"
              >
                <td>{index + 1}</td>
                <td data-testid={`batch-row-status-${index + 1}`} title={row.error}>
                  {STATUS_TEXT[row.status]}
                  {row.status === 'ok' && row.totals.calls === 0 && row.totals.cachedNodes > 0
                    ? ' (cached)'
                    : ''}
                  {row.error ? <small className="batch-row-error">{row.error}</small> : null}
                </td>
                <td data-testid={`batch-row-cost-${index + 1}`}>{costs[index]}</td>
                <td>
                  {row.elements ? <RowElementStrips row={index + 1} groups={row.elements} /> : null}
                  <ResultImages
                    hashes={looseImages(row)}
                    workflow={workflowFor(index)}
                    label={`row${index + 1}`}
                    testId={`batch-row-images-${index + 1}`}
                  />
                </td>
              </tr>
            );
          })}
          {after > 0 && (
            <tr className="batch-grid-spacer" style={{ height: after }}>
              <td colSpan={4} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
