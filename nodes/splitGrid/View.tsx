import { memo } from 'react';
import { NodeFrame, type NodeViewProps, OutputPreview, useNodeParams } from '../../src/editor/node-kit';
import { NumberField } from '../shared/ToolFields';

export const SplitGridView = memo(function SplitGridView({ id, selected }: NodeViewProps) {
  const params = useNodeParams(id);
  return (
    <NodeFrame id={id} type="splitGrid" selected={selected}>
      <NumberField id={id} name="rows" label="Rows" value={params.rows ?? 2} min={1} max={8} />
      <NumberField id={id} name="cols" label="Columns" value={params.cols ?? 2} min={1} max={8} />
      <OutputPreview id={id} />
    </NodeFrame>
  );
});
