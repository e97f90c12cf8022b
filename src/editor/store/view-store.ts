import { create } from 'zustand';

/** What the user is looking at: never in history, never in the workflow file. */
export type Panel = 'settings' | 'help' | 'run-form' | 'batch' | 'library' | 'history' | 'storage' | null;

export interface SearchPopupState {
  /** Screen position of the popup. */
  screen: { x: number; y: number };
  /** Where the new node goes, in flow coordinates. */
  flow: { x: number; y: number };
  /** A link released in empty space: the new node connects to it. */
  pending?: { nodeId: string; port: string; side: 'source' | 'target' };
}

export interface ViewState {
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  panel: Panel;
  /** Why the settings opened (e.g. a run needs a key). */
  settingsReason: string | null;
  search: SearchPopupState | null;
  /** With `compareWith`, the viewer shows the two images in a wipe ("Compare with…"). */
  viewer: { nodeId: string; hash: string; compareWith?: string } | null;
  hintVisible: boolean;
  paletteFilter: string;
  /** Measured node sizes from React Flow (not document: they follow the rendering). */
  measured: Readonly<Record<string, { width: number; height: number }>>;
  /** A transient message in the status bar (load errors, paste problems). */
  toast: string | null;
  /** Bumped to ask the canvas to fit the graph (after a load or layout). */
  fitRequest: number;
  /** The node whose title is being edited (double-click or F2), if any. */
  renaming: string | null;
  /** Why a link just dropped on a handle was refused, shown briefly at the pointer. */
  refusal: { x: number; y: number; reason: string } | null;
}

const EMPTY: ReadonlySet<string> = new Set();

export const useViewStore = create<ViewState>()(() => ({
  selectedNodes: EMPTY,
  selectedEdges: EMPTY,
  panel: null,
  settingsReason: null,
  search: null,
  viewer: null,
  hintVisible: false,
  paletteFilter: '',
  measured: {},
  toast: null,
  fitRequest: 0,
  renaming: null,
  refusal: null,
}));

export const view = {
  select(nodes: Iterable<string>, edges: Iterable<string> = []): void {
    useViewStore.setState({ selectedNodes: new Set(nodes), selectedEdges: new Set(edges) });
  },
  openPanel(panel: Panel, reason: string | null = null): void {
    useViewStore.setState({ panel, settingsReason: panel === 'settings' ? reason : null });
  },
  togglePanel(panel: Exclude<Panel, null>): void {
    const current = useViewStore.getState().panel;
    view.openPanel(current === panel ? null : panel);
  },
  requestFit(): void {
    useViewStore.setState((state) => ({ fitRequest: state.fitRequest + 1 }));
  },
  toast(message: string | null): void {
    useViewStore.setState({ toast: message });
  },
};
