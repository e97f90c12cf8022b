import { useBatchStore } from './batch-store';

const PREVIEW_ROWS = 100;
const clip = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}…` : text);

/** The CSV as read: columns and cells as plain text, with each row's problems. */
export function BatchPreview() {
  const table = useBatchStore((state) => state.table);
  const prepared = useBatchStore((state) => state.prepared);
  if (!table) return null;
  const shown = table.rows.slice(0, PREVIEW_ROWS);
  return (
    <div className="batch-preview-wrap">
      <table className="batch-preview" data-testid="batch-preview">
        <thead>
          <tr>
            <th>#</th>
            {table.columns.map((column) => (
              <th key={column}>{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((cells, index) => {
            const problems = prepared[index]?.problems ?? [];
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are numbered by position in the CSV.
              <tr key={index} className={problems.length > 0 ? 'has-problem' : undefined}>
                <td>{index + 1}</td>
                {table.columns.map((column, cell) => (
                  <td key={column}>{clip(cells[cell] ?? '')}</td>
                ))}
                {problems.length > 0 && (
                  <td className="node-problem" data-testid="batch-row-problem">
                    {problems.join('; ')}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {table.rows.length > shown.length && (
        <p className="panel-hint">…and {table.rows.length - shown.length} more rows</p>
      )}
    </div>
  );
}
