import type { NodeType } from '../../../nodes/registry';
import { addFrame, addNote } from '../annotations/add-annotation';
import { useFlow } from '../canvas/flow-handle';
import { defaultParams, NODE_DRAG_MIME, searchNodeTypes } from '../canvas/node-catalog';
import { placeNewNode } from '../canvas/place-node';
import { portClass } from '../canvas/rf-adapter';
import { PaletteComponents } from '../components/PaletteComponents';
import { commands, useDocumentStore } from '../store/document-store';
import { useViewStore, view } from '../store/view-store';

/**
 * Adds a node centred in the visible canvas (click or Enter on a palette item); when a node is
 * already there, the nearest free spot (measured sizes), so a second click never stacks nodes.
 */
export function useViewCentre(): () => { x: number; y: number } {
  const flow = useFlow();
  return () => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    return pane
      ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
  };
}

export function useAddAtCentre(): (type: NodeType) => void {
  const viewCentre = useViewCentre();
  return (type) => {
    const centre = viewCentre();
    const params = defaultParams(type);
    const { doc } = useDocumentStore.getState();
    const position = placeNewNode(doc, type, params, centre, useViewStore.getState().measured);
    const id = commands.addNode({ type, position, params });
    view.select([id]);
  };
}

const LEGEND = [
  { type: 'text', label: 'text' },
  { type: 'image', label: 'image' },
  { type: 'image[]', label: 'image list' },
] as const;

export function PortLegend() {
  return (
    <div className="legend" data-testid="port-legend" title="Port colours">
      {LEGEND.map((entry) => (
        <span key={entry.type} className="legend-item">
          <span className={`legend-dot port-${portClass(entry.type)}`} aria-hidden="true" />
          {entry.label}
        </span>
      ))}
    </div>
  );
}

/** The node palette: searchable; drag an item onto the canvas, or click it to add it in view. */
export function Palette() {
  const filter = useViewStore((state) => state.paletteFilter);
  const add = useAddAtCentre();
  const entries = searchNodeTypes(filter);
  return (
    <aside className="palette" aria-label="Nodes">
      <input
        type="search"
        className="palette-search"
        data-testid="palette-search"
        placeholder="Search nodes…"
        aria-label="Search nodes"
        value={filter}
        onChange={(event) => useViewStore.setState({ paletteFilter: event.target.value })}
        onKeyDown={(event) => {
          // Enter adds the top match, as in the search popup.
          const top = entries[0];
          if (event.key === 'Enter' && top) add(top.type);
        }}
      />
      <ul className="palette-list">
        {entries.map((entry) => (
          <li key={entry.type}>
            <button
              type="button"
              className={`palette-item palette-${entry.type}`}
              data-testid={`palette-item-${entry.type}`}
              draggable
              onDragStart={(event) => {
                event.dataTransfer.setData(NODE_DRAG_MIME, entry.type);
                event.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => add(entry.type)}
              title="Drag onto the canvas, or click to add"
            >
              <strong>{entry.title}</strong>
              <small>{entry.description}</small>
            </button>
          </li>
        ))}
        {entries.length === 0 && <li className="palette-empty">No node matches “{filter}”.</li>}
      </ul>
      <PaletteComponents filter={filter} />
      <AnnotationButtons />
      <PortLegend />
    </aside>
  );
}

/** Frames and notes: canvas annotations, not work (the engine ignores them). */
function AnnotationButtons() {
  const viewCentre = useViewCentre();
  return (
    <section className="palette-annotations" aria-label="Annotations">
      <button
        type="button"
        className="palette-item palette-frame"
        data-testid="palette-annotation-frame"
        title="A titled box that moves the nodes inside it (Ctrl/⌘+Alt+G frames the selection)"
        onClick={() => addFrame(viewCentre())}
      >
        <strong>Frame</strong>
        <small>Group nodes under a title; move them together.</small>
      </button>
      <button
        type="button"
        className="palette-item palette-note"
        data-testid="palette-annotation-note"
        title="A sticky note on the canvas"
        onClick={() => addNote(viewCentre())}
      >
        <strong>Note</strong>
        <small>Plain text on the canvas.</small>
      </button>
    </section>
  );
}
