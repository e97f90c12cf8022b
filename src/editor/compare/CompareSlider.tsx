import './compare.css';
import { type KeyboardEvent, type PointerEvent, useRef, useState } from 'react';

const clamp = (value: number) => Math.min(1, Math.max(0, value));
const rounded = (value: number) => Math.round(value * 1000) / 1000;

/**
 * A wipe between two images: `a` left of the line, `b` right of it. Drag anywhere on the picture
 * to move the line, or focus the handle and use the arrow keys (Shift for fine steps, Home/End for
 * the edges). `onSplit` is called once per gesture or key press (one undo step each in a node).
 */
export function CompareSlider({
  a,
  b,
  split,
  onSplit,
  testId,
  labels = ['a', 'b'],
  fit = 'width',
}: {
  a: string;
  b: string;
  split: number;
  onSplit: (split: number) => void;
  testId: string;
  labels?: readonly [string, string];
  /** `width`: as wide as the parent (a node); `screen`: within the viewport (full screen). */
  fit?: 'width' | 'screen';
}) {
  const [dragging, setDragging] = useState<number | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const shown = dragging ?? split;
  const splitAt = (event: PointerEvent): number => {
    const rect = frame.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return shown;
    return rounded(clamp((event.clientX - rect.left) / rect.width));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? 0.01 : 0.05;
    const next =
      event.key === 'ArrowLeft' || event.key === 'ArrowDown'
        ? shown - step
        : event.key === 'ArrowRight' || event.key === 'ArrowUp'
          ? shown + step
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? 1
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    onSplit(rounded(clamp(next)));
  };
  const imageStyle =
    fit === 'screen'
      ? { maxWidth: '88vw', maxHeight: '72vh', display: 'block' }
      : { width: '100%', display: 'block' };
  return (
    <div
      ref={frame}
      className="compare-slider nodrag nowheel"
      data-testid={testId}
      style={{ position: 'relative', touchAction: 'none', cursor: 'ew-resize', userSelect: 'none' }}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture?.(event.pointerId);
        setDragging(splitAt(event));
      }}
      onPointerMove={(event) => {
        if (dragging !== null) setDragging(splitAt(event));
      }}
      onPointerUp={(event) => {
        if (dragging === null) return;
        const value = splitAt(event);
        setDragging(null);
        onSplit(value);
      }}
      onPointerCancel={() => setDragging(null)}
    >
      <img src={b} alt={labels[1]} style={imageStyle} draggable={false} />
      <img
        src={a}
        alt={labels[0]}
        data-testid={`${testId}-a`}
        style={{
          position: 'absolute',
          inset: 0,
          width: '100%',
          height: '100%',
          clipPath: `inset(0 ${Math.round((1 - shown) * 1000) / 10}% 0 0)`,
        }}
        draggable={false}
      />
      <div
        role="slider"
        tabIndex={0}
        aria-label="Wipe position"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(shown * 100)}
        aria-valuetext={`${Math.round(shown * 100)}% ${labels[0]}`}
        data-testid={`${testId}-handle`}
        className="compare-handle"
        style={{ left: `${shown * 100}%` }}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
