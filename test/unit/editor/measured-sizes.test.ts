import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushMeasuredSizes, recordMeasuredSizes } from '../../../src/editor/canvas/measured-sizes';
import { useViewStore } from '../../../src/editor/store/view-store';

const frames: FrameRequestCallback[] = [];

beforeEach(() => {
  frames.length = 0;
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  useViewStore.setState({ measured: { old: { width: 10, height: 10 } } });
});
afterEach(() => {
  flushMeasuredSizes();
  vi.unstubAllGlobals();
});

describe('measured sizes', () => {
  it('reach the view store at the next frame, all sizes of the frame in one update', () => {
    const updates: unknown[] = [];
    const unsubscribe = useViewStore.subscribe((state, previous) => {
      if (state.measured !== previous.measured) updates.push(state.measured);
    });
    recordMeasuredSizes({ a: { width: 280, height: 200 } });
    recordMeasuredSizes({ b: { width: 300, height: 120 }, a: { width: 280, height: 240 } });
    // Nothing yet: React Flow's ResizeObserver callback must not re-render the canvas.
    expect(updates).toEqual([]);
    expect(frames).toHaveLength(1);
    frames[0]?.(0);
    unsubscribe();
    expect(updates).toHaveLength(1);
    expect(useViewStore.getState().measured).toEqual({
      old: { width: 10, height: 10 },
      a: { width: 280, height: 240 },
      b: { width: 300, height: 120 },
    });
  });

  it('asks for a new frame once the last one has been applied', () => {
    recordMeasuredSizes({ a: { width: 1, height: 1 } });
    frames[0]?.(0);
    recordMeasuredSizes({ a: { width: 2, height: 2 } });
    expect(frames).toHaveLength(2);
    flushMeasuredSizes();
    expect(useViewStore.getState().measured.a).toEqual({ width: 2, height: 2 });
    // A frame arriving after an early flush changes nothing.
    const before = useViewStore.getState().measured;
    frames[1]?.(0);
    expect(useViewStore.getState().measured).toBe(before);
  });
});
