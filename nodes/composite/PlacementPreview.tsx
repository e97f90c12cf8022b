import { type PointerEvent, useRef, useState } from 'react';
import { commands, useImageUrl } from '../../src/editor/node-kit';
import type { Anchor } from '../../src/engine/image-ops';
import { overlayPlacement } from '../../src/image-ops/geometry';

interface Size {
  width: number;
  height: number;
}

const rounded = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The base with the overlay where the pipeline will put it (the same placement arithmetic), to
 * drag into place: offsetX/offsetY change by the drag over the base's shorter side, one undo step
 * per drag.
 */
export function PlacementPreview({
  id,
  baseHash,
  overlayHash,
  anchor,
  offsetX,
  offsetY,
  scale,
  opacity,
}: {
  id: string;
  baseHash: string;
  overlayHash: string;
  anchor: Anchor;
  offsetX: number;
  offsetY: number;
  scale: number;
  opacity: number;
}) {
  const base = useImageUrl(baseHash);
  const overlay = useImageUrl(overlayHash);
  const [baseSize, setBaseSize] = useState<Size | null>(null);
  const [overlaySize, setOverlaySize] = useState<Size | null>(null);
  const [drag, setDrag] = useState<{ startX: number; startY: number; dx: number; dy: number } | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  if (!base || !overlay) return null;
  /** Screen pixels to fractions of the base's shorter side. */
  const perPixel = () => {
    const rect = frame.current?.getBoundingClientRect();
    if (!rect || !baseSize || rect.width === 0) return 0;
    return baseSize.width / rect.width / Math.min(baseSize.width, baseSize.height);
  };
  const current = {
    anchor,
    scale,
    offsetX: rounded(offsetX + (drag ? drag.dx * perPixel() : 0)),
    offsetY: rounded(offsetY + (drag ? drag.dy * perPixel() : 0)),
  };
  const place = baseSize && overlaySize ? overlayPlacement(baseSize, overlaySize, current) : null;
  const percent = (value: number, of: number) => `${(value / of) * 100}%`;
  const moved = (event: PointerEvent) =>
    drag ? { ...drag, dx: event.clientX - drag.startX, dy: event.clientY - drag.startY } : null;
  return (
    <div
      ref={frame}
      className="placement-preview nodrag"
      style={{ position: 'relative' }}
      data-testid={`placement-${id}`}
    >
      <img
        src={base}
        alt="base"
        draggable={false}
        style={{ width: '100%', display: 'block' }}
        onLoad={(event) =>
          setBaseSize({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })
        }
      />
      <img
        src={overlay}
        alt="overlay (drag to move)"
        draggable={false}
        data-testid={`placement-overlay-${id}`}
        onLoad={(event) =>
          setOverlaySize({
            width: event.currentTarget.naturalWidth,
            height: event.currentTarget.naturalHeight,
          })
        }
        style={{
          position: 'absolute',
          cursor: 'move',
          touchAction: 'none',
          opacity,
          visibility: place ? 'visible' : 'hidden',
          ...(place && baseSize
            ? {
                left: percent(place.x, baseSize.width),
                top: percent(place.y, baseSize.height),
                width: percent(place.width, baseSize.width),
                height: percent(place.height, baseSize.height),
              }
            : {}),
        }}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture?.(event.pointerId);
          setDrag({ startX: event.clientX, startY: event.clientY, dx: 0, dy: 0 });
        }}
        onPointerMove={(event) => setDrag(moved(event))}
        onPointerUp={(event) => {
          const last = moved(event);
          setDrag(null);
          if (!last || (last.dx === 0 && last.dy === 0)) return;
          const factor = perPixel();
          commands.setParams(
            id,
            { offsetX: rounded(offsetX + last.dx * factor), offsetY: rounded(offsetY + last.dy * factor) },
            'Move overlay',
          );
        }}
        onPointerCancel={() => setDrag(null)}
      />
    </div>
  );
}
