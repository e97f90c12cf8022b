import type { ReactFlowState } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import {
  bodyLevelOf,
  COMPACT_BELOW_ZOOM,
  FAR_BELOW_ZOOM,
  FULL_BODIES_PER_FRAME,
  LOD_EVERYTHING_UP_TO,
  LOD_START,
  type LodState,
  nextGrant,
  nodesOnScreen,
  OVERVIEW_BODIES_PER_FRAME,
} from '../../../src/editor/canvas/level-of-detail';

type Flow = Pick<ReactFlowState, 'transform' | 'width' | 'height' | 'nodeLookup'>;

/** `count` nodes of 280 x 100 in rows of 20, 400 x 300 apart, seen through a 1400 x 900 canvas. */
function flow(count: number, zoom: number, at: [number, number] = [0, 0]): Flow {
  const nodeLookup = new Map();
  for (let i = 0; i < count; i++)
    nodeLookup.set(`n${i}`, {
      id: `n${i}`,
      measured: { width: 280, height: 100 },
      internals: { positionAbsolute: { x: (i % 20) * 400, y: Math.floor(i / 20) * 300 } },
    });
  return { transform: [at[0], at[1], zoom], width: 1400, height: 900, nodeLookup } as unknown as Flow;
}

/** Steps the controller until it needs no more frames; returns every step's state. */
function settle(state: Flow, from: LodState): LodState[] {
  const steps: LodState[] = [];
  let current = from;
  for (let i = 0; i < 1000; i++) {
    const { next, more } = nextGrant(state, current);
    steps.push(next);
    current = next;
    if (!more) return steps;
  }
  throw new Error('the controller never settled');
}

const last = (steps: LodState[]): LodState => steps[steps.length - 1] as LodState;
const levels = (state: LodState, ids: string[]) => ids.map((id) => bodyLevelOf(state, id));

describe('level of detail', () => {
  it('far out, every node of a big graph is a placeholder and nothing is granted', () => {
    const { next, more } = nextGrant(flow(500, FAR_BELOW_ZOOM - 0.01), LOD_START);
    expect(next).toMatchObject({ far: true, zoomedOut: true, everything: false });
    expect(next.readable.size + next.full.size).toBe(0);
    expect(more).toBe(false);
    expect(levels(next, ['n0', 'n250', 'n499'])).toEqual(['placeholder', 'placeholder', 'placeholder']);
  });

  it('between the switches, nodes on screen get overview bodies, many per frame, and only they', () => {
    const state = flow(500, 0.35);
    const onScreen = nodesOnScreen(state);
    expect(onScreen.length).toBeGreaterThan(OVERVIEW_BODIES_PER_FRAME);
    expect(onScreen.length).toBeLessThan(500);
    const steps = settle(state, nextGrant(flow(500, 0.1), LOD_START).next);
    // Each frame adds at most the batch, and the last frame has every node on screen.
    let before = 0;
    for (const step of steps) {
      expect(step.readable.size - before).toBeLessThanOrEqual(OVERVIEW_BODIES_PER_FRAME);
      expect(step.full.size).toBe(0);
      before = step.readable.size;
    }
    const done = last(steps);
    expect([...done.readable].sort()).toEqual([...onScreen].sort());
    expect(bodyLevelOf(done, onScreen[0] as string)).toBe('overview');
    const offScreen = [...state.nodeLookup.keys()].filter((id) => !onScreen.includes(id));
    expect(offScreen.length).toBeGreaterThan(0);
    expect(new Set(levels(done, offScreen))).toEqual(new Set(['placeholder']));
    // Settled: another step changes nothing (the same object, so no store update, no render).
    expect(nextGrant(state, done)).toEqual({ next: done, more: false });
    expect(nextGrant(state, done).next).toBe(done);
  });

  it('zoomed in, nodes on screen get full bodies a few per frame; zooming out keeps the overviews', () => {
    const zoomed = flow(500, COMPACT_BELOW_ZOOM + 0.2);
    const onScreen = nodesOnScreen(zoomed);
    const steps = settle(zoomed, LOD_START);
    let before = 0;
    for (const step of steps) {
      expect(step.full.size - before).toBeLessThanOrEqual(FULL_BODIES_PER_FRAME);
      before = step.full.size;
    }
    const done = last(steps);
    expect([...done.full].sort()).toEqual([...onScreen].sort());
    expect(new Set(levels(done, onScreen))).toEqual(new Set(['full']));

    // Back below the compact switch: full bodies go at once, the overviews stay granted.
    const out = nextGrant(flow(500, COMPACT_BELOW_ZOOM - 0.05), done);
    expect(out.next.full.size).toBe(0);
    expect([...onScreen].every((id) => out.next.readable.has(id))).toBe(true);
    expect(new Set(levels(out.next, onScreen))).toEqual(new Set(['overview']));
    // Far out again: everything back to placeholders, nothing kept.
    const far = nextGrant(flow(500, FAR_BELOW_ZOOM - 0.05), out.next);
    expect(far.next.readable.size + far.next.full.size).toBe(0);
    expect(far.more).toBe(false);
  });

  it('panning to new nodes grants them; granted nodes off screen keep their bodies (no remount)', () => {
    const first = last(settle(flow(500, 0.35), LOD_START));
    const panned = flow(500, 0.35, [-1000, -500]);
    const moved = last(settle(panned, first));
    for (const id of first.readable) expect(moved.readable.has(id)).toBe(true);
    const newcomers = nodesOnScreen(panned).filter((id) => !first.readable.has(id));
    expect(newcomers.length).toBeGreaterThan(0);
    expect(newcomers.every((id) => moved.readable.has(id))).toBe(true);
  });

  it('a small graph switches at once at both thresholds', () => {
    const small = LOD_EVERYTHING_UP_TO;
    const far = nextGrant(flow(small, FAR_BELOW_ZOOM - 0.01), LOD_START);
    expect(far).toEqual({ next: { ...LOD_START, far: true, zoomedOut: true }, more: false });
    expect(bodyLevelOf(far.next, 'n3')).toBe('placeholder');
    const overview = nextGrant(flow(small, FAR_BELOW_ZOOM + 0.01), far.next).next;
    expect(levels(overview, ['n0', `n${small - 1}`])).toEqual(['overview', 'overview']);
    const full = nextGrant(flow(small, COMPACT_BELOW_ZOOM), overview);
    expect(levels(full.next, ['n0', `n${small - 1}`])).toEqual(['full', 'full']);
    // Already there: the same object back.
    expect(nextGrant(flow(small, 1), LOD_START).next).toBe(LOD_START);
  });
});
