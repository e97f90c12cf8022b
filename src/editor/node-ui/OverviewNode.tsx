import { type ComponentType, memo, useDeferredValue, useEffect } from 'react';
import { isNodeType, nodeRegistry } from '../../../nodes/registry';
import { reportMounting, useBodyLevel } from '../canvas/level-of-detail';
import { useLinkFrom } from '../canvas/link-drag';
import { inputPortsOf } from '../canvas/node-ports';
import type { NodeViewProps } from '../node-kit';
import { useNodeErrors, useNodeRun, useWorkflowNode } from './hooks';
import { compactTitle, NodeNotes, NodeProblems, portHandle } from './NodeFrame';
import { BypassTag } from './NodeSizeControls';
import { OutputPreview } from './OutputPreview';
import {
  type CompactBodyProps,
  compactBodyClass,
  portRowCentre,
  portsHeight,
  showsOutputs,
} from './overview-parts';
import { PlaceholderNode } from './PlaceholderNode';
import { StatusRow } from './StatusBadge';

/**
 * The overview node: what every node of a registry type shows below the level-of-detail switch
 * (level-of-detail.tsx), in place of its view. It draws the same compact body NodeFrame drew there
 * (shortened title, node id, bare handles, outputs, problems, status) with a few subscriptions and
 * no view: a big graph opens zoomed out, and rendering 500 full views (each with its own params,
 * fields and frame pieces) only to show their compact bodies dominated the time to interactive.
 * Parts that are usually empty (outputs, problems, notes, the Bypassed tag) mount only when there
 * is something to show. A collapsed node keeps its view (its toggle stays usable zoomed out).
 */
const OverviewNode = memo(function OverviewNode({ id, type, selected, node }: CompactBodyProps) {
  const definition = nodeRegistry[type];
  const run = useNodeRun(id);
  const errors = useNodeErrors(id);
  const linkFrom = useLinkFrom();
  const bypassed = node?.bypass === true;
  const title = node?.label || definition.title;
  const hasOutputs = showsOutputs(run);
  const mayHaveProblems =
    errors.length > 0 || ((run.status === 'failed' || run.status === 'skipped') && run.message !== undefined);
  const inputs = Object.entries(inputPortsOf(node));
  const outputs = Object.entries(definition.outputs);
  return (
    <div
      className={compactBodyClass(type, run, selected, node)}
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
        style={{ paddingTop: portsHeight(inputs.length, outputs.length) }}
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
