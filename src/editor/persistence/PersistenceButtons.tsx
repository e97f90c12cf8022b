import { useViewStore, view } from '../store/view-store';
import { SaveStatus } from './SaveStatus';
import './persistence.css';

/** Toolbar part: save status and the Library / History panels (Storage is in the More menu). */
export function PersistenceButtons() {
  const panel = useViewStore((state) => state.panel);
  const button = (id: 'library' | 'history' | 'storage', label: string) => (
    <button
      type="button"
      data-testid={`${id}-button`}
      aria-pressed={panel === id}
      onClick={() => view.togglePanel(id)}
    >
      {label}
    </button>
  );
  return (
    <div className="toolbar-group persistence-buttons">
      <SaveStatus />
      {button('library', 'Library')}
      {button('history', 'History')}
    </div>
  );
}
