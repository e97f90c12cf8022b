import { type ReactFlowState, useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import { create } from 'zustand';

/**
 * Level of detail for big graphs. Zoomed out, every node shows a compact body (title, ports,
 * outputs). Zoomed in, only nodes on screen get their full body (form fields), granted a few per
 * frame, nearest the centre first, so crossing the zoom threshold never blocks a frame for long.
 * Granted nodes stay full while the canvas pans (no remount on every pan frame); nodes are never
 * unmounted, so edges stay attached to their handles throughout.
 *
 * Learnt from Node Banana's nodeCulling (placeholders keep size and handles, deferred mounting,
 * no remount on pan); written for Peel's compact bodies instead of placeholders.
 */

/** Below this zoom the form controls are unreadable: compact bodies for every node. */
export const COMPACT_BELOW_ZOOM = 0.45;
/** Graphs this small switch all at once (a handful of nodes: no long frame, no pop-in). */
export const LOD_EVERYTHING_UP_TO = 60;
/** Full bodies mounted per frame while zooming in or panning into new nodes. */
export const FULL_BODIES_PER_FRAME = 6;
/** Nodes this far outside the window (fraction of its size) count as on screen: ready before seen. */
const SCREEN_MARGIN = 0.15;

export interface LodState {
  /** Below COMPACT_BELOW_ZOOM: every node is compact. */
  zoomedOut: boolean;
  /** Small graph: every node may show its full body. */
  everything: boolean;
  /** Big graph: the nodes granted a full body so far (cleared when zooming out). */
  full: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

export const useLodStore = create<LodState>()(() => ({ zoomedOut: false, everything: true, full: NONE }));

/**
 * Whether node `id` shows its full body. One boolean per node from one store: crossing the zoom
 * threshold re-renders only the nodes whose body changes (in a big graph, the few granted per
 * frame), not all of them, as a separate zoom subscription per node did.
 */
export const fullBodyOf = (state: LodState, id: string): boolean =>
  !state.zoomedOut && (state.everything || state.full.has(id));

export const useFullBody = (id: string): boolean => useLodStore((state) => fullBodyOf(state, id));

/**
 * Nodes granted a full body whose view has not been committed yet (it renders deferred, see
 * OverviewNode.tsx). The controller grants no more until they are in: otherwise each frame's grant
 * interrupts the deferred render, which then restarts with more nodes and commits them all at once.
 */
const mounting = new Set<string>();

/** How many granted views are still on their way (for tests: none may be left behind). */
export const viewsMounting = (): number => mounting.size;

/** A node component reports a granted view still on its way (true) or arrived/withdrawn (false). */
export function reportMounting(id: string, waiting: boolean): void {
  if (waiting) mounting.add(id);
  else mounting.delete(id);
}

/** Ids of the nodes on screen (with a margin), nearest the centre first. */
export function nodesOnScreen(
  state: Pick<ReactFlowState, 'transform' | 'width' | 'height' | 'nodeLookup'>,
): string[] {
  const [tx, ty, zoom] = state.transform;
  const marginX = state.width * SCREEN_MARGIN;
  const marginY = state.height * SCREEN_MARGIN;
  const left = (-tx - marginX) / zoom;
  const top = (-ty - marginY) / zoom;
  const right = (-tx + state.width + marginX) / zoom;
  const bottom = (-ty + state.height + marginY) / zoom;
  const centreX = (left + right) / 2;
  const centreY = (top + bottom) / 2;
  const found: { id: string; distance: number }[] = [];
  for (const [id, node] of state.nodeLookup) {
    const { x, y } = node.internals.positionAbsolute;
    const width = node.measured.width ?? 0;
    const height = node.measured.height ?? 0;
    if (x > right || y > bottom || x + width < left || y + height < top) continue;
    found.push({ id, distance: Math.hypot(x + width / 2 - centreX, y + height / 2 - centreY) });
  }
  return found.sort((a, b) => a.distance - b.distance).map((entry) => entry.id);
}

/** One step of the controller: what the granted set becomes, and whether more steps are needed. */
export function nextGrant(
  state: Pick<ReactFlowState, 'transform' | 'width' | 'height' | 'nodeLookup'>,
  current: LodState,
): { next: LodState; more: boolean } {
  const zoomedOut = state.transform[2] < COMPACT_BELOW_ZOOM;
  if (state.nodeLookup.size <= LOD_EVERYTHING_UP_TO) {
    const same = current.everything && current.zoomedOut === zoomedOut;
    return { next: same ? current : { zoomedOut, everything: true, full: NONE }, more: false };
  }
  if (zoomedOut) {
    const same = current.zoomedOut && !current.everything && current.full.size === 0;
    return { next: same ? current : { zoomedOut: true, everything: false, full: NONE }, more: false };
  }
  const base = current.everything ? NONE : current.full;
  const missing = nodesOnScreen(state).filter((id) => !base.has(id));
  if (missing.length === 0) {
    const same = !current.everything && !current.zoomedOut;
    return { next: same ? current : { zoomedOut: false, everything: false, full: base }, more: false };
  }
  const batch = missing.slice(0, FULL_BODIES_PER_FRAME);
  return {
    next: { zoomedOut: false, everything: false, full: new Set([...base, ...batch]) },
    more: missing.length > batch.length,
  };
}

/** Lives inside <ReactFlow>: watches the viewport and grants full bodies a few per frame. */
export function LevelOfDetail(): null {
  const store = useStoreApi();
  useEffect(() => {
    let frame = 0;
    const step = () => {
      if (frame !== 0) cancelAnimationFrame(frame);
      frame = 0;
      const lod = useLodStore.getState();
      // Granted views still rendering: wait for them (zooming out never waits).
      if (mounting.size > 0 && !lod.zoomedOut && store.getState().transform[2] >= COMPACT_BELOW_ZOOM) {
        schedule();
        return;
      }
      const { next, more } = nextGrant(store.getState(), lod);
      if (next !== useLodStore.getState()) useLodStore.setState(next, true);
      if (more) schedule();
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(step);
    };
    const unsubscribe = store.subscribe((state, previous) => {
      if (
        state.transform !== previous.transform ||
        state.nodeLookup !== previous.nodeLookup ||
        state.width !== previous.width ||
        state.height !== previous.height
      ) {
        // Crossing the zoom threshold or the graph-size limit applies at once (nodes mounting now
        // must not render full bodies for one frame); granting bodies waits for the next frame.
        const lod = useLodStore.getState();
        const zoomedOut = state.transform[2] < COMPACT_BELOW_ZOOM;
        const everything = state.nodeLookup.size <= LOD_EVERYTHING_UP_TO;
        if (zoomedOut !== lod.zoomedOut || everything !== lod.everything) step();
        else schedule();
      }
    });
    step();
    return () => {
      unsubscribe();
      if (frame !== 0) cancelAnimationFrame(frame);
      useLodStore.setState({ zoomedOut: false, everything: true, full: NONE }, true);
    };
  }, [store]);
  return null;
}
