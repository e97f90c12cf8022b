import { memo } from 'react';
import { nodeRegistry } from '../../../nodes/registry';
import type { PortSpec } from '../../engine/ports';
import { inputPortsOf } from '../canvas/node-ports';
import { portClass } from '../canvas/rf-adapter';
import { useNodeErrors, useNodeRun } from './hooks';
import { OutputPreview } from './OutputPreview';
import {
  type CompactBodyProps,
  compactBodyClass,
  portRowCentre,
  portsHeight,
  showsOutputs,
} from './overview-parts';

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
export const PlaceholderNode = memo(function PlaceholderNode({ id, type, selected, node }: CompactBodyProps) {
  const definition = nodeRegistry[type];
  const run = useNodeRun(id);
  const problems = useNodeErrors(id).length > 0;
  const bypassed = node?.bypass === true;
  const inputs = Object.entries(inputPortsOf(node));
  const outputs = Object.entries(definition.outputs);
  return (
    <div
      className={`${compactBodyClass(type, run, selected, node)}${problems ? ' has-problems' : ''}`}
      data-testid={`node-${id}`}
      data-node-type={type}
      data-bypassed={bypassed || undefined}
      data-placeholder
      title={`${node?.label || definition.title} (${id})`}
      style={{ paddingTop: portsHeight(inputs.length, outputs.length) }}
    >
      {inputs.map(([name, spec], row) => portMark(id, name, spec, 'in', portRowCentre(row)))}
      {outputs.map(([name, spec], row) => portMark(id, name, spec, 'out', portRowCentre(row)))}
      {showsOutputs(run) ? (
        <div className="node-body">
          <OutputPreview id={id} />
        </div>
      ) : null}
    </div>
  );
});
