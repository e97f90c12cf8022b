import { memo } from 'react';
import { NodeFrame, type NodeViewProps, OutputPreview, str, useNodeParams } from '../../src/editor/node-kit';
import { NumberField, SelectField, TextField } from '../shared/ToolFields';

export const ResizeView = memo(function ResizeView({ id, selected }: NodeViewProps) {
  const params = useNodeParams(id);
  return (
    <NodeFrame id={id} type="resize" selected={selected}>
      <NumberField id={id} name="width" label="Width" value={params.width} min={1} max={16384} optional />
      <NumberField id={id} name="height" label="Height" value={params.height} min={1} max={16384} optional />
      <TextField
        id={id}
        name="aspectRatio"
        label="Aspect ratio"
        value={params.aspectRatio}
        placeholder="e.g. 4:5"
      />
      <SelectField
        id={id}
        name="fit"
        label="Fit"
        value={str(params.fit, 'cover')}
        options={['cover', 'contain', 'fill']}
      />
      {str(params.fit) === 'contain' ? (
        <TextField
          id={id}
          name="background"
          label="Padding"
          value={params.background}
          placeholder="transparent (white for JPEG)"
        />
      ) : null}
      <OutputPreview id={id} />
    </NodeFrame>
  );
});
