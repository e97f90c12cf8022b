import type { PeelStore } from '../../persistence';
import { newBlankWorkflow } from '../panels/TemplateMenu';
import { bumpRevisionTick, getPeelStore, usePersistenceStore } from '../persistence/state';
import { openWorkflow, restoreDocumentState, setSessionListeners } from '../persistence/workflow-session';
import { cancelRunOf } from '../run/run-actions';
import { detachRunState, isRunning, resetRunRouting, showRunStateOf } from '../run/run-routing';
import { type DocumentState, useDocumentStore } from '../store/document-store';
import { type RunState, useRunStore } from '../store/run-store';
import { view } from '../store/view-store';
import { armViewportRestore, captureViewport, forgetViewport, resetTabViewports } from './tab-viewports';
import {
  initialTabsState,
  newTabIntent,
  OPEN_TABS_SETTING,
  type ParkedTab,
  parkedTabs,
  type TabInfo,
  useTabsStore,
} from './tabs-store';

/**
 * Several workflows open at once, as tabs. The editor's stores hold the workflow on screen; a tab
 * in the background is parked (its document with undo history, its run state) and put back when
 * it comes forward. Every way of opening a workflow (New, a template, an import, the library,
 * history) opens it in a new tab, or brings its tab forward when it is already open. The list of
 * tabs is kept in settings and restored after a reload.
 *
 * A run goes on when its tab goes to the background: its events land in the parked run state
 * (src/editor/run/run-routing.ts), and the tab shows a badge while it runs and when it ends.
 */

/** A load over the open workflow (New, template, import) parked it at once: its id. */
let parkedByFreshLoad: string | null = null;
/** Tabs being closed: their state is not parked, their id is not re-added. */
const closing = new Set<string>();
let unsubscribe: Array<() => void> = [];
/** Until the saved tab list has been read back (boot), it must not be overwritten. */
let listRestored = false;
/** Workflows created in this page's life (the first start's, New, templates, imports). */
const createdHere = new Set<string>();
/**
 * The tab just left, if it was created here and never edited or run: the next workflow opened
 * over it (a template, an import, one from the library; not New, which asks for a tab) takes its
 * place and it goes to the trash, as a browser's new-tab page does, so opening a template right
 * after the start leaves one tab, not a stray copy of the starter.
 */
let replaceable: string | null = null;

const snapshot = (history: DocumentState, run: RunState): ParkedTab => ({
  history: { doc: history.doc, past: history.past, future: history.future },
  run,
});

const isTab = (id: string): boolean => useTabsStore.getState().tabs.some((tab) => tab.id === id);

/** Parks tab `id` with this document state and the run state on screen, then empties the run store. */
function park(id: string, history: DocumentState): void {
  const run = useRunStore.getState();
  replaceable =
    !closing.has(id) &&
    createdHere.has(id) &&
    history.past.length === 0 &&
    history.future.length === 0 &&
    !run.running &&
    !isRunning(id) &&
    Object.keys(run.nodes).length === 0
      ? id
      : null;
  if (!closing.has(id) && isTab(id)) {
    parkedTabs.set(id, snapshot(history, useRunStore.getState()));
    captureViewport(id);
  }
  // From now on its run's events go to the parked state (or nowhere, once closed).
  detachRunState();
}

function onLeave(id: string): void {
  if (parkedByFreshLoad === id) {
    parkedByFreshLoad = null;
    return;
  }
  park(id, useDocumentStore.getState());
}

/** A new document loaded over the open one: the open one is parked now, before its run goes on. */
function onFreshLoad(previous: DocumentState): void {
  const id = usePersistenceStore.getState().workflowId;
  if (id === null) return;
  park(id, previous);
  if (newTabIntent.beside) replaceable = null;
  parkedByFreshLoad = id;
}

function persistTabs(store: PeelStore | null = getPeelStore()): void {
  if (!store || !listRestored) return;
  const ids = useTabsStore.getState().tabs.map((tab) => tab.id);
  void store.settings.set(OPEN_TABS_SETTING, ids).catch(() => undefined);
}

