import { describe, expect, it } from 'vitest';
import { boundsAfterLayout } from '../../../src/editor/canvas/canvas-box';
import { FIT_PADDING, fitCanvasTo } from '../../../src/editor/canvas/fit';
import { LOD_EVERYTHING_UP_TO } from '../../../src/editor/canvas/level-of-detail';

const node = (id: string, x: number, y: number) => ({ id, position: { x, y } });

describe('boundsAfterLayout', () => {
  it('frames the laid-out nodes at their new places and the others where they stay', () => {
    const nodes = [node('a', 0, 0), node('b', 10, 10), node('frame', -500, -400)];
    const positions = new Map([
      ['a', { x: 100, y: 50 }],
      ['b', { x: 400, y: 300 }],
    ]);
    const sizes: Record<string, { width: number; height: number }> = {
      a: { width: 280, height: 120 },
      b: { width: 200, height: 90 },
      frame: { width: 50, height: 40 },
    };
    expect(boundsAfterLayout(nodes, positions, (id) => sizes[id])).toEqual({
      x: -500,
      y: -400,
      width: 600 + 500,
      height: 390 + 400,
    });
  });

  it('is undefined without nodes or when a size is unknown', () => {
    expect(boundsAfterLayout([], new Map(), () => ({ width: 1, height: 1 }))).toBeUndefined();
    expect(boundsAfterLayout([node('a', 0, 0)], new Map(), () => undefined)).toBeUndefined();
  });
});

describe('fitCanvasTo', () => {
  const flowWith = (count: number) => {
    const calls: Array<[string, unknown, unknown?]> = [];
    const flow = {
      getNodes: () => Array.from({ length: count }, (_, i) => ({ id: `n${i}` })),
      fitView: async (options: unknown) => {
        calls.push(['fitView', options]);
        return true;
      },
      fitBounds: async (bounds: unknown, options: unknown) => {
        calls.push(['fitBounds', bounds, options]);
        return true;
      },
    } as unknown as Parameters<typeof fitCanvasTo>[0];
    return { flow, calls };
  };
  const box = { x: 1, y: 2, width: 300, height: 200 };

  it('fits to the known box: at once for a big graph, gliding for a small one', () => {
    const big = flowWith(LOD_EVERYTHING_UP_TO + 1);
    fitCanvasTo(big.flow, box);
    expect(big.calls).toEqual([['fitBounds', box, { padding: FIT_PADDING, duration: 0 }]]);
    const small = flowWith(3);
    fitCanvasTo(small.flow, box);
    expect(small.calls).toEqual([['fitBounds', box, { padding: FIT_PADDING, duration: 200 }]]);
  });

  it('without a box, fits to the nodes as Fit does', () => {
    const { flow, calls } = flowWith(3);
    fitCanvasTo(flow, undefined);
    expect(calls).toEqual([['fitView', { padding: FIT_PADDING, duration: 200 }]]);
  });
});
