import type { PeelStore } from '../../persistence';
import { getPeelStore, usePersistenceStore } from '../persistence/state';
import { useTabsStore } from './tabs-store';

/**
 * Each tab keeps its own pan and zoom (issue #17): kept when the canvas stops moving and when the
 * tab is left, put back when the tab comes forward, and saved in settings (one entry per open tab)
 * so a reload puts them back too. The canvas asks for it instead of fitting the graph
 * (Canvas.tsx); a workflow seen for the first time is fitted as before.
 */

export interface TabViewport {
  x: number;
  y: number;
  zoom: number;
}

/** The settings key holding each open tab's viewport, by workflow id. */
export const TAB_VIEWPORTS_SETTING = 'editor.tabViewports';

const viewports = new Map<string, TabViewport>();
/** The tab whose viewport the next fit of the canvas should put back. */
let pendingRestore: string | null = null;
/** Reads the canvas's viewport now (registered by the canvas). */
let readViewport: (() => TabViewport) | null = null;

const isViewport = (value: unknown): value is TabViewport => {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y, zoom } = value as Record<string, unknown>;
  return (
    typeof x === 'number' &&
    typeof y === 'number' &&
    typeof zoom === 'number' &&
    Number.isFinite(x) &&
    Number.isFinite(y) &&
    Number.isFinite(zoom) &&
    zoom > 0
  );
};

/** Written at once: the canvas reports a viewport only when a pan or zoom ends, not per frame. */
function persist(): void {
  const store = getPeelStore();
  if (!store) return;
  const open = new Set(useTabsStore.getState().tabs.map((tab) => tab.id));
  const saved: Record<string, TabViewport> = {};
  for (const [id, viewport] of viewports) if (open.has(id)) saved[id] = viewport;
  void store.settings.set(TAB_VIEWPORTS_SETTING, saved).catch(() => undefined);
}

export function rememberViewport(id: string, viewport: TabViewport): void {
  if (!isViewport(viewport)) return;
  const old = viewports.get(id);
  if (old && old.x === viewport.x && old.y === viewport.y && old.zoom === viewport.zoom) return;
  viewports.set(id, { x: viewport.x, y: viewport.y, zoom: viewport.zoom });
  persist();
}

/** The canvas stopped moving: that is the viewport of the workflow on screen. */
export function rememberShownViewport(viewport: TabViewport): void {
  const id = usePersistenceStore.getState().workflowId;
  if (id !== null && !useTabsStore.getState().switching) rememberViewport(id, viewport);
}

export const viewportOf = (id: string): TabViewport | undefined => viewports.get(id);

/** The tab is being left: its viewport as it is now. */
export function captureViewport(id: string): void {
  const viewport = readViewport?.();
  if (viewport) rememberViewport(id, viewport);
}

export function setViewportSource(read: (() => TabViewport) | null): void {
  readViewport = read;
}

/**
 * Workflow `id` came on screen: the canvas's next fit (asked for in the same step, as the workflow
 * opened) puts its viewport back. A workflow without one is fitted, and arms nothing that a later
 * fit (opening a component) could pick up.
 */
export function armViewportRestore(id: string): void {
  pendingRestore = viewports.has(id) ? id : null;
}

/** For the canvas's fit: the viewport to put back instead (once), or null to fit the graph. */
export function takeViewportRestore(): TabViewport | null {
  const id = pendingRestore;
  pendingRestore = null;
  if (id === null || usePersistenceStore.getState().workflowId !== id) return null;
  return viewports.get(id) ?? null;
}

export function forgetViewport(id: string): void {
  if (viewports.delete(id)) persist();
}

/** After a reload, before the last workflow opens: the viewports saved with the tabs. */
export async function loadTabViewports(store: PeelStore): Promise<void> {
  const saved = await store.settings.get<unknown>(TAB_VIEWPORTS_SETTING).catch(() => undefined);
  if (typeof saved !== 'object' || saved === null) return;
  for (const [id, viewport] of Object.entries(saved)) if (isViewport(viewport)) viewports.set(id, viewport);
}

export function resetTabViewports(): void {
  viewports.clear();
  pendingRestore = null;
}
