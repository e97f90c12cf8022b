import { create } from 'zustand';
import type { DocumentState } from '../store/document-store';
import type { RunState } from '../store/run-store';

/** One open workflow tab: the saved workflow's id and the name to show. */
export interface TabInfo {
  id: string;
  name: string;
}

/** A tab's run: going, or how it ended while the tab was in the background (until it is shown). */
export type TabRunBadge = 'running' | 'done' | 'failed' | 'cancelled';

/** The open tabs, in order, and which one is on screen. Never in history, never in a file. */
export interface TabsState {
  tabs: TabInfo[];
  activeId: string | null;
  /** A switch is under way (saving the old tab, opening the new one). */
  switching: boolean;
  /** Each tab's run badge, by workflow id (see run-routing.ts). */
  runBadges: Readonly<Record<string, TabRunBadge>>;
  /** A tab whose run is going was asked to close: the bar asks whether to cancel the run first. */
  closeAsk: string | null;
}

export const initialTabsState = (): TabsState => ({
  tabs: [],
  activeId: null,
  switching: false,
  runBadges: {},
  closeAsk: null,
});

export const useTabsStore = create<TabsState>()(initialTabsState);

/**
 * What a tab in the background keeps in memory: its document with the undo history, and its run
 * state (statuses, outputs, costs). The document itself is saved like any workflow; after a reload
 * a tab comes back from the library with its run state from run history (no undo history).
 */
export interface ParkedTab {
  history: DocumentState;
  run: RunState;
}

export const parkedTabs = new Map<string, ParkedTab>();

/** The settings key holding the open tabs' ids, in order. */
export const OPEN_TABS_SETTING = 'editor.openTabs';

/**
 * Set while New (the toolbar's button, Ctrl/⌘+N, the tab bar's +) loads its blank workflow: an
 * explicit new tab always opens beside the one on screen, even an untouched one.
 */
export const newTabIntent = { beside: false };
