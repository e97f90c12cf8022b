import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasNode } from '../../src/editor/canvas/rf-adapter';
import { useNodeParams } from '../../src/editor/node-ui/hooks';
import { NodeFrame } from '../../src/editor/node-ui/NodeFrame';
import { OutputPreview } from '../../src/editor/node-ui/OutputPreview';
import { NumberField } from '../shared/ToolFields';

export const SplitGridView = memo(function SplitGridView({ id, selected }: NodeProps<CanvasNode>) {
  const params = useNodeParams(id);
  return (
    <NodeFrame id={id} type="splitGrid" selected={selected}>
      <NumberField id={id} name="rows" label="Rows" value={params.rows ?? 2} min={1} max={8} />
      <NumberField id={id} name="cols" label="Columns" value={params.cols ?? 2} min={1} max={8} />
      <OutputPreview id={id} />
    </NodeFrame>
  );
});
