import { memo } from 'react';
import {
  NodeFrame,
  type NodeViewProps,
  OutputPreview,
  str,
  useNodeParams,
  useUpstreamImage,
} from '../../src/editor/node-kit';
import { CombineWhenMany } from '../shared/CombineField';
import { NumberField, SelectField } from '../shared/ToolFields';
import { ANCHORS } from './definition';
import { PlacementPreview } from './PlacementPreview';

export const CompositeView = memo(function CompositeView({ id, selected }: NodeViewProps) {
  const params = useNodeParams(id);
  const baseHash = useUpstreamImage(id, 'base');
  const overlayHash = useUpstreamImage(id, 'overlay');
  const anchor = ANCHORS.find((name) => name === params.anchor) ?? 'bottom-right';
  const num = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
  return (
    <NodeFrame id={id} type="composite" selected={selected}>
      {baseHash && overlayHash ? (
        <PlacementPreview
          id={id}
          baseHash={baseHash}
          overlayHash={overlayHash}
          anchor={anchor}
          offsetX={num(params.offsetX, 0)}
          offsetY={num(params.offsetY, 0)}
          scale={num(params.scale, 0.2)}
          opacity={num(params.opacity, 1)}
        />
      ) : null}
      <SelectField
        id={id}
        name="anchor"
        label="Anchor"
        value={str(params.anchor, 'bottom-right')}
        options={ANCHORS}
      />
      <NumberField
        id={id}
        name="scale"
        label="Scale"
        value={params.scale ?? 0.2}
        min={0.01}
        max={4}
        step={0.01}
      />
      <NumberField
        id={id}
        name="offsetX"
        label="Offset X"
        value={params.offsetX ?? 0}
        min={-1}
        max={1}
        step={0.01}
      />
      <NumberField
        id={id}
        name="offsetY"
        label="Offset Y"
        value={params.offsetY ?? 0}
        min={-1}
        max={1}
        step={0.01}
      />
      <NumberField
        id={id}
        name="opacity"
        label="Opacity"
        value={params.opacity ?? 1}
        min={0}
        max={1}
        step={0.05}
      />
      <CombineWhenMany id={id} value={params.combine} />
      <OutputPreview id={id} />
    </NodeFrame>
  );
});
