import { useEffect, useRef } from 'react';
import { useViewStore } from '../store/view-store';
import { useViewportPlacement } from '../ui/viewport-placement';

const SHOWN_MS = 2600;

/** "a text output cannot feed a image input": a refused link says why, at the pointer, briefly. */
export function RefusalTip() {
  const refusal = useViewStore((state) => state.refusal);
  const tip = useRef<HTMLDivElement>(null);
  const anchor = refusal ? { x: refusal.x + 12, y: refusal.y + 12 } : null;
  const placement = useViewportPlacement(tip, anchor);
  useEffect(() => {
    if (!refusal) return;
    const timer = setTimeout(() => {
      if (useViewStore.getState().refusal === refusal) useViewStore.setState({ refusal: null });
    }, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [refusal]);
  if (!refusal) return null;
  return (
    <div ref={tip} className="refusal-tip" role="status" data-testid="refusal-tip" style={placement}>
      {refusal.reason}
    </div>
  );
}
