import { SHORTCUTS } from '../canvas/shortcut-table';
import { useViewStore, view } from '../store/view-store';

export function HelpPanel() {
  const open = useViewStore((state) => state.panel === 'help');
  if (!open) return null;
  return (
    <section className="side-panel help" data-testid="help-panel" aria-label="Keyboard shortcuts">
      <header>
        <h2>Keyboard shortcuts</h2>
        <button type="button" aria-label="Close help" onClick={() => view.openPanel(null)}>
          ×
        </button>
      </header>
      <table>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <th scope="row">
                <kbd>{shortcut.keys}</kbd>
              </th>
              <td>{shortcut.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="field-hint">
        Wire a Prompt into a Generate node, press Run. Outputs are cached: running again costs nothing unless
        something changed. Re-roll asks for a fresh image.
      </p>
    </section>
  );
}
