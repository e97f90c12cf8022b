import {
  applyPatches,
  type Draft,
  enablePatches,
  type Objectish,
  type Patch,
  produceWithPatches,
} from 'immer';

enablePatches();

/** One undoable step: what changed and how to take it back. */
export interface HistoryEntry {
  label: string;
  patches: Patch[];
  inversePatches: Patch[];
  /** Entries with the same key merge (typing bursts, drags). */
  mergeKey?: string;
  /** A drag in progress keeps its entry open until the drop. */
  open?: boolean;
  at: number;
}

export interface MergeOptions {
  key: string;
  /** Merge with an entry of the same key made less than this long ago (typing bursts). */
  windowMs?: number;
  /** Keep the entry open (a drag in progress): later changes merge regardless of time. */
  open?: boolean;
}

export interface HistoryState<T> {
  doc: T;
  past: HistoryEntry[];
  future: HistoryEntry[];
}

export const MAX_HISTORY = 200;

/** Applies a recipe; returns the new state, or the same state when nothing changed. */
export function applyCommand<T>(
  state: HistoryState<T>,
  label: string,
  recipe: (draft: Draft<T>) => void,
  merge: MergeOptions | undefined,
  now: number,
): HistoryState<T> {
  const [doc, patches, inversePatches] = produceWithPatches(state.doc, recipe);
  const last = state.past.at(-1);
  if (patches.length === 0) {
    // A drop with no movement still closes the open drag entry.
    if (merge && last?.open && last.mergeKey === merge.key && !merge.open) {
      return { ...state, past: [...state.past.slice(0, -1), { ...last, open: false }] };
    }
    return state;
  }
  const canMerge =
    merge !== undefined &&
    last !== undefined &&
    last.mergeKey === merge.key &&
    (last.open === true || (merge.windowMs !== undefined && now - last.at <= merge.windowMs));
  let past: HistoryEntry[];
  if (canMerge && last) {
    const merged: HistoryEntry = {
      ...last,
      patches: [...last.patches, ...patches],
      inversePatches: [...inversePatches, ...last.inversePatches],
      at: now,
      open: merge?.open === true,
    };
    past = [...state.past.slice(0, -1), merged];
  } else {
    const entry: HistoryEntry = { label, patches, inversePatches, at: now };
    if (merge) {
      entry.mergeKey = merge.key;
      entry.open = merge.open === true;
    }
    past = [...state.past, entry].slice(-MAX_HISTORY);
  }
  return { doc, past, future: [] };
}

/**
 * Records a change computed without a recipe (its patches worked out by the caller, as
 * position-patches.ts does for Tidy) as one undo step; the same state when the change is empty.
 */
export function applyPatchedChange<T>(
  state: HistoryState<T>,
  label: string,
  change: { doc: T; patches: Patch[]; inversePatches: Patch[] },
  now: number,
): HistoryState<T> {
  if (change.patches.length === 0) return state;
  const entry: HistoryEntry = {
    label,
    patches: change.patches,
    inversePatches: change.inversePatches,
    at: now,
  };
  return { doc: change.doc, past: [...state.past, entry].slice(-MAX_HISTORY), future: [] };
}

export function undoState<T extends object>(state: HistoryState<T>): HistoryState<T> {
  const last = state.past.at(-1);
  if (!last) return state;
  return {
    doc: applyPatches(state.doc as Objectish, last.inversePatches) as T,
    past: state.past.slice(0, -1),
    future: [{ ...last, open: false }, ...state.future],
  };
}

export function redoState<T extends object>(state: HistoryState<T>): HistoryState<T> {
  const next = state.future[0];
  if (!next) return state;
  return {
    doc: applyPatches(state.doc as Objectish, next.patches) as T,
    past: [...state.past, next],
    future: state.future.slice(1),
  };
}
