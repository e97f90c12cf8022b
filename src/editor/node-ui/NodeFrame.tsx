import { Handle, Position } from '@xyflow/react';
import { memo, type ReactNode, useState } from 'react';
import { nodeRegistry } from '../../../nodes/registry';
import type { PortSpec } from '../../engine/ports';
import { checkConnection } from '../canvas/connection-rules';
import { useFullBody } from '../canvas/level-of-detail';
import { useLinkFrom } from '../canvas/link-drag';
import { inputPortsOf } from '../canvas/node-ports';
import { portClass } from '../canvas/rf-adapter';
import { commands, useDocumentStore } from '../store/document-store';
import { nodeById } from '../store/node-index';
import { useRunStore } from '../store/run-store';
import { useViewStore } from '../store/view-store';
import { MessageText } from '../text/MessageText';
import { useNodeErrors, useNodeRun, useWorkflowNode } from './hooks';
import { BypassTag, CollapseToggle, NodeResizeHandle } from './NodeSizeControls';
import { OutputPreview } from './OutputPreview';
import { StatusBadge } from './StatusBadge';

/**
 * Below COMPACT_BELOW_ZOOM the form controls are unreadable; nodes show a compact body (title,
 * ports, outputs, status) so a graph of hundreds of nodes stays a light DOM to pan and drag. In a
 * big graph, zoomed in, a node also waits for its turn (see level-of-detail.tsx).
 */

/** While a link is dragged: whether this handle could take it ('fits') or not ('refuses'). */
export function dragFit(
  from: string,
  nodeId: string,
  port: string,
  side: 'in' | 'out',
): 'fits' | 'refuses' | null {
  if (from === '') return null;
  const [fromNode, fromPort, fromType] = from.split('\n');
  if (fromNode === nodeId && fromPort === port) return null;
  const wantSide = fromType === 'source' ? 'in' : 'out';
  if (side !== wantSide) return 'refuses';
  const doc = useDocumentStore.getState().doc;
  const attempt =
    fromType === 'source'
      ? { source: fromNode ?? null, sourceHandle: fromPort, target: nodeId, targetHandle: port }
      : { source: nodeId, sourceHandle: port, target: fromNode ?? null, targetHandle: fromPort };
  return checkConnection(doc, attempt).ok ? 'fits' : 'refuses';
}

/** A port's handle: typed, titled, and lit while a link that it could take (or not) is dragged. */
export function portHandle(
  nodeId: string,
  name: string,
  spec: PortSpec,
  side: 'in' | 'out',
  linkFrom: string,
  /** Where the handle sits in its container (the overview node places handles without rows). */
  top?: number,
) {
  const kind = portClass(spec.type);
  const fit = dragFit(linkFrom, nodeId, name, side);
  return (
    <Handle
      key={`${side}:${name}`}
      type={side === 'in' ? 'target' : 'source'}
      position={side === 'in' ? Position.Left : Position.Right}
      id={name}
      className={`peel-handle port-${kind}${fit ? ` handle-${fit}` : ''}`}
      title={`${name}: ${spec.type}${spec.optional ? ' (optional)' : ''}`}
      style={top === undefined ? undefined : { top }}
    />
  );
}

function PortRow({
  nodeId,
  name,
  spec,
  side,
  compact,
  linkFrom,
}: {
  nodeId: string;
  name: string;
  spec: PortSpec;
  side: 'in' | 'out';
  compact: boolean;
  /** The handle a link is being dragged from (link-drag.ts), '' when none. */
  linkFrom: string;
}) {
  const kind = portClass(spec.type);
  const handle = portHandle(nodeId, name, spec, side, linkFrom);
  // Zoomed out, labels are unreadable: the handle alone keeps edges attached and linkable.
  if (compact) {
    return (
      <div className={`port-row port-${side} port-row-compact`} data-testid={`port-${side}-${name}`}>
        {handle}
      </div>
    );
  }
  return (
    <div className={`port-row port-${side}`} data-testid={`port-${side}-${name}`}>
      {handle}
      <span className="port-name">
        {spec.label ?? name}
        {spec.optional ? <span className="port-optional"> (optional)</span> : null}
      </span>
      <span className={`port-type port-${kind}`}>{spec.type}</span>
    </div>
  );
}

/** Notes from the last run (e.g. the route could not keep the conversation). */
export const NodeNotes = memo(function NodeNotes({ id }: { id: string }) {
  const notes = useNodeRun(id).notes;
  if (!notes || notes.length === 0) return null;
  return (
    <div className="node-notes" data-testid={`node-notes-${id}`}>
      {notes.map((note) => (
        <p key={note} className="node-note">
          {note}
        </p>
      ))}
    </div>
  );
});

/** Problems before a run (validation) or after one (the failure message): readable on the node. */
export const NodeProblems = memo(function NodeProblems({ id }: { id: string }) {
  const errors = useNodeErrors(id);
  const run = useNodeRun(id);
  const ranDoc = useRunStore((state) => state.ranDoc);
  // A failure describes the graph it ran on; once an edit or an undo changed the links or this
  // node's settings, the current validation speaks instead (moving nodes changes nothing).
  const sameGraph = useDocumentStore(
    (state) =>
      ranDoc === null ||
      (state.doc.edges === ranDoc.edges && nodeById(state.doc, id)?.params === nodeById(ranDoc, id)?.params),
  );
  const runMessage =
    (run.status === 'failed' || run.status === 'skipped') && sameGraph ? run.message : undefined;
  if (!runMessage && errors.length === 0) return null;
  return (
    <div className="node-problems" data-testid={`node-error-${id}`} role="alert">
      {runMessage ? (
        <p className="node-problem run-problem">
          <MessageText message={runMessage} />
        </p>
      ) : null}
      {!runMessage &&
        errors.map((message) => (
          <p key={message} className="node-problem">
            {message}
          </p>
        ))}
    </div>
  );
});

