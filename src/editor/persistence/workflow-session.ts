import type { Workflow } from '../../engine/workflow';
// Not the persistence barrel: it would bring Dexie into first paint (boot.ts opens the store later).
import type { PeelStore } from '../../persistence';
import {
  type Autosaver,
  createAutosaver,
  type HideEventSource,
  installFlushOnHide,
} from '../../persistence/autosaver';
import type { OpenedWorkflow } from '../../persistence/workflow-library';
import { createWriterLock, type WriterLock, type WriterLockOptions } from '../../persistence/writer-lock';
import { commands, type DocumentState, useDocumentStore } from '../store/document-store';
import { editScope } from '../store/edit-scope';
import { runActions, useRunStore } from '../store/run-store';
import { view } from '../store/view-store';
import { clearDraft, takeDraft, writeDraft } from './draft';
import { loadRunState, runStateFromHistory } from './restore-runs';
import { imagesToStore } from './save-images';
import { bumpRevisionTick, initialPersistenceState, usePersistenceStore } from './state';
import { uniqueWorkflowName } from './unique-name';

export const LAST_WORKFLOW_SETTING = 'editor.lastWorkflowId';

export interface SessionConfig {
  store: PeelStore;
  /** Where flush-on-hide listens (window in the app, an EventTarget in tests). */
  hideTarget?: HideEventSource;
  lock?: Pick<WriterLockOptions, 'locks' | 'createChannel' | 'heartbeatMs' | 'probeMs'>;
  autosaveDelayMs?: number;
}

/** The open workflow: its id, the revision the document is based on, its autosaver and lock. */
interface Session {
  id: string;
  revision: number;
  autosaver: Autosaver<Workflow>;
  lock: WriterLock | null;
  storedHashes: Set<string>;
  uninstallHide: () => void;
}

let config: SessionConfig | null = null;
let session: Session | null = null;
/** >0 while this module itself replaces the document (opening, reloading): not a user change. */
let ownLoads = 0;
let unsubscribeDoc: (() => void) | null = null;
/** Counts adoptions of new documents; see adoptAsNewWorkflow. */
let adoptions = 0;

const setState = usePersistenceStore.setState;

/**
 * For workflow tabs (src/editor/tabs): told when the open workflow is about to be left, and when
 * the user loaded a new document over it (`previous` is the document state with its undo history,
 * the last moment it can be kept). Tabs keep each workflow's history and run state this way.
 */
export interface SessionListeners {
  onLeave?: (workflowId: string) => void;
  onFreshLoad?: (previous: DocumentState) => void;
  /** The listener parks a running run with its workflow (it goes on in the background). */
  parksRuns?: boolean;
  /** A new workflow was created from a document (first start, New, a template, an import). */
  onCreated?: (workflowId: string) => void;
  /** The workflow just left if the next one opened takes its place (it then goes to the trash). */
  replaceableId?: () => string | null;
}
let listeners: SessionListeners = {};
export function setSessionListeners(next: SessionListeners): void {
  listeners = next;
}

/** Puts back a document with its undo history (a tab coming back): not an edit, not a new workflow. */
export function restoreDocumentState(state: DocumentState): void {
  ownLoads++;
  try {
    // Another workflow: the canvas shows it from the top, not inside a component of the last one.
    editScope.reset();
    useDocumentStore.setState({ doc: state.doc, past: state.past, future: state.future });
  } finally {
    ownLoads--;
  }
}

function loadOwn(doc: Workflow): void {
  ownLoads++;
  try {
    commands.loadWorkflow(doc);
  } finally {
    ownLoads--;
  }
}

function makeAutosaver(current: Session, store: PeelStore): Autosaver<Workflow> {
  const autosaver = createAutosaver<Workflow>({
    ...(config?.autosaveDelayMs !== undefined ? { delayMs: config.autosaveDelayMs } : {}),
    save: async (doc) => {
      const images = imagesToStore(doc, current.storedHashes);
      const result = await store.workflows.save(current.id, doc, { baseRevision: current.revision, images });
      if (!result.ok) return result;
      current.revision = result.value.revision;
      const missing = new Set(result.value.missingImages);
      for (const image of images) if (!missing.has(image.hash)) current.storedHashes.add(image.hash);
      // A newer edit waits: its draft must now name the new revision, or a restart would drop it.
      const latest = useDocumentStore.getState().doc;
      if (latest === doc) clearDraft(current.id);
      else writeDraft(current.id, current.revision, latest);
      bumpRevisionTick();
      return result;
    },
  });
  autosaver.subscribe((status) => {
    setState({ save: status });
    if (status.errorCode === 'conflict') setState({ conflict: status.message.replace(/^Not saved: /, '') });
  });
  return autosaver;
}

