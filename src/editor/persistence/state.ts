import { create } from 'zustand';
import type { AutosaveStatus, PeelStore, ReadOnlyReason } from '../../persistence';

/** `opening`: the database is being opened (the editor already works); `memory`: no IndexedDB. */
export type StorageMode = 'opening' | 'indexeddb' | 'memory';

export interface StorageNotice {
  id: number;
  kind: 'error' | 'info';
  /** Plain text: rendered as text only. */
  text: string;
  /** A notice that grows in place (storage full: one banner listing what could not be saved). */
  key?: string;
}

/** What the editor shows about storage. Never in history, never in the workflow file. */
export interface PersistenceState {
  mode: StorageMode;
  /** Why storage is unavailable (memory mode). */
  memoryReason: string | null;
  workflowId: string | null;
  save: AutosaveStatus;
  /** Set while another tab edits this workflow. */
  readOnly: ReadOnlyReason | null;
  /** A save was refused because the stored workflow is newer (another tab saved). */
  conflict: string | null;
  /** Another tab opened a newer Peel: this tab should reload. */
  versionChange: boolean;
  /** Our upgrade waits for other tabs to close. */
  blocked: boolean;
  persistenceGranted: boolean | null;
  notices: StorageNotice[];
  /** The last workflow moved to the trash, for the undo toast. */
  trashed: { id: string; name: string } | null;
  /** Bumped after writes the library and history panels list. */
  revisionTick: number;
  /** Finished runs whose history is still being written: "Saving…" until it is safe to close. */
  historyWrites: number;
}

export const initialPersistenceState = (): PersistenceState => ({
  mode: 'opening',
  memoryReason: null,
  workflowId: null,
  save: { state: 'idle', message: 'No changes' },
  readOnly: null,
  conflict: null,
  versionChange: false,
  blocked: false,
  persistenceGranted: null,
  notices: [],
  trashed: null,
  revisionTick: 0,
  historyWrites: 0,
});

export const usePersistenceStore = create<PersistenceState>()(initialPersistenceState);

let noticeId = 0;
const MAX_NOTICES = 5;

/** Shows a storage message, unless the same text is already shown (then once is enough). */
export function addNotice(kind: StorageNotice['kind'], text: string): void {
  usePersistenceStore.setState((state) => {
    // A message already on screen is not stacked again: failures that repeat while storage is full
    // (history, cache, autosave taking turns) had filled the canvas with the same two banners.
    if (state.notices.some((notice) => notice.text === text)) return state;
    return { notices: [...state.notices, { id: ++noticeId, kind, text }].slice(-MAX_NOTICES) };
  });
}

/**
 * Shows the notice `key` with `text`: the one on screen changes its text where it is (no new
 * banner, nothing moves), or a new one is added.
 */
export function putNotice(key: string, kind: StorageNotice['kind'], text: string): void {
  usePersistenceStore.setState((state) => ({
    notices: state.notices.some((notice) => notice.key === key)
      ? state.notices.map((notice) => (notice.key === key ? { ...notice, kind, text } : notice))
      : [...state.notices, { id: ++noticeId, kind, text, key }].slice(-MAX_NOTICES),
  }));
}

export function dismissNotice(id: number): void {
  usePersistenceStore.setState((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
}

export const bumpRevisionTick = (): void =>
  usePersistenceStore.setState((state) => ({ revisionTick: state.revisionTick + 1 }));

/** The open store, or null before it opened / in memory mode. */
let current: PeelStore | null = null;
export const getPeelStore = (): PeelStore | null => current;
export function setPeelStore(store: PeelStore | null): void {
  current = store;
}