/** The title drags the node like the rest of the header; double-click or F2 renames it. */
export const NodeTitle = memo(function NodeTitle({ id, fallback }: { id: string; fallback: string }) {
  const label = useDocumentStore((state) => nodeById(state.doc, id)?.label);
  const renaming = useViewStore((state) => state.renaming === id);
  if (renaming) return <TitleEditor id={id} label={label ?? ''} fallback={fallback} />;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the keyboard path to rename is F2 on the selected node
    <span
      className="node-title"
      data-testid={`node-title-${id}`}
      title="Drag to move · double-click or F2 to rename"
      onDoubleClick={(event) => {
        event.stopPropagation();
        useViewStore.setState({ renaming: id });
      }}
    >
      {label || fallback}
    </span>
  );
});

function TitleEditor({ id, label, fallback }: { id: string; label: string; fallback: string }) {
  const [draft, setDraft] = useState(label);
  const done = (commit: boolean) => {
    // One undo step for the whole rename, and none when nothing changed.
    if (commit && draft !== label) commands.setLabel(id, draft);
    if (useViewStore.getState().renaming === id) useViewStore.setState({ renaming: null });
  };
  return (
    <input
      className="node-title node-title-editing nodrag"
      aria-label="Node name"
      data-testid={`node-title-input-${id}`}
      value={draft}
      placeholder={fallback}
      maxLength={200}
      // biome-ignore lint/a11y/noAutofocus: the user asked to rename this node (double-click or F2)
      autoFocus
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={() => done(true)}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Enter') done(true);
        else if (event.key === 'Escape') done(false);
      }}
    />
  );
}

/** Characters of a compact title that fit its row (15 px bold beside the node id). */
export const COMPACT_TITLE_CHARS = 22;

/** Shortened in code rather than clipped by CSS: a clip costs a paint chunk per node on every pan frame. */
export function compactTitle(text: string): string {
  const chars = [...text];
  return chars.length > COMPACT_TITLE_CHARS ? `${chars.slice(0, COMPACT_TITLE_CHARS - 1).join('')}…` : text;
}

const CompactTitle = memo(function CompactTitle({ id, fallback }: { id: string; fallback: string }) {
  const label = useDocumentStore((state) => nodeById(state.doc, id)?.label);
  const text = label || fallback;
  return (
    <span className="node-title node-title-compact" title={text}>
      {compactTitle(text)}
    </span>
  );
});

/** The shared chrome of every node body: title, typed ports, status, problems. */
export function NodeFrame({
  id,
  type,
  selected,
  children,
}: {
  id: string;
  type: keyof typeof nodeRegistry;
  selected: boolean;
  children?: ReactNode;
}) {
  const definition = nodeRegistry[type];
  const node = useWorkflowNode(id);
  // A template's inputs follow its placeholders.
  const inputs = inputPortsOf(node);
  const run = useNodeRun(id);
  const fullBody = useFullBody(id);
  // Not a React Flow subscription: React Flow's store changes on every pan frame (link-drag.ts).
  const linkFrom = useLinkFrom();
  // Canvas state from the document: bypass (dimmed, labelled), collapse, a size from the handle.
  const bypassed = useDocumentStore((state) => nodeById(state.doc, id)?.bypass === true);
  const collapsed = useDocumentStore((state) => nodeById(state.doc, id)?.collapsed === true);
  const sized = useDocumentStore((state) => nodeById(state.doc, id)?.size !== undefined);
  // A collapsed node keeps its handles (compact rows), so its edges stay wired.
  const compact = !fullBody || collapsed;
  const frameClass = `${bypassed ? ' bypassed' : ''}${collapsed ? ' collapsed' : ''}${sized && !collapsed ? ' sized' : ''}`;
  return (
    <div
      className={`peel-node node-${type} status-${run.status}${selected ? ' selected' : ''}${frameClass}`}
      data-testid={`node-${id}`}
      data-node-type={type}
      data-bypassed={bypassed || undefined}
      data-collapsed={collapsed || undefined}
    >
      <header className="node-header">
        {compact && !collapsed ? (
          <CompactTitle id={id} fallback={definition.title} />
        ) : (
          <NodeTitle id={id} fallback={definition.title} />
        )}
        <BypassTag id={id} />
        {!collapsed && (
          <span className="node-id" title="Node id">
            {id}
          </span>
        )}
        {/* Zoomed out, an expanded node's toggle is too small to use: Alt+C still collapses it. */}
        {(!compact || collapsed) && <CollapseToggle id={id} />}
      </header>
      <div className="node-ports">
        <div className="ports-in">
          {Object.entries(inputs).map(([name, spec]) => (
            <PortRow
              key={name}
              nodeId={id}
              name={name}
              spec={spec}
              side="in"
              compact={compact}
              linkFrom={linkFrom}
            />
          ))}
        </div>
        <div className="ports-out">
          {Object.entries(definition.outputs).map(([name, spec]) => (
            <PortRow
              key={name}
              nodeId={id}
              name={name}
              spec={spec}
              side="out"
              compact={compact}
              linkFrom={linkFrom}
            />
          ))}
        </div>
      </div>
      {collapsed ? null : compact ? (
        <div className="node-body node-body-compact" data-testid={`node-compact-${id}`}>
          <OutputPreview id={id} />
        </div>
      ) : (
        <div className="node-body">{children}</div>
      )}
      {!collapsed && <NodeProblems id={id} />}
      {!collapsed && <NodeNotes id={id} />}
      <StatusBadge id={id} callsModel={definition.callsModel} />
      {!collapsed && fullBody && <NodeResizeHandle id={id} />}
    </div>
  );
}