/** A fresh autosaver (dropping anything the old one still held) with flush-on-hide. */
function replaceAutosaver(current: Session, store: PeelStore): void {
  current.autosaver.dispose();
  current.uninstallHide();
  current.autosaver = makeAutosaver(current, store);
  current.uninstallHide = installFlushOnHide(current.autosaver, config?.hideTarget);
  setState({ save: { state: 'saved', message: 'All changes saved' }, conflict: null });
}

function onDocumentChange(doc: Workflow, past: number, future: number): void {
  if (ownLoads > 0 || !config) return;
  // Only commands.loadWorkflow leaves both histories empty: a template or an import, i.e. a new workflow.
  // Adopted even between sessions (while an earlier adoption is still saving): otherwise that older
  // adoption, finishing last, would put its document back over this newer one.
  if (past === 0 && future === 0) {
    void adoptAsNewWorkflow(doc);
    return;
  }
  if (!session) return;
  if (usePersistenceStore.getState().readOnly) return;
  writeDraft(session.id, session.revision, doc);
  session.autosaver.schedule(doc);
}

export function watchDocument(): void {
  unsubscribeDoc?.();
  unsubscribeDoc = useDocumentStore.subscribe((state, previous) => {
    if (state.doc === previous.doc) return;
    if (ownLoads === 0 && state.past.length === 0 && state.future.length === 0)
      listeners.onFreshLoad?.(previous);
    onDocumentChange(state.doc, state.past.length, state.future.length);
  });
}

export function configureSession(next: SessionConfig | null): void {
  config = next;
}

/** Makes `opened` the open workflow: document, autosave, writer lock, restored run state. */
export async function activate(
  opened: OpenedWorkflow,
  options: {
    applyDraft?: boolean;
    /** Just created here (a fresh id): it has no run history to read back. */
    created?: boolean;
  } = {},
): Promise<void> {
  if (!config) return;
  const { store } = config;
  const current: Session = {
    id: opened.id,
    revision: opened.revision,
    autosaver: createAutosaver<Workflow>({ save: async () => undefined }),
    lock: null,
    storedHashes: new Set(),
    uninstallHide: () => undefined,
  };
  session = current;
  replaceAutosaver(current, store);
  // A document adopted as a new workflow is already on screen: loading and fitting it again would
  // remount every node (hundreds, in a big import) for nothing.
  if (useDocumentStore.getState().doc !== opened.workflow) {
    loadOwn(opened.workflow);
    runActions.reset();
    view.select([]);
    view.requestFit();
  }
  setState({ workflowId: opened.id, readOnly: null, conflict: null });
  // A workflow created just now is not the last one yet: no need to read which one is.
  if (options.created) void store.settings.set(LAST_WORKFLOW_SETTING, opened.id);
  else
    void store.settings.get(LAST_WORKFLOW_SETTING).then((last) => {
      if (last !== opened.id) void store.settings.set(LAST_WORKFLOW_SETTING, opened.id);
    });
  const locking = createWriterLock(opened.id, {
    ...config.lock,
    onReadOnly: (reason) => {
      if (session === current) setState({ readOnly: reason });
    },
    onWritable: () => {
      // The writer tab closed: take its place, with any edit it could not save.
      if (session === current) void reloadFromStore('apply').then(() => setState({ readOnly: null }));
    },
  });
  // A workflow created a moment ago has an id no other tab has seen: no one else can hold its
  // lock, so the start does not wait for the browser to grant it (one round trip less before a
  // linked file or a first visit's template is ready). It is ours once granted.
  if (options.created) {
    void locking.then(
      (lock) => {
        if (session !== current) lock.release();
        else {
          current.lock = lock;
          if (lock.readOnly) setState({ readOnly: 'held-elsewhere' });
        }
      },
      // createWriterLock falls back when the browser refuses locks; should it fail anyway, saves
      // still check the revision.
      () => undefined,
    );
    setRunStateIfCurrent(current, runStateFromHistory(opened.workflow, []));
    return;
  }
  current.lock = await locking;
  if (session !== current) {
    current.lock.release();
    return;
  }
  // Only the writer replays a draft: a read-only tab must not consume the writer's safety copy.
  const draft =
    !current.lock.readOnly && options.applyDraft ? takeDraft(opened.id, opened.revision) : undefined;
  if (current.lock.readOnly) setState({ readOnly: 'held-elsewhere' });
  else if (draft) {
    // The edit the last tab could not save: show it and save it now.
    loadOwn(draft);
    current.autosaver.schedule(draft);
    void current.autosaver.flush();
  }
  const runState = await loadRunState(store, opened.id, draft ?? opened.workflow).catch(() => undefined);
  setRunStateIfCurrent(current, runState);
}

/**
 * Shows the opened workflow's run state (from its history; a workflow created a moment ago has no
 * runs, so its state is the empty history's, without a read) unless another workflow took the
 * screen meanwhile or a run started.
 */
function setRunStateIfCurrent(
  current: Session,
  runState: ReturnType<typeof runStateFromHistory> | undefined,
): void {
  if (runState && session === current && !useRunStore.getState().running)
    useRunStore.setState({
      ...runState,
      estimate: useRunStore.getState().estimate,
      // Restored failures describe the graph as loaded; an edit after this clears them.
      ranDoc: useDocumentStore.getState().doc,
    });
}

