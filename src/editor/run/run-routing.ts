import type { RunEvent, RunStatus } from '../../engine/events';
import { initialRunState, type RunState, reduceRunEvent, runActions, useRunStore } from '../store/run-store';
import { parkedTabs, type TabRunBadge, useTabsStore } from '../tabs/tabs-store';

/**
 * Where a run's events land (issue #17: runs go on in background tabs). The run store shows one
 * workflow's run state, that of the tab on screen; a tab in the background keeps its run state
 * parked (tabs-store). A run belongs to the workflow it started in (its owner): its events go to
 * the run store while that workflow is on screen, else to its parked state, else (tab closed)
 * nowhere but run history.
 */

/** The workflow whose run state the run store shows (null: none, or no tabs in this editor). */
let shownOwner: string | null = null;

export const shownRunOwner = (): string | null => shownOwner;

/** The run store now holds `owner`'s run state. A finished badge on its tab has been seen. */
export function showRunStateOf(owner: string | null): void {
  shownOwner = owner;
  if (owner !== null && !useRunStore.getState().running) setBadge(owner, null);
}

/**
 * The run state on screen was parked with its tab (which may still be running): the run store
 * starts empty for whatever comes next, and no run's events land there until a tab is shown.
 */
export function detachRunState(): void {
  shownOwner = null;
  useRunStore.setState(initialRunState());
}

function setBadge(owner: string, badge: TabRunBadge | null): void {
  const { runBadges, tabs } = useTabsStore.getState();
  if ((runBadges[owner] ?? null) === badge) return;
  // A closed tab's run (cancelled as it closed) leaves no badge for a later tab of that workflow.
  if (badge !== null && !tabs.some((tab) => tab.id === owner)) return;
  const next = { ...runBadges };
  if (badge === null) delete next[owner];
  else next[owner] = badge;
  useTabsStore.setState({ runBadges: next });
}

const FINISHED_BADGE: Record<RunStatus, TabRunBadge> = {
  ok: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** Applies a run's event where its owner's run state is. Returns whether it is on screen. */
export function routeRunEvent(owner: string | null, event: RunEvent): boolean {
  const shown = owner === shownOwner;
  if (shown) runActions.apply(event);
  else if (owner !== null) {
    const parked = parkedTabs.get(owner);
    if (parked) parked.run = reduceRunEvent(parked.run, event);
  }
  if (owner !== null) {
    if (event.type === 'run-start') setBadge(owner, 'running');
    // Seen as it ended: no badge. In the background: a badge until the tab comes forward.
    else if (event.type === 'run-finish') setBadge(owner, shown ? null : FINISHED_BADGE[event.status]);
  }
  return shown;
}

/** A run that stopped with an exception (a bug shown, not hidden), wherever its state is. */
export function failRunOf(owner: string | null, message: string): void {
  const failed: Partial<RunState> = { running: false, lastStatus: 'failed', lastError: message };
  if (owner === shownOwner) runActions.fail(message);
  else if (owner !== null) {
    const parked = parkedTabs.get(owner);
    if (parked) parked.run = { ...parked.run, ...failed };
  }
  if (owner !== null) setBadge(owner, owner === shownOwner ? null : 'failed');
}

/** Is `owner`'s run going (on screen or in the background)? */
export function isRunning(owner: string): boolean {
  if (owner === shownOwner) return useRunStore.getState().running;
  return parkedTabs.get(owner)?.run.running === true;
}

/** Forgets which run state is shown (tests, and an editor without tabs). */
export function resetRunRouting(): void {
  shownOwner = null;
}
