import './io.css';
import { closeImportReport, useImportStore } from './import-workflow';

/** Why an import was refused (each problem with its JSON path), or what it warned about. */
export function ImportDialog() {
  const report = useImportStore((state) => state.report);
  if (!report) return null;
  return (
    <div className="import-report" data-testid="import-report" role={report.ok ? 'status' : 'alert'}>
      <header>
        <strong>
          {report.ok
            ? `Imported ${report.source} with warnings`
            : `Could not import ${report.source}; nothing was changed`}
        </strong>
        <button
          type="button"
          aria-label="Close"
          data-testid="import-report-close"
          onClick={closeImportReport}
        >
          ×
        </button>
      </header>
      {report.errors.length > 0 && (
        <ul className="import-errors">
          {report.errors.map((error, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: errors are a fixed list; position is their identity.
            <li key={index} data-testid="import-error">
              {error.path ? <code className="import-path">{error.path}</code> : null}
              <span>{error.message}</span>
            </li>
          ))}
        </ul>
      )}
      {report.warnings.length > 0 && (
        <ul className="import-warnings">
          {report.warnings.map((warning) => (
            <li key={warning} data-testid="import-warning">
              {warning}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
