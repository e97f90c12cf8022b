import { memo, type PointerEvent, useRef, useState } from 'react';
import {
  commands,
  NodeFrame,
  type NodeViewProps,
  OutputPreview,
  Thumb,
  useNodeParams,
} from '../../src/editor/node-kit';
import { NumberField } from '../shared/ToolFields';
import { useUpstreamImage } from '../shared/use-upstream-image';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
const num = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);

/** Crop: drag a box on the input's preview (one undo step), or type fractions. */
export const CropView = memo(function CropView({ id, selected }: NodeViewProps) {
  const params = useNodeParams(id);
  const box: Box = {
    x: num(params.x, 0),
    y: num(params.y, 0),
    width: num(params.width, 1),
    height: num(params.height, 1),
  };
  const input = useUpstreamImage(id, 'image');
  const surface = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ from: { x: number; y: number }; box: Box } | null>(null);
  const at = (event: PointerEvent) => {
    const rect = surface.current?.getBoundingClientRect();
    if (!rect || rect.width === 0 || rect.height === 0) return { x: 0, y: 0 };
    return {
      x: clamp01((event.clientX - rect.left) / rect.width),
      y: clamp01((event.clientY - rect.top) / rect.height),
    };
  };
  const shown = drag?.box ?? box;
  return (
    <NodeFrame id={id} type="crop" selected={selected}>
      {input ? (
        <div
          ref={surface}
          className="crop-surface nodrag"
          data-testid={`crop-surface-${id}`}
          style={{ position: 'relative', touchAction: 'none', cursor: 'crosshair' }}
          onPointerDown={(event) => {
            event.currentTarget.setPointerCapture(event.pointerId);
            const from = at(event);
            setDrag({ from, box: { ...from, width: 0, height: 0 } });
          }}
          onPointerMove={(event) => {
            if (!drag) return;
            const to = at(event);
            setDrag({
              from: drag.from,
              box: {
                x: Math.min(drag.from.x, to.x),
                y: Math.min(drag.from.y, to.y),
                width: Math.abs(to.x - drag.from.x),
                height: Math.abs(to.y - drag.from.y),
              },
            });
          }}
          onPointerUp={() => {
            if (!drag) return;
            const { x, y, width, height } = drag.box;
            setDrag(null);
            // A click without a drag keeps the old box.
            if (width < 0.01 || height < 0.01) return;
            commands.setParams(
              id,
              { x: round4(x), y: round4(y), width: round4(width), height: round4(height) },
              'Crop',
            );
          }}
        >
          <Thumb hash={input} alt="crop input" />
          <div
            className="crop-box"
            data-testid={`crop-box-${id}`}
            style={{
              position: 'absolute',
              left: `${shown.x * 100}%`,
              top: `${shown.y * 100}%`,
              width: `${shown.width * 100}%`,
              height: `${shown.height * 100}%`,
              outline: '2px solid var(--accent, #4f8cff)',
              boxShadow: '0 0 0 9999px rgba(0, 0, 0, 0.35)',
              pointerEvents: 'none',
            }}
          />
        </div>
      ) : (
        <p className="node-notice">Run once to drag the box on the input image.</p>
      )}
      <NumberField id={id} name="x" label="X" value={box.x} min={0} max={1} step={0.01} />
      <NumberField id={id} name="y" label="Y" value={box.y} min={0} max={1} step={0.01} />
      <NumberField id={id} name="width" label="Width" value={box.width} min={0} max={1} step={0.01} />
      <NumberField id={id} name="height" label="Height" value={box.height} min={0} max={1} step={0.01} />
      <OutputPreview id={id} />
    </NodeFrame>
  );
});
