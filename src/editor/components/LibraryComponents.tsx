import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useFlow } from '../canvas/flow-handle';
import { view } from '../store/view-store';
import {
  applyLibraryUpdate,
  deleteLibraryComponent,
  duplicateLibraryComponent,
  insertLibraryComponent,
  type LibraryComponent,
  type LibraryUpdate,
  loadComponentLibrary,
  planLibraryUpdate,
  renameLibraryComponent,
  restoreLibraryComponent,
  saveComponentToLibrary,
  useComponentLibrary,
} from './component-library';

const report = (message: string | null) => {
  if (message) view.toast(message);
};

function centreOfCanvas(flow: ReturnType<typeof useFlow>): { x: number; y: number } {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  const centre = pane
    ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
    : { x: 0, y: 0 };
  return { x: Math.round(centre.x), y: Math.round(centre.y) };
}

function LibraryComponentRow({ entry }: { entry: LibraryComponent }) {
  const [editing, setEditing] = useState<string | null>(null);
  const flow = useFlow();
  return (
    <li className="library-row" data-testid={`library-component-${entry.id}`}>
      {editing === null ? (
        <span className="library-name">{entry.name}</span>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void renameLibraryComponent(entry.id, editing).then(report);
            setEditing(null);
          }}
        >
          <input
            aria-label="New component name"
            data-testid="library-component-rename-input"
            value={editing}
            maxLength={200}
            onChange={(event) => setEditing(event.target.value)}
          />
          <button type="submit">Save</button>
        </form>
      )}
      <div className="library-actions">
        <button
          type="button"
          data-testid="library-component-insert"
          onClick={() => {
            const id = insertLibraryComponent(entry.id, centreOfCanvas(flow));
            if (id) view.select([id]);
          }}
        >
          Insert
        </button>
        <button type="button" data-testid="library-component-rename" onClick={() => setEditing(entry.name)}>
          Rename
        </button>
        <button
          type="button"
          data-testid="library-component-duplicate"
          onClick={() => void duplicateLibraryComponent(entry.id).then(report)}
        >
          Duplicate
        </button>
        <button
          type="button"
          data-testid="library-component-delete"
          onClick={() => void deleteLibraryComponent(entry.id).then(report)}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

/** "Components" in the library panel: saved components, inserted into the open workflow. */
export function LibraryComponents() {
  const { entries, trashed, loaded } = useComponentLibrary();
  useEffect(() => {
    if (!loaded) void loadComponentLibrary();
  }, [loaded]);
  return (
    <section aria-label="Saved components" data-testid="library-components">
      <h3 className="palette-heading">Components</h3>
      {trashed ? (
        <p className="library-undo" data-testid="library-component-trashed">
          Deleted “{trashed.name}”.{' '}
          <button
            type="button"
            data-testid="library-component-undo"
            onClick={() => void restoreLibraryComponent().then(report)}
          >
            Undo
          </button>
        </p>
      ) : null}
      {entries.length === 0 ? (
        <p className="component-summary">No saved components: use “Save to library” on a component node.</p>
      ) : (
        <ul className="library-list">
          {entries.map((entry) => (
            <LibraryComponentRow key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** On a component node: save it to the library, or update it from there after seeing what changes. */
export function ComponentLibraryButtons({ componentId }: { componentId: string }) {
  const [update, setUpdate] = useState<LibraryUpdate | null>(null);
  const inLibrary = useComponentLibrary((state) => state.entries.length > 0);
  return (
    <>
      <button
        type="button"
        className="nodrag"
        data-testid={`component-save-library-${componentId}`}
        onClick={() =>
          void saveComponentToLibrary(componentId).then((message) =>
            report(message ?? 'Saved to the library'),
          )
        }
      >
        Save to library
      </button>
      {inLibrary ? (
        <button
          type="button"
          className="nodrag"
          data-testid={`component-update-library-${componentId}`}
          onClick={() => {
            const plan = planLibraryUpdate(componentId);
            if (!plan) report('No component of this name in the library');
            else setUpdate(plan);
          }}
        >
          Update from library
        </button>
      ) : null}
      {update
        ? createPortal(
            <div
              className="component-update-dialog"
              role="dialog"
              aria-label="Update from library"
              data-testid="component-update-dialog"
            >
              <h3>Update “{update.entry.name}” from the library</h3>
              {update.lines.length === 0 ? (
                <p>It is already the same as in the library.</p>
              ) : (
                <ul data-testid="component-update-diff">
                  {update.lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )}
              <div className="component-actions">
                <button
                  type="button"
                  data-testid="component-update-apply"
                  disabled={update.lines.length === 0}
                  onClick={() => {
                    applyLibraryUpdate(componentId, update.entry);
                    setUpdate(null);
                  }}
                >
                  Update every instance
                </button>
                <button type="button" data-testid="component-update-cancel" onClick={() => setUpdate(null)}>
                  Cancel
                </button>
              </div>
            </div>,
            document.body,
          )
        : null}
    </>
  );
}
