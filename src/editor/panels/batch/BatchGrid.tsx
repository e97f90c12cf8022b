import { useEffect, useMemo, useRef, useState } from 'react';
import { useDocumentStore } from '../../store/document-store';
import { count, usdColumn } from '../../text/count';
import { filterRows, type StatusFilter } from './batch-filter';
import { batchTotals } from './batch-runner';
import { useBatchStore } from './batch-store';
import { ContactSheet } from './ContactSheet';
import { ResultsTable } from './ResultsTable';

/**
 * Results: totals, a filter, and one line per row with its status, cost and output thumbnails
 * (only the lines in view are rendered). When a run finishes, the contact sheet opens over the
 * editor (the same view as the CLI's OUT/index.html); the Contact sheet button opens it again.
 */
export function BatchGrid() {
  const results = useBatchStore((state) => state.results);
  const prepared = useBatchStore((state) => state.prepared);
  const table = useBatchStore((state) => state.table);
  const running = useBatchStore((state) => state.running);
  const cancelled = useBatchStore((state) => state.run?.status === 'cancelled');
  const doc = useDocumentStore((state) => state.doc);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [search, setSearch] = useState('');
  const [sheetOpen, setSheetOpen] = useState(false);
  const wasRunning = useRef(running);
  useEffect(() => {
    // A run that just finished (not one the user cancelled) opens the contact sheet.
    if (wasRunning.current && !running && !cancelled && results.length > 0) setSheetOpen(true);
    wasRunning.current = running;
  }, [running, cancelled, results.length]);
  const totals = useMemo(() => batchTotals(results), [results]);
  const costs = useMemo(
    () =>
      usdColumn(
        results.map((row) => row.totals.costUsd),
        totals.costUsd,
      ),
    [results, totals.costUsd],
  );
  const shown = useMemo(() => filterRows(results, table, status, search), [results, table, status, search]);
  if (results.length === 0) return null;
  const done = results.filter((row) => row.status === 'ok').length;
  return (
    <div className="batch-results">
      <p data-testid="batch-totals">
        {done} of {results.length} rows done · {count(totals.calls, 'call')}, {totals.cachedNodes} cached ·
        cost {costs.total}
      </p>
      <div className="batch-results-controls">
        <select
          aria-label="Show rows"
          data-testid="batch-status-filter"
          value={status}
          onChange={(event) => setStatus(event.target.value as StatusFilter)}
        >
          <option value="all">All rows</option>
          <option value="ok">Succeeded</option>
          <option value="failed">Failed</option>
        </select>
        <input
          type="search"
          aria-label="Search the inputs"
          placeholder="Search the inputs"
          data-testid="batch-search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <button
          type="button"
          data-testid="batch-contact-sheet"
          disabled={running}
          onClick={() => setSheetOpen(true)}
        >
          Contact sheet
        </button>
      </div>
      <ResultsTable
        results={results}
        shown={shown}
        costs={costs.rows}
        workflowFor={(index) => prepared[index]?.workflow ?? doc}
      />
      {sheetOpen && (
        <ContactSheet
          results={results}
          table={table}
          costs={costs.rows}
          status={status}
          search={search}
          onStatus={setStatus}
          onSearch={setSearch}
          onClose={() => setSheetOpen(false)}
        />
      )}
    </div>
  );
}