/** Saves what is pending, releases the lock and forgets the open workflow. */
export async function deactivate(): Promise<void> {
  const current = session;
  if (!current) return;
  listeners.onLeave?.(current.id);
  if (!usePersistenceStore.getState().readOnly) await current.autosaver.flush();
  session = null;
  current.autosaver.dispose();
  current.lock?.release();
  current.uninstallHide();
  setState({ workflowId: null });
}

export async function stopSession(): Promise<void> {
  await deactivate();
  unsubscribeDoc?.();
  unsubscribeDoc = null;
  config = null;
  usePersistenceStore.setState(initialPersistenceState());
}

/** Opens a saved workflow (library). Returns a message when it cannot be opened. */
export async function openWorkflow(id: string): Promise<string | null> {
  if (!config) return 'storage is not available';
  if (useRunStore.getState().running && !listeners.parksRuns)
    return 'Cancel the run before opening another workflow.';
  const opened = await config.store.workflows.open(id);
  if (!opened.ok) return opened.error.message;
  await deactivate();
  await activate(opened.value);
  return null;
}

/** A document loaded from a template or file becomes a new saved workflow. */
const freshNames = new WeakSet<Workflow>();

/** A document from the New menu (blank or template): saved under a name no other workflow has. */
export function wantsUniqueName(doc: Workflow): void {
  freshNames.add(doc);
}

export async function adoptAsNewWorkflow(doc: Workflow): Promise<void> {
  if (!config) return;
  const store = config.store;
  // Two quick loads (a template, then an import) adopt in parallel; only the newest may take the
  // screen, or the older one finishing last would put its document back over the newer.
  const adoption = ++adoptions;
  await deactivate();
  // A second "Product scenes" from the New menu becomes "Product scenes (2)": names tell them
  // apart. Imports keep their name (an import or a replayed image restores the file as it was).
  // The untouched tab this one replaces does not hold its name: opening "Text to image" over the
  // starter "Text to image" gives one "Text to image", not a lone "Text to image (2)".
  const replaced = listeners.replaceableId?.() ?? null;
  const taken = freshNames.has(doc)
    ? await store.workflows.list().then(
        (list) => list.filter((entry) => entry.id !== replaced).map((entry) => entry.name),
        () => [],
      )
    : [];
  const name = uniqueWorkflowName(doc.name, taken);
  const named = name === doc.name ? doc : { ...doc, name };
  const created = await store.workflows.create(named, imagesToStore(named, new Set()));
  if (!created.ok) {
    setState({ save: { state: 'error', message: `Not saved: ${created.error.message}` } });
    return;
  }
  bumpRevisionTick();
  listeners.onCreated?.(created.value.id);
  if (adoption !== adoptions) return;
  await activate(
    {
      id: created.value.id,
      workflow: named,
      revision: created.value.revision,
      updatedAt: created.value.updatedAt,
    },
    { created: true },
  );
}

/**
 * Replaces the document with the stored one (after a conflict, or on becoming the writer).
 * `draft`: 'apply' replays the edit a closed writer tab could not save; 'clear' drops it.
 */
export async function reloadFromStore(draft: 'apply' | 'clear' | 'keep' = 'clear'): Promise<void> {
  const current = session;
  if (!current || !config) return;
  const opened = await config.store.workflows.open(current.id);
  if (!opened.ok || session !== current) return;
  replaceAutosaver(current, config.store);
  current.revision = opened.value.revision;
  const pending = draft === 'apply' ? takeDraft(current.id, current.revision) : undefined;
  if (draft === 'clear') clearDraft(current.id);
  loadOwn(pending ?? opened.value.workflow);
  if (pending) {
    current.autosaver.schedule(pending);
    void current.autosaver.flush();
  }
}

/** This tab becomes the writer; the other tab turns read-only. */
export async function takeOver(): Promise<void> {
  const current = session;
  if (!current?.lock) return;
  await current.lock.takeOver();
  await reloadFromStore('keep');
  setState({ readOnly: null });
}

/** After a conflict: keep this tab's version as a new workflow instead of losing it. */
export async function saveCopyOfCurrent(): Promise<void> {
  const doc = useDocumentStore.getState().doc;
  await adoptAsNewWorkflow({ ...doc, name: `${doc.name} (my copy)` });
}

export const flushSave = async (): Promise<void> => {
  await session?.autosaver.flush();
};
export const currentRevision = (): number | null => session?.revision ?? null;

/** Replaces the open workflow's graph (re-running a run as it was) and saves it like an edit. */
export function replaceDocument(doc: Workflow): void {
  loadOwn(doc);
  if (!session || usePersistenceStore.getState().readOnly) return;
  writeDraft(session.id, session.revision, doc);
  session.autosaver.schedule(doc);
}
