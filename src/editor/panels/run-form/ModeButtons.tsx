import { useViewStore, view } from '../../store/view-store';

/** Toolbar: the workflow as a form (exposed inputs) and as a batch over CSV rows. */
export function ModeButtons() {
  const panel = useViewStore((state) => state.panel);
  return (
    <div className="toolbar-group">
      <button
        type="button"
        data-testid="run-form-button"
        aria-pressed={panel === 'run-form'}
        onClick={() => view.togglePanel('run-form')}
        title="Run with the exposed inputs as a form; the graph is not changed"
      >
        Form
      </button>
      <button
        type="button"
        data-testid="batch-button"
        aria-pressed={panel === 'batch'}
        onClick={() => view.togglePanel('batch')}
        title="Run once per row of a CSV"
      >
        Batch
      </button>
    </div>
  );
}
