import { useReactFlow } from '@xyflow/react';
import type { NodeType } from '../../../nodes/registry';
import { defaultParams, NODE_DRAG_MIME, searchNodeTypes } from '../canvas/node-catalog';
import { estimatedNodeSize, freeSpot } from '../canvas/overlaps';
import { portClass } from '../canvas/rf-adapter';
import { PaletteComponents } from '../components/PaletteComponents';
import { commands, useDocumentStore } from '../store/document-store';
import { useViewStore, view } from '../store/view-store';

/**
 * Adds a node centred in the visible canvas (click or Enter on a palette item); when a node is
 * already there, the nearest free spot (measured sizes), so a second click never stacks nodes.
 */
export function useAddAtCentre(): (type: NodeType) => void {
  const flow = useReactFlow();
  return (type) => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const centre = pane
      ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
    const params = defaultParams(type);
    const { doc } = useDocumentStore.getState();
    const { measured } = useViewStore.getState();
    const size = estimatedNodeSize({ id: '', type, position: centre, params });
    const position = freeSpot(
      { x: Math.round(centre.x - size.width / 2), y: Math.round(centre.y - size.height / 2) },
      size,
      doc.nodes,
      (node) => estimatedNodeSize(node, measured[node.id]),
    );
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
      <PortLegend />
    </aside>
  );
}
