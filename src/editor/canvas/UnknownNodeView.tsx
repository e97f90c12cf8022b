import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useWorkflowNode } from '../node-ui/hooks';
import type { CanvasNode } from './rf-adapter';

/** A node type this Peel does not know: kept as is (so saving loses nothing) but cannot run. */
export const UnknownNodeView = memo(function UnknownNodeView({ id, selected }: NodeProps<CanvasNode>) {
  const node = useWorkflowNode(id);
  return (
    <div className={`peel-node node-unknown${selected ? ' selected' : ''}`} data-testid={`node-${id}`}>
      <header className="node-header">
        <span className="node-title-static">{node?.label ?? id}</span>
      </header>
      <p className="node-problem" data-testid={`node-error-${id}`}>
        Unknown node type “{node?.type}”: it is kept but cannot run.
      </p>
    </div>
  );
});
