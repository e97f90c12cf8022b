import { type ComponentType, memo, useDeferredValue, useEffect } from 'react';
import { isNodeType, nodeRegistry } from '../../../nodes/registry';
import type { PortSpec } from '../../engine/ports';
import type { WorkflowNode } from '../../engine/workflow';
import { reportMounting, useBodyLevel } from '../canvas/level-of-detail';
import { useLinkFrom } from '../canvas/link-drag';
import { inputPortsOf } from '../canvas/node-ports';
import { portClass } from '../canvas/rf-adapter';
import type { NodeViewProps } from '../node-kit';
import { useNodeErrors, useNodeRun, useWorkflowNode } from './hooks';
import { compactTitle, NodeNotes, NodeProblems, portHandle } from './NodeFrame';
import { BypassTag } from './NodeSizeControls';
import { OutputPreview } from './OutputPreview';
import { StatusRow } from './StatusBadge';

/** Overview port rows: this tall, inside this much padding (as the per-port rows were). */
const PORT_ROW = 14;
const PORTS_PADDING = 4;
const portRowCentre = (row: number): number => PORTS_PADDING + row * PORT_ROW + PORT_ROW / 2;
const portRowsHeight = (rows: number): number => (rows === 0 ? 0 : 2 * PORTS_PADDING + rows * PORT_ROW);

/**
 * The overview node: what every node of a registry type shows below the level-of-detail switch
 * (level-of-detail.tsx), in place of its view. It draws the same compact body NodeFrame drew there
 * (shortened title, node id, bare handles, outputs, problems, status) with a few subscriptions and
 * no view: a big graph opens zoomed out, and rendering 500 full views (each with its own params,
 * fields and frame pieces) only to show their compact bodies dominated the time to interactive.
 * Parts that are usually empty (outputs, problems, notes, the Bypassed tag) mount only when there
 * is something to show. A collapsed node keeps its view (its toggle stays usable zoomed out).
 */
const OverviewNode = memo(function OverviewNode({
  id,
  type,
  selected,
  node,
}: {
  id: string;
  type: keyof typeof nodeRegistry;
  selected: boolean;
  /** The document's node (its label, bypass, size and, for a template, its params). */
  node: WorkflowNode | undefined;
}) {
  const definition = nodeRegistry[type];
  const run = useNodeRun(id);
  const errors = useNodeErrors(id);
  const linkFrom = useLinkFrom();
  const bypassed = node?.bypass === true;
  const sized = node?.size !== undefined;
  const title = node?.label || definition.title;
  const hasOutputs =
    run.elements !== undefined ||
    (run.outputs !== undefined && (run.outputs.images.length > 0 || Boolean(run.outputs.text)));
  const mayHaveProblems =
    errors.length > 0 || ((run.status === 'failed' || run.status === 'skipped') && run.message !== undefined);
  const inputs = Object.entries(inputPortsOf(node));
  const outputs = Object.entries(definition.outputs);
  return (
    <div
      className={`peel-node node-${type} status-${run.status}${selected ? ' selected' : ''}${bypassed ? ' bypassed' : ''}${sized ? ' sized' : ''}`}
      data-testid={`node-${id}`}
      data-node-type={type}
      data-bypassed={bypassed || undefined}
      data-overview
    >
      <header className="node-header">
        <span className="node-title node-title-compact" title={title}>
          {compactTitle(title)}
        </span>
        {bypassed ? <BypassTag id={id} /> : null}
        <span className="node-id" title="Node id">
          {id}
        </span>
      </header>
      {/* One box for ports and outputs: handles sit at fixed offsets instead of one row each
          (fewer elements per node is most of what a 500-node graph costs to open). */}
      <div
        className="node-overview-body"
        data-testid={`node-compact-${id}`}
        style={{ paddingTop: portRowsHeight(Math.max(inputs.length, outputs.length)) }}
      >
        {inputs.map(([name, spec], row) => portHandle(id, name, spec, 'in', linkFrom, portRowCentre(row)))}
        {outputs.map(([name, spec], row) => portHandle(id, name, spec, 'out', linkFrom, portRowCentre(row)))}
        {hasOutputs ? (
          <div className="node-body">
            <OutputPreview id={id} />
          </div>
        ) : null}
      </div>
      {mayHaveProblems ? <NodeProblems id={id} /> : null}
      {run.notes && run.notes.length > 0 ? <NodeNotes id={id} /> : null}
      <StatusRow id={id} run={run} callsModel={definition.callsModel} />
    </div>
  );
});