/** The workflow on screen changed (any cause): it is the active tab, added at the end if new. */
function onWorkflowShown(id: string | null): void {
  if (id === null || closing.has(id)) return;
  const { tabs } = useTabsStore.getState();
  const name = useDocumentStore.getState().doc.name;
  const known = tabs.some((tab) => tab.id === id);
  const replaced = !known && replaceable !== id ? replaceable : null;
  replaceable = null;
  const at = replaced === null ? -1 : tabs.findIndex((tab) => tab.id === replaced);
  useTabsStore.setState({
    tabs: known
      ? tabs
      : at >= 0
        ? tabs.map((tab, i) => (i === at ? { id, name } : tab))
        : [...tabs, { id, name }],
    activeId: id,
  });
  if (replaced !== null && at >= 0) {
    parkedTabs.delete(replaced);
    forgetViewport(replaced);
    createdHere.delete(replaced);
    // Never edited nor run: nothing is lost, and it stays restorable from the library's trash.
    void getPeelStore()
      ?.workflows.delete(replaced)
      .then(bumpRevisionTick, () => undefined);
  }
  // A parked tab gets its run state back from switchTab; any other shows the run store as it is.
  if (!parkedTabs.has(id)) showRunStateOf(id);
  // The canvas's fit for this workflow puts back its own pan and zoom, if it had one.
  armViewportRestore(id);
  if (!known) persistTabs();
}

function onCreated(id: string): void {
  createdHere.add(id);
}

/** Starts following the session; returns the stop function (tests stop and start again). */
export function startTabs(): () => void {
  stopTabs();
  setSessionListeners({ onLeave, onFreshLoad, onCreated, replaceableId: () => replaceable, parksRuns: true });
  unsubscribe = [
    usePersistenceStore.subscribe((state, previous) => {
      if (state.workflowId !== previous.workflowId) onWorkflowShown(state.workflowId);
    }),
    // The active tab shows the document's current name.
    useDocumentStore.subscribe((state, previous) => {
      if (state.doc.name === previous.doc.name) return;
      const { tabs, activeId } = useTabsStore.getState();
      if (usePersistenceStore.getState().workflowId !== activeId) return;
      useTabsStore.setState({
        tabs: tabs.map((tab) => (tab.id === activeId ? { ...tab, name: state.doc.name } : tab)),
      });
    }),
  ];
  onWorkflowShown(usePersistenceStore.getState().workflowId);
  return stopTabs;
}

export function stopTabs(): void {
  for (const stop of unsubscribe) stop();
  unsubscribe = [];
  setSessionListeners({});
  parkedTabs.clear();
  closing.clear();
  listRestored = false;
  parkedByFreshLoad = null;
  createdHere.clear();
  replaceable = null;
  resetRunRouting();
  resetTabViewports();
  useTabsStore.setState(initialTabsState());
}

/** After a reload: the tabs that were open, in their order (workflows since deleted are left out). */
export async function restoreOpenTabs(store: PeelStore): Promise<void> {
  const saved = await store.settings.get<unknown>(OPEN_TABS_SETTING).catch(() => undefined);
  listRestored = true;
  if (!Array.isArray(saved)) {
    persistTabs(store);
    return;
  }
  const library = await store.workflows.list().catch(() => []);
  const names = new Map(library.map((entry) => [entry.id, entry.name]));
  const { tabs, activeId } = useTabsStore.getState();
  const restored: TabInfo[] = [];
  for (const id of saved) {
    if (typeof id !== 'string' || restored.some((tab) => tab.id === id)) continue;
    const current = tabs.find((tab) => tab.id === id);
    const name = current?.name ?? names.get(id);
    if (name !== undefined) restored.push({ id, name });
  }
  for (const tab of tabs) if (!restored.some((kept) => kept.id === tab.id)) restored.push(tab);
  useTabsStore.setState({ tabs: restored, activeId });
  persistTabs(store);
}

