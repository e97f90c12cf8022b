import { getViewportForBounds } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { estimateOverviewViewport } from '../../../src/editor/canvas/overview-viewport';
import { node } from '../../helpers/workflows';

describe('estimateOverviewViewport', () => {
  const limits = { minZoom: 0.1, maxZoom: 1, padding: 0 };

  it('centres the graph and picks the zoom that fits it', () => {
    const nodes = [
      node('a', 'prompt', {}, { position: { x: 0, y: 0 } }),
      node('b', 'prompt', {}, { position: { x: 1720, y: 760 } }),
    ];
    // Bounds 0..2000 x 0..1000 (positions plus the assumed 280x240 node), into an 1000x1000 pane.
    const viewport = estimateOverviewViewport(nodes, { width: 1000, height: 1000 }, limits);
    expect(viewport).toEqual({ zoom: 0.5, x: 1000 / 2 - 1000 * 0.5, y: 1000 / 2 - 500 * 0.5 });
  });

  it('respects the zoom limits and refuses to guess without nodes or a pane', () => {
    const far = [
      node('a', 'prompt', {}, { position: { x: 0, y: 0 } }),
      node('b', 'prompt', {}, { position: { x: 100_000, y: 0 } }),
    ];
    expect(estimateOverviewViewport(far, { width: 800, height: 600 }, limits)?.zoom).toBe(0.1);
    const one = [node('a', 'prompt', {}, { position: { x: 0, y: 0 } })];
    expect(estimateOverviewViewport(one, { width: 800, height: 600 }, limits)?.zoom).toBe(1);
    expect(estimateOverviewViewport([], { width: 800, height: 600 }, limits)).toBeUndefined();
    expect(estimateOverviewViewport(one, { width: 0, height: 0 }, limits)).toBeUndefined();
  });

  it("uses the sizes it is given, as React Flow's Fit does", () => {
    const nodes = [
      node('a', 'prompt', {}, { position: { x: 0, y: 0 } }),
      node('b', 'prompt', {}, { position: { x: 720, y: 0 } }),
    ];
    const sized = { minZoom: 0.1, maxZoom: 1, padding: 0.2 };
    const viewport = estimateOverviewViewport(nodes, { width: 1000, height: 1000 }, sized, () => ({
      width: 280,
      height: 100,
    }));
    // Bounds 0..1000 x 0..100: the Fit made once the nodes are measured at that size lands here.
    expect(viewport).toEqual(
      getViewportForBounds({ x: 0, y: 0, width: 1000, height: 100 }, 1000, 1000, 0.1, 1, 0.2),
    );
    expect(viewport?.zoom).toBeLessThan(1);
  });
});