/**
 * A plain handle for React Flow to measure (it reads the classes and data attributes), without
 * React Flow's Handle component: no store subscription, no listeners. Far out a port is a pixel
 * wide, so nothing connects from here; edges still attach to it.
 */
function portMark(nodeId: string, name: string, spec: PortSpec, side: 'in' | 'out', top: number) {
  const left = side === 'in';
  return (
    <div
      key={`${side}:${name}`}
      data-handleid={name}
      data-nodeid={nodeId}
      data-handlepos={left ? 'left' : 'right'}
      className={`react-flow__handle react-flow__handle-${left ? 'left' : 'right'} peel-handle port-${portClass(spec.type)} ${left ? 'target' : 'source'}`}
      style={{ top }}
    />
  );
}

/**
 * The placeholder: what a node shows far out (level-of-detail.tsx), where no text can be read. The
 * overview's box in one element: its title and status bands are the top and bottom borders (as
 * tall as the overview's, see nodes.css), its ports sit where the overview's do, so edges stay
 * attached and switching to the overview moves nothing. No text, no React Flow handles. Status and
 * problems colour the status band; outputs (thumbnails) still show; the title and id are the
 * tooltip.
 */
const PlaceholderNode = memo(function PlaceholderNode({
  id,
  type,
  selected,
  node,
}: {
  id: string;
  type: keyof typeof nodeRegistry;
  selected: boolean;
  node: WorkflowNode | undefined;
}) {
  const definition = nodeRegistry[type];
  const run = useNodeRun(id);
  const problems = useNodeErrors(id).length > 0;
  const bypassed = node?.bypass === true;
  const hasOutputs =
    run.elements !== undefined ||
    (run.outputs !== undefined && (run.outputs.images.length > 0 || Boolean(run.outputs.text)));
  const inputs = Object.entries(inputPortsOf(node));
  const outputs = Object.entries(definition.outputs);
  return (
    <div
      className={`peel-node node-${type} status-${run.status}${selected ? ' selected' : ''}${bypassed ? ' bypassed' : ''}${node?.size !== undefined ? ' sized' : ''}${problems ? ' has-problems' : ''}`}
      data-testid={`node-${id}`}
      data-node-type={type}
      data-bypassed={bypassed || undefined}
      data-placeholder
      title={`${node?.label || definition.title} (${id})`}
      style={{ paddingTop: portRowsHeight(Math.max(inputs.length, outputs.length)) }}
    >
      {inputs.map(([name, spec], row) => portMark(id, name, spec, 'in', portRowCentre(row)))}
      {outputs.map(([name, spec], row) => portMark(id, name, spec, 'out', portRowCentre(row)))}
      {hasOutputs ? (
        <div className="node-body">
          <OutputPreview id={id} />
        </div>
      ) : null}
    </div>
  );
});

/**
 * A registry type's node component: its view when the node shows its full body (or is collapsed),
 * the overview node or the far-out placeholder otherwise. The view mounts when its node is granted
 * a full body, in a deferred render (as Node Banana mounts in transitions): React builds the new
 * views in slices between frames, so zooming in through the switch never holds a frame while bodies
 * mount. Going back to the overview is immediate (unmounting is cheap, and nothing shows a stale
 * full body).
 */
export function withOverview(View: ComponentType<NodeViewProps>): ComponentType<NodeViewProps> {
  // Not memo: the canvas wraps every node type in one (position-free.ts).
  return function OverviewOrView(props: NodeViewProps) {
    const level = useBodyLevel(props.id);
    const granted = level === 'full';
    const deferred = useDeferredValue(granted);
    const full = granted && deferred;
    const waiting = granted && !full;
    useEffect(() => {
      if (!waiting) return;
      reportMounting(props.id, true);
      return () => reportMounting(props.id, false);
    }, [waiting, props.id]);
    const node = useWorkflowNode(props.id);
    if (full || node?.collapsed === true || !isNodeType(props.type)) return <View {...props} />;
    if (level === 'placeholder')
      return <PlaceholderNode id={props.id} type={props.type} selected={props.selected} node={node} />;
    return <OverviewNode id={props.id} type={props.type} selected={props.selected} node={node} />;
  };
}
