import { SHORTCUTS } from '../canvas/shortcut-table';
import { useViewStore, view } from '../store/view-store';
import { PortLegend } from './Palette';

/** A short guide to the ideas a newcomer needs, then every shortcut. */
export function HelpPanel() {
  const open = useViewStore((state) => state.panel === 'help');
  if (!open) return null;
  return (
    <section className="side-panel help" data-testid="help-panel" aria-label="Help">
      <header>
        <h2>Help</h2>
        <button type="button" aria-label="Close help" onClick={() => view.openPanel(null)}>
          ×
        </button>
      </header>
      <div className="help-guide" data-testid="help-guide">
        <h3>Wiring</h3>
        <p>
          Drag from an output (right edge of a node) to an input (left edge). Colours say what flows; while
          you drag, inputs that can take the link light up and the others fade.
        </p>
        <PortLegend />
        <h3>image or images?</h3>
        <p>
          <code>image</code> is one picture; <code>images</code> is a list. A Generate node gives both: its
          first result as <code>image</code> (to edit it) and every variation as <code>images</code> (to
          export them all). A list input takes one image too.
        </p>
        <h3>Input names</h3>
        <p>
          Give a Prompt or Reference set an input name (“Expose as”) and it becomes a field in the{' '}
          <strong>Form</strong> panel and a column in <strong>Batch</strong> CSV files and the{' '}
          <code>peel</code> CLI (<code>--input name=value</code>).
        </p>
        <h3>Caching</h3>
        <p>
          Every model result is kept by what went in (node settings and input content). Running again costs
          nothing unless something changed; nodes that will run again say “will re-run”. Re-roll asks for a
          fresh result once.
        </p>
        <h3>Cost</h3>
        <p>
          The toolbar shows what the next run will cost before you press Run, and what it cost after. A budget
          cap (Settings) stops a run before it would pass it. The preview provider is free and offline.
        </p>
        <h3>Opening and sharing</h3>
        <p>
          Import a workflow file or an exported image (it carries its workflow) by file, drop or paste. A link
          ending in <code>?open=</code> and the address of a file on this site (for example{' '}
          <code>?open=/workflows/scenes.json</code>) opens that file as a new workflow. Opening never runs
          anything, and files never hold your keys.
        </p>
      </div>
      <h3>Keyboard shortcuts</h3>
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
    </section>
  );
}
