import { useEffect, useRef, useState } from 'react';
import { isNodeType, nodeRegistry } from '../../../nodes/registry';
import { COMPONENT_NODE_TYPE } from '../../engine/components/types';
import type { PortType } from '../../engine/ports';
import { type CatalogEntry, defaultParams, searchNodeTypes } from '../canvas/node-catalog';
import { placeNewNode } from '../canvas/place-node';
import { outputPortType } from '../canvas/rf-adapter';
import { type ComponentMatch, searchComponents } from '../components/search-components';
import { commands, useDocumentStore } from '../store/document-store';
import { scopedView, useEditScopeStore } from '../store/edit-scope';
import { nodeById } from '../store/node-index';
import { useViewStore, view } from '../store/view-store';
import { useViewportPlacement } from '../ui/viewport-placement';

function pendingPortType(pending: {
  nodeId: string;
  port: string;
  side: 'source' | 'target';
}): PortType | undefined {
  const doc = scopedView(useDocumentStore.getState().doc);
  if (pending.side === 'source') return outputPortType(doc, pending.nodeId, pending.port);
  const node = nodeById(doc, pending.nodeId);
  if (!node || !isNodeType(node.type)) return undefined;
  return nodeRegistry[node.type].inputs[pending.port]?.type;
}

type Row = { kind: 'node'; entry: CatalogEntry } | { kind: 'component'; match: ComponentMatch };

/** Double-click on the canvas, or release a link in empty space: type to find a node, Enter to add. */
export function SearchPopup() {
  const search = useViewStore((state) => state.search);
  // Typed text and the highlighted row belong to one opening: a new opening starts empty on its
  // first render (an effect resetting them would show one frame filtered by the old text).
  const [typed, setTyped] = useState<{ opening: typeof search; query: string; active: number }>({
    opening: null,
    query: '',
    active: 0,
  });
  const current = typed.opening === search ? typed : { opening: search, query: '', active: 0 };
  const query = current.query;
  const active = current.active;
  const setActive = (next: number | ((index: number) => number)) =>
    setTyped((state) => {
      const base = state.opening === search ? state : { opening: search, query: '', active: 0 };
      return { ...base, active: typeof next === 'function' ? next(base.active) : next };
    });
  const input = useRef<HTMLInputElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  const placement = useViewportPlacement(popup, search?.screen ?? null);
  useEffect(() => {
    if (search) input.current?.focus();
  }, [search]);
  if (!search) return null;
  const pending = search.pending;
  const portType = pending ? pendingPortType(pending) : undefined;
  const link = pending && portType ? { portType, side: pending.side } : undefined;
  const nodeEntries = searchNodeTypes(query, link);
  const componentEntries =
    pending && !portType
      ? []
      : searchComponents(
          useDocumentStore.getState().doc.components,
          query,
          useEditScopeStore.getState().path,
          link,
        );
  // One list for the arrow keys: node types first, then this workflow's components.
  const entries: Row[] = [
    ...nodeEntries.map((entry): Row => ({ kind: 'node', entry })),
    ...componentEntries.map((match): Row => ({ kind: 'component', match })),
  ];
  const close = () => useViewStore.setState({ search: null });
  const pickComponent = ({ component, port }: ComponentMatch) => {
    const doc = scopedView(useDocumentStore.getState().doc);
    // Placed like a small node (its size is not known before it renders), never on top of another.
    const position = placeNewNode(doc, 'note', {}, search.flow, useViewStore.getState().measured);
    const id = commands.addNode({
      type: COMPONENT_NODE_TYPE,
      position,
      params: { component: component.id },
      ...(pending && port
        ? { connect: { nodeId: pending.nodeId, port: pending.port, side: pending.side, newNodePort: port } }
        : {}),
    });
    close();
    view.select([id]);
  };
  const pickRow = (row: Row) => (row.kind === 'node' ? pick(row.entry) : pickComponent(row.match));
  const pick = (entry: CatalogEntry) => {
    const params = defaultParams(entry.type);
    // Centred on the spot; a node joining a released link puts its connecting side there instead.
    const anchor = !pending ? 'centre' : pending.side === 'source' ? 'left' : 'right';
    const position = placeNewNode(
      scopedView(useDocumentStore.getState().doc),
      entry.type,
      params,
      search.flow,
      useViewStore.getState().measured,
      anchor,
    );
    const id = commands.addNode({
      type: entry.type,
      position,
      params,
      ...(pending && entry.port
        ? {
            connect: {
              nodeId: pending.nodeId,
              port: pending.port,
              side: pending.side,
              newNodePort: entry.port,
            },
          }
        : {}),
    });
    close();
    view.select([id]);
  };
  return (
    <div
      ref={popup}
      className="search-popup"
      data-testid="search-popup"
      role="dialog"
      aria-label="Add a node"
      style={placement}
    >
      <input
        ref={input}
        value={query}
        placeholder={portType ? `Nodes that take ${portType}…` : 'Add a node…'}
        aria-label="Search node types"
        data-testid="search-popup-input"
        onChange={(event) => {
          setTyped({ opening: search, query: event.target.value, active: 0 });
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setActive((index) => Math.min(index + 1, entries.length - 1));
          else if (event.key === 'ArrowUp') setActive((index) => Math.max(index - 1, 0));
          else if (event.key === 'Enter') {
            const row = entries[active];
            if (row) pickRow(row);
          } else if (event.key === 'Escape') close();
        }}
        onBlur={(event) => {
          if (!event.currentTarget.parentElement?.contains(event.relatedTarget)) close();
        }}
      />
      <ul>
        {nodeEntries.map((entry, index) => (
          <li key={entry.type}>
            <button
              type="button"
              data-testid={`search-item-${entry.type}`}
              className={index === active ? 'active' : ''}
              aria-current={index === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(entry)}
            >
              <strong>{entry.title}</strong>
              {entry.port && <small> → {entry.port}</small>}
            </button>
          </li>
        ))}
        {componentEntries.length > 0 && (
          <li className="palette-heading" data-testid="search-components-heading">
            Components
          </li>
        )}
        {componentEntries.map((match, index) => {
          const row = nodeEntries.length + index;
          return (
            <li key={`component:${match.component.id}`}>
              <button
                type="button"
                data-testid={`search-component-${match.component.id}`}
                className={row === active ? 'active' : ''}
                aria-current={row === active}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pickComponent(match)}
              >
                <strong>{match.component.name}</strong>
                {match.port && <small> → {match.port}</small>}
              </button>
            </li>
          );
        })}
        {entries.length === 0 && <li className="palette-empty">No matching node.</li>}
      </ul>
    </div>
  );
}
