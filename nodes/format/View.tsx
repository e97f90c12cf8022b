import { memo } from 'react';
import { NodeFrame, type NodeViewProps, OutputPreview, str, useNodeParams } from '../../src/editor/node-kit';
import { NumberField, SelectField } from '../shared/ToolFields';

export const FormatView = memo(function FormatView({ id, selected }: NodeViewProps) {
  const params = useNodeParams(id);
  const mimeType = str(params.mimeType, 'image/png');
  return (
    <NodeFrame id={id} type="format" selected={selected}>
      <SelectField
        id={id}
        name="mimeType"
        label="Type"
        value={mimeType}
        options={['image/png', 'image/jpeg', 'image/webp']}
      />
      {mimeType === 'image/png' ? null : (
        <NumberField id={id} name="quality" label="Quality" value={params.quality ?? 90} min={1} max={100} />
      )}
      <OutputPreview id={id} />
    </NodeFrame>
  );
});
