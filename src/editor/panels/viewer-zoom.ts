import {
  type KeyboardEvent,
  type PointerEvent,
  type RefObject,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';

/**
 * Zoom and pan for the image viewer. Scale 1 is the image fitted to the viewer (CSS does the
 * fitting); the offset is in screen pixels from the stage's centre. Zooming keeps the image point
 * under the pointer (or the centre, from the keyboard) where it was.
 */
export interface ViewerTransform {
  scale: number;
  x: number;
  y: number;
}

export const FITTED: ViewerTransform = { scale: 1, x: 0, y: 0 };
export const MIN_SCALE = 0.25;
export const MAX_SCALE = 16;
/** One wheel notch or key press: ×1.25 in, ÷1.25 out. */
export const ZOOM_STEP = 1.25;
/** Arrow keys move the image this many screen pixels. */
export const PAN_STEP = 48;

const clampScale = (scale: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

/** `scale` multiplied by `factor` around `at` (screen pixels from the stage centre). */
export function zoomAt(
  current: ViewerTransform,
  factor: number,
  at: { x: number; y: number } = { x: 0, y: 0 },
): ViewerTransform {
  const scale = clampScale(current.scale * factor);
  const ratio = scale / current.scale;
  return { scale, x: at.x - (at.x - current.x) * ratio, y: at.y - (at.y - current.y) * ratio };
}

export const panBy = (current: ViewerTransform, dx: number, dy: number): ViewerTransform => ({
  ...current,
  x: current.x + dx,
  y: current.y + dy,
});

/** A wheel event's zoom factor: a notch is ×1.25; trackpad pinches (ctrl + small deltas) are smooth. */
export const wheelFactor = (deltaY: number, deltaMode: number): number => {
  const pixels = deltaMode === 1 ? deltaY * 40 : deltaMode === 2 ? deltaY * 800 : deltaY;
  return Math.min(ZOOM_STEP, Math.max(1 / ZOOM_STEP, 2 ** (-pixels / 240)));
};

export interface ViewerZoom {
  transform: ViewerTransform;
  zoomBy: (factor: number) => void;
  reset: () => void;
  onKeyDown: (event: KeyboardEvent) => void;
  onPointerDown: (event: PointerEvent) => void;
  onPointerMove: (event: PointerEvent) => void;
  onPointerUp: (event: PointerEvent) => void;
}

/** Wires wheel, pinch (two pointers), drag, +/-/0 and arrow keys to a transform; `resetKey` starts afresh. */
export function useViewerZoom(stage: RefObject<HTMLElement | null>, resetKey: string): ViewerZoom {
  const [transform, setTransform] = useState<ViewerTransform>(FITTED);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new image (resetKey) starts fitted
  useEffect(() => setTransform(FITTED), [resetKey]);

  const fromCentre = useCallback(
    (clientX: number, clientY: number) => {
      const box = stage.current?.getBoundingClientRect();
      if (!box) return { x: 0, y: 0 };
      return { x: clientX - (box.left + box.width / 2), y: clientY - (box.top + box.height / 2) };
    },
    [stage],
  );

  // React's wheel listener is passive; zooming must stop the page (and the canvas) from scrolling.
  // Re-attached per image: the stage element exists only while the viewer is open.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resetKey changes when the stage appears
  useEffect(() => {
    const element = stage.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const at = fromCentre(event.clientX, event.clientY);
      setTransform((current) => zoomAt(current, wheelFactor(event.deltaY, event.deltaMode), at));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [stage, fromCentre, resetKey]);

  const zoomBy = useCallback((factor: number) => setTransform((current) => zoomAt(current, factor)), []);
  const reset = useCallback(() => setTransform(FITTED), []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [PAN_STEP, 0],
      ArrowRight: [-PAN_STEP, 0],
      ArrowUp: [0, PAN_STEP],
      ArrowDown: [0, -PAN_STEP],
    };
    const move = moves[event.key];
    if (event.key === '+' || event.key === '=') zoomBy(ZOOM_STEP);
    else if (event.key === '-' || event.key === '_') zoomBy(1 / ZOOM_STEP);
    else if (event.key === '0') reset();
    else if (move) setTransform((current) => panBy(current, move[0], move[1]));
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
  };

  const onPointerMove = (event: PointerEvent) => {
    const previous = pointers.current.get(event.pointerId);
    if (!previous) return;
    const next = { x: event.clientX, y: event.clientY };
    const others = [...pointers.current.entries()].filter(([id]) => id !== event.pointerId);
    pointers.current.set(event.pointerId, next);
    const other = others[0]?.[1];
    if (others.length === 1 && other) {
      // Pinch: the distance between two fingers scales the image around their midpoint.
      const before = Math.hypot(previous.x - other.x, previous.y - other.y);
      const after = Math.hypot(next.x - other.x, next.y - other.y);
      if (before > 0) {
        const at = fromCentre((next.x + other.x) / 2, (next.y + other.y) / 2);
        setTransform((current) => zoomAt(current, after / before, at));
      }
      return;
    }
    setTransform((current) => panBy(current, next.x - previous.x, next.y - previous.y));
  };

  const onPointerUp = (event: PointerEvent) => {
    pointers.current.delete(event.pointerId);
  };

  return { transform, zoomBy, reset, onKeyDown, onPointerDown, onPointerMove, onPointerUp };
}