/** Why the tab cannot change now, or null. A run going on screen is no reason: it goes on parked. */
function blocked(): string | null {
  if (useTabsStore.getState().switching) return 'Still opening the other tab…';
  return null;
}

/** Brings tab `id` forward: parks the one on screen, opens this one with what it had kept. */
export async function switchTab(id: string): Promise<string | null> {
  const { activeId, tabs } = useTabsStore.getState();
  if (id === activeId || !tabs.some((tab) => tab.id === id)) return null;
  const reason = blocked();
  if (reason) {
    view.toast(reason);
    return reason;
  }
  useTabsStore.setState({ switching: true });
  try {
    const failed = await openWorkflow(id);
    if (failed) {
      // Gone from the library (deleted elsewhere): the tab goes too.
      if (usePersistenceStore.getState().workflowId !== id) dropTab(id);
      view.toast(`Cannot open that tab: ${failed}`);
      return failed;
    }
    // Read now, not before opening: a run of this tab went on while it opened.
    const kept = parkedTabs.get(id);
    parkedTabs.delete(id);
    if (kept && usePersistenceStore.getState().workflowId === id) {
      restoreDocumentState(kept.history);
      useRunStore.setState(kept.run);
      showRunStateOf(id);
    }
    return null;
  } finally {
    useTabsStore.setState({ switching: false });
  }
}

/** Opens a saved workflow in a tab: its own tab if it has one, else a new one. */
export async function openInTab(id: string): Promise<string | null> {
  if (useTabsStore.getState().tabs.some((tab) => tab.id === id)) return switchTab(id);
  const reason = blocked();
  if (reason) return reason;
  return openWorkflow(id);
}

function dropTab(id: string): void {
  parkedTabs.delete(id);
  forgetViewport(id);
  useTabsStore.setState((state) => {
    const runBadges = { ...state.runBadges };
    delete runBadges[id];
    return {
      tabs: state.tabs.filter((tab) => tab.id !== id),
      runBadges,
      closeAsk: state.closeAsk === id ? null : state.closeAsk,
    };
  });
  persistTabs();
}

/**
 * Closes a tab (the workflow stays in the library). Closing the tab on screen brings its neighbour
 * forward; closing the last one opens a new blank workflow, so there is always one tab. A tab whose
 * run is going is not closed: the tab bar asks first (`closeAsk`), and `cancelRun` cancels that run
 * (history records it as cancelled) and closes the tab.
 */
export async function closeTab(id: string, options: { cancelRun?: boolean } = {}): Promise<void> {
  const { tabs, activeId } = useTabsStore.getState();
  const index = tabs.findIndex((tab) => tab.id === id);
  if (index < 0) return;
  if (isRunning(id)) {
    if (!options.cancelRun) {
      useTabsStore.setState({ closeAsk: id });
      return;
    }
    cancelRunOf(id);
  }
  if (useTabsStore.getState().closeAsk === id) useTabsStore.setState({ closeAsk: null });
  if (id !== activeId) {
    dropTab(id);
    return;
  }
  const reason = blocked();
  if (reason) {
    view.toast(reason);
    return;
  }
  const neighbour = tabs[index + 1] ?? tabs[index - 1];
  closing.add(id);
  try {
    if (neighbour) {
      const failed = await switchTab(neighbour.id);
      if (failed) return;
    } else {
      newBlankWorkflow();
    }
    dropTab(id);
  } finally {
    closing.delete(id);
  }
}

/** The tab `step` places after (or before) the active one, wrapping around. */
export function cycleTab(step: 1 | -1): void {
  const { tabs, activeId } = useTabsStore.getState();
  if (tabs.length < 2) return;
  const index = tabs.findIndex((tab) => tab.id === activeId);
  const next = tabs[(index + step + tabs.length) % tabs.length];
  if (next) void switchTab(next.id);
}
