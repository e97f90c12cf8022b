/** Which result rows a view shows: by status and by text in the row's inputs (as OUT/index.html filters). */
import type { BatchTable } from './batch-rows';
import type { RowResult } from './batch-store';

export type StatusFilter = 'all' | 'ok' | 'failed';

/** A row's inputs as one lower-case line, for search. */
export function rowSearchText(table: BatchTable | null, index: number): string {
  const cells = table?.rows[index] ?? [];
  return cells.join(' ').toLowerCase();
}

/** Indices of the rows that pass the filter, in order. */
export function filterRows(
  results: readonly RowResult[],
  table: BatchTable | null,
  status: StatusFilter,
  search: string,
): number[] {
  const needle = search.trim().toLowerCase();
  const shown: number[] = [];
  for (const [index, row] of results.entries()) {
    if (status === 'ok' && row.status !== 'ok') continue;
    if (status === 'failed' && row.status !== 'failed' && row.status !== 'cancelled') continue;
    if (needle !== '' && !rowSearchText(table, index).includes(needle)) continue;
    shown.push(index);
  }
  return shown;
}

/** Input cells as `name: value` pairs (empty cells keep the workflow's value and are left out). */
export function rowInputs(table: BatchTable | null, index: number): Array<[string, string]> {
  if (!table) return [];
  const cells = table.rows[index] ?? [];
  return table.columns.flatMap((column, at): Array<[string, string]> => {
    const value = cells[at] ?? '';
    return value === '' ? [] : [[column, value]];
  });
}
