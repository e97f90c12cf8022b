import { useEffect, useState } from 'react';
import type { WorkflowSummary } from '../../../persistence';
import { LibraryComponents } from '../../components/LibraryComponents';
import { usePersistenceStore } from '../../persistence/state';
import { useViewStore, view } from '../../store/view-store';
import { openInTab } from '../../tabs/tabs';
import { TemplateMenu } from '../TemplateMenu';
import { deleteWorkflow, duplicateWorkflow, listWorkflows, renameWorkflow } from './library-actions';

const formatTime = (ms: number) => new Date(ms).toLocaleString();

function Row({ item, current }: { item: WorkflowSummary; current: boolean }) {
  const [editing, setEditing] = useState<string | null>(null);
  const report = (message: string | null) => {
    if (message) view.toast(message);
  };
  return (
    <li className={`library-row${current ? ' current' : ''}`} data-testid={`library-row-${item.id}`}>
      {editing === null ? (
        <span className="library-name" data-testid="library-name">
          {item.name}
        </span>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void renameWorkflow(item.id, editing).then(report);
            setEditing(null);
          }}
        >
          <input
            aria-label="New name"
            data-testid="library-rename-input"
            value={editing}
            maxLength={200}
            onChange={(event) => setEditing(event.target.value)}
          />
          <button type="submit" data-testid="library-rename-save">
            Save
          </button>
        </form>
      )}
      <small className="library-meta">
        {current ? 'open · ' : ''}
        {item.nodeCount} nodes · saved {formatTime(item.updatedAt)}
      </small>
      <div className="library-actions">
        <button
          type="button"
          data-testid="library-open"
          disabled={current}
          onClick={() => void openInTab(item.id).then(report)}
        >
          Open
        </button>
        <button type="button" data-testid="library-rename" onClick={() => setEditing(item.name)}>
          Rename
        </button>
        <button
          type="button"
          data-testid="library-duplicate"
          onClick={() => void duplicateWorkflow(item.id).then(report)}
        >
          Duplicate
        </button>
        <button
          type="button"
          data-testid="library-delete"
          onClick={() => void deleteWorkflow(item).then(report)}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

/** Saved workflows, newest first: open, rename, duplicate, delete (with undo), new from template. */
export function LibraryPanel() {
  const open = useViewStore((state) => state.panel === 'library');
  const tick = usePersistenceStore((state) => state.revisionTick);
  const currentId = usePersistenceStore((state) => state.workflowId);
  const mode = usePersistenceStore((state) => state.mode);
  const [items, setItems] = useState<WorkflowSummary[] | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    // tick and currentId: refresh after saves, renames and opens.
    void [tick, currentId];
    void listWorkflows().then((list) => {
      if (live) setItems(list);
    });
    return () => {
      live = false;
    };
  }, [open, tick, currentId]);
  if (!open) return null;
  return (
    <section className="side-panel library" data-testid="library-panel" aria-label="Library">
      <header>
        <h2>Library</h2>
        <button type="button" aria-label="Close library" onClick={() => view.openPanel(null)}>
          ×
        </button>
      </header>
      <TemplateMenu />
      {mode === 'memory' && <p>Storage is unavailable: nothing can be saved in this browser.</p>}
      {items === null ? (
        <p>Loading…</p>
      ) : items.length === 0 ? (
        <p>No saved workflows yet.</p>
      ) : (
        <ul className="library-list">
          {items.map((item) => (
            <Row key={item.id} item={item} current={item.id === currentId} />
          ))}
        </ul>
      )}
      <LibraryComponents />
    </section>
  );
}
