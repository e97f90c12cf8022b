import { memo } from 'react';
import { NodeFrame, type NodeViewProps, OutputPreview, str, useNodeParams } from '../../src/editor/node-kit';
import { DrawingSurface } from '../shared/DrawingSurface';
import { strokesOf } from '../shared/strokes-of';
import { NumberField } from '../shared/ToolFields';
import { useUpstreamImage } from '../shared/use-upstream-image';

export const SketchView = memo(function SketchView({ id, selected }: NodeViewProps) {
  const params = useNodeParams(id);
  const width = typeof params.width === 'number' ? params.width : 1024;
  const height = typeof params.height === 'number' ? params.height : 1024;
  return (
    <NodeFrame id={id} type="sketch" selected={selected}>
      <DrawingSurface
        id={id}
        width={width}
        height={height}
        background={str(params.background, '#ffffff')}
        underHash={useUpstreamImage(id, 'image')}
        strokes={strokesOf(params)}
        tools={['pen', 'eraser']}
      />
      <NumberField id={id} name="width" label="Width" value={width} min={16} max={4096} />
      <NumberField id={id} name="height" label="Height" value={height} min={16} max={4096} />
      <OutputPreview id={id} />
    </NodeFrame>
  );
});
