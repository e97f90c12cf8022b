import { type ReactFlowState, useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import { create } from 'zustand';

/**
 * Level of detail for big graphs, in three steps:
 * - Far out (below FAR_BELOW_ZOOM) no text is readable: every node is a placeholder, its box with
 *   an empty title band and status band, and its ports (OverviewNode.tsx). A 500-node graph opens
 *   here; text, React Flow handles and their subscriptions for 500 nodes were most of its opening.
 * - Zoomed out (below COMPACT_BELOW_ZOOM) nodes on screen get the overview body (title, id, ports,
 *   outputs, status), granted many per frame, nearest the centre first.
 * - Zoomed in, nodes on screen get their full body (form fields), a few per frame, so crossing the
 *   zoom threshold never blocks a frame for long.
 * Granted nodes stay granted while the canvas pans (no remount on every pan frame); nodes are never
 * unmounted, and a placeholder has the overview's box and handle positions, so edges stay attached
 * throughout. Graphs of at most LOD_EVERYTHING_UP_TO nodes switch all at once.
 *
 * Learnt from Node Banana's nodeCulling (placeholders keep size and handles, deferred mounting,
 * no remount on pan) and ComfyUI's low-quality rendering (no text where it cannot be read).
 */

/** Below this zoom the overview's 15 px title is under 4.5 px on screen: placeholders only. */
export const FAR_BELOW_ZOOM = 0.3;
/** Below this zoom the form controls are unreadable: compact bodies for every node. */
export const COMPACT_BELOW_ZOOM = 0.45;
/** Graphs this small switch all at once (a handful of nodes: no long frame, no pop-in). */
export const LOD_EVERYTHING_UP_TO = 60;
/** Full bodies mounted per frame while zooming in or panning into new nodes. */
export const FULL_BODIES_PER_FRAME = 6;
/** Overview bodies mounted per frame (a few elements each, no view). */
export const OVERVIEW_BODIES_PER_FRAME = 40;
/** Nodes this far outside the window (fraction of its size) count as on screen: ready before seen. */
const SCREEN_MARGIN = 0.15;

export interface LodState {
  /** Below FAR_BELOW_ZOOM: every node is a placeholder. */
  far: boolean;
  /** Below COMPACT_BELOW_ZOOM: no node shows its full body. */
  zoomedOut: boolean;
  /** Small graph: every node may show its overview or full body at once. */
  everything: boolean;
  /** Big graph: the nodes granted at least an overview body so far (cleared when going far out). */
  readable: ReadonlySet<string>;
  /** Big graph: the nodes granted a full body so far (cleared when zooming out). */
  full: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

/** Where a node's body starts: full bodies everywhere, as a small graph at a readable zoom has. */
export const LOD_START: LodState = Object.freeze({
  far: false,
  zoomedOut: false,
  everything: true,
  readable: NONE,
  full: NONE,
});

export const useLodStore = create<LodState>()(() => LOD_START);

export type BodyLevel = 'placeholder' | 'overview' | 'full';

/**
 * What node `id` shows. One value per node from one store: crossing a zoom threshold re-renders
 * only the nodes whose body changes (in a big graph, the few granted per frame), not all of them,
 * as a separate zoom subscription per node did.
 */
export function bodyLevelOf(state: LodState, id: string): BodyLevel {
  if (state.far) return 'placeholder';
  if (!state.zoomedOut && (state.everything || state.full.has(id))) return 'full';
  return state.everything || state.readable.has(id) || state.full.has(id) ? 'overview' : 'placeholder';
}

export const useBodyLevel = (id: string): BodyLevel => useLodStore((state) => bodyLevelOf(state, id));

/** Whether node `id` shows its full body. */
export const useFullBody = (id: string): boolean => useLodStore((state) => bodyLevelOf(state, id) === 'full');

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

/** `base` with up to `limit` of `missing` added (the same set when nothing is missing). */
function grantSome(
  base: ReadonlySet<string>,
  missing: readonly string[],
  limit: number,
): { granted: ReadonlySet<string>; more: boolean } {
  if (missing.length === 0) return { granted: base, more: false };
  return { granted: new Set([...base, ...missing.slice(0, limit)]), more: missing.length > limit };
}

const sameLod = (a: LodState, b: LodState): boolean =>
  a.far === b.far &&
  a.zoomedOut === b.zoomedOut &&
  a.everything === b.everything &&
  a.readable === b.readable &&
  a.full === b.full;

/** One step of the controller: what the granted sets become, and whether more steps are needed. */
export function nextGrant(
  state: Pick<ReactFlowState, 'transform' | 'width' | 'height' | 'nodeLookup'>,
  current: LodState,
): { next: LodState; more: boolean } {
  const zoom = state.transform[2];
  const far = zoom < FAR_BELOW_ZOOM;
  const zoomedOut = zoom < COMPACT_BELOW_ZOOM;
  const keep = (next: LodState, more: boolean) => ({ next: sameLod(next, current) ? current : next, more });
  if (state.nodeLookup.size <= LOD_EVERYTHING_UP_TO)
    return keep({ far, zoomedOut, everything: true, readable: NONE, full: NONE }, false);
  if (far) return keep({ far, zoomedOut, everything: false, readable: NONE, full: NONE }, false);
  const onScreen = nodesOnScreen(state);
  const fresh = current.everything || current.far;
  const readableBase = fresh ? NONE : current.readable;
  const fullBase = fresh || zoomedOut ? NONE : current.full;
  const readable = grantSome(
    readableBase,
    onScreen.filter((id) => !readableBase.has(id)),
    OVERVIEW_BODIES_PER_FRAME,
  );
  const full = zoomedOut
    ? { granted: NONE, more: false }
    : grantSome(
        fullBase,
        onScreen.filter((id) => !fullBase.has(id)),
        FULL_BODIES_PER_FRAME,
      );
  return keep(
    { far, zoomedOut, everything: false, readable: readable.granted, full: full.granted },
    readable.more || full.more,
  );
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
        // Crossing a zoom threshold or the graph-size limit applies at once (nodes mounting now
        // must not render full bodies for one frame); granting bodies waits for the next frame.
        const lod = useLodStore.getState();
        const far = state.transform[2] < FAR_BELOW_ZOOM;
        const zoomedOut = state.transform[2] < COMPACT_BELOW_ZOOM;
        const everything = state.nodeLookup.size <= LOD_EVERYTHING_UP_TO;
        if (far !== lod.far || zoomedOut !== lod.zoomedOut || everything !== lod.everything) step();
        else schedule();
      }
    });
    step();
    return () => {
      unsubscribe();
      if (frame !== 0) cancelAnimationFrame(frame);
      useLodStore.setState(LOD_START, true);
    };
  }, [store]);
  return null;
}
