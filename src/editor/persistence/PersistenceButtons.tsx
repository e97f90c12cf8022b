import { useViewStore, view } from '../store/view-store';
import { Icon } from '../ui/icons';
import { Tip } from '../ui/Tip';
import { SaveStatus } from './SaveStatus';
import './persistence.css';

/** Toolbar part: save status and the Library / History panels (Storage is in the More menu). */
export function PersistenceButtons() {
  const panel = useViewStore((state) => state.panel);
  const button = (id: 'library' | 'history', label: string, icon: 'book' | 'clock') => (
    <Tip label={label}>
      <button
        type="button"
        className="icon-button"
        data-testid={`${id}-button`}
        aria-pressed={panel === id}
        onClick={() => view.togglePanel(id)}
      >
        <Icon name={icon} />
        <span className="wide-only">{label}</span>
      </button>
    </Tip>
  );
  return (
    <div className="toolbar-group persistence-buttons">
      <SaveStatus />
      {button('library', 'Library', 'book')}
      {button('history', 'History', 'clock')}
    </div>
  );
}
