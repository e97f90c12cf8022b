import type { Workflow } from '../../engine/workflow';
import { openPeelStore, type PeelStore, type StoreEvent } from '../../persistence';
import { describeCause } from '../../persistence/errors';
import { CACHED_OUTPUT } from '../../persistence/indexeddb-cache';
import { PERSISTENCE_ASKED } from '../../persistence/peel-store';
import { formatBytes } from '../../persistence/quota-guard';
import { editorAssets } from '../images/assets';
import { setPersistentCache } from '../run/cache-provider';
import { attachKeyBackend } from '../settings/key-storage';
import { attachRouteSecretBackend } from '../settings/route-secrets';
import { useSettingsStore } from '../settings/settings-store';
import { commands, useDocumentStore } from '../store/document-store';
import { loadTabViewports, TAB_VIEWPORTS_SETTING } from '../tabs/tab-viewports';
import { restoreOpenTabs, startTabs, stopTabs } from '../tabs/tabs';
import { OPEN_TABS_SETTING } from '../tabs/tabs-store';
import { takeDraft } from './draft';
import { historyWritesSettled } from './recording';
import { imagesToStore } from './save-images';
import { addNotice, getPeelStore, setPeelStore, usePersistenceStore } from './state';
import { reportStorageFull } from './storage-full';
import {
  activate,
  adoptAsNewWorkflow,
  configureSession,
  LAST_WORKFLOW_SETTING,
  type SessionConfig,
  stopSession,
  watchDocument,
} from './workflow-session';

export interface StartOptions extends Omit<SessionConfig, 'store'> {
  /** The database name (e2e and component tests use their own). */
  dbName?: string;
  /** Store options (tests: fake locks, no storage manager, fault-injecting middleware). */
  storeOptions?: Parameters<typeof openPeelStore>[1];
  /** The document for a first visit (the template), also used when nothing can be reopened. */
  firstDocument: () => Promise<Workflow>;
  /** The document on screen came from a link: keep it (as a new workflow), reopen nothing. */
  keepOpenDocument?: boolean;
  /** The store, already opening (openStoreAhead): the start opened it while a link's file came. */
  opening?: Promise<PeelStore>;
}

/**
 * Opens the store before the start needs it: a start that first opens a link's file has the
 * database opening meanwhile (a first visit creates it) instead of after the file is on screen.
 *
 * A returning user's estimates use its cache from the moment it is open: the link's workflow,
 * opened next, is estimated once, against the outputs already paid for, instead of against the
 * empty memory cache and again once the start has finished (a wrong estimate meanwhile, then a
 * plan and a toolbar commit after a 500-node graph was drawn). A database this open created holds
 * nothing: the memory cache answers as it would, at once, so the estimate comes with the nodes.
 */
export async function openStoreAhead(
  options: Pick<StartOptions, 'dbName' | 'storeOptions'>,
): Promise<PeelStore> {
  const store = await openPeelStore(options.dbName, options.storeOptions);
  if (!store.db.createdByThisOpen) setPersistentCache(store.cache);
  return store;
}

let unsubscribeEvents: (() => void) | null = null;

const NO_RUN_INTERRUPTED = { ok: true as const, value: { runIds: [] as string[] } };

function describeEviction(event: Extract<StoreEvent, { type: 'evicted' }>): string {
  const { cacheEntries, blobs, bytes } = event.report;
  return `Storage was full while saving ${event.what}: removed ${cacheEntries} cached output${cacheEntries === 1 ? '' : 's'} and ${blobs} unused image${blobs === 1 ? '' : 's'} (${formatBytes(bytes)}) to make room. Your workflows were kept.`;
}

function onStoreEvent(event: StoreEvent): void {
  switch (event.type) {
    case 'evicted':
      // Nothing could be cleared: the write fails again, and the storage-full banner says so.
      if (event.report.cacheEntries + event.report.blobs > 0) addNotice('info', describeEviction(event));
      return;
    case 'write-failed':
      // A run whose result could not be cached says so itself, once per run (showRunWarning).
      if (event.what === CACHED_OUTPUT) return;
      if (event.error.code === 'quota_exceeded')
        reportStorageFull(event.what, event.workflow ? { workflow: true } : {});
      else addNotice('error', event.error.message);
      return;
    case 'version-change':
      usePersistenceStore.setState({ versionChange: true });
      return;
    case 'blocked':
      usePersistenceStore.setState({ blocked: true });
      return;
    case 'persistence':
      usePersistenceStore.setState({ persistenceGranted: event.granted });
      return;
  }
}

function memoryMode(reason: string): void {
  usePersistenceStore.setState({
    mode: 'memory',
    memoryReason: `Storage is unavailable (${reason}). Peel works in memory only: your work is lost when this tab closes. Export your workflow to keep it.`,
  });
}

/** Adopts the API key the user asked to remember (never overriding one typed meanwhile). */
async function restoreKey(store: PeelStore): Promise<void> {
  const remember = useSettingsStore.getState().rememberKey;
  const key = await attachKeyBackend(store.settings, {
    remember,
    onError: (message) => addNotice('error', message),
  });
  if (key && useSettingsStore.getState().apiKey === '') useSettingsStore.setState({ apiKey: key });
  const routeSecrets = await attachRouteSecretBackend(store.settings, {
    remember,
    onError: (message) => addNotice('error', message),
  });
  const now = useSettingsStore.getState();
  useSettingsStore.setState({
    ...(routeSecrets.vertexApiKey && now.vertexApiKey === ''
      ? { vertexApiKey: routeSecrets.vertexApiKey }
      : {}),
    ...(routeSecrets.openrouterKey && now.openrouterKey === ''
      ? { openrouterKey: routeSecrets.openrouterKey }
      : {}),
  });
}

async function reopenLast(store: PeelStore): Promise<boolean> {
  const lastId = await store.settings.get<string>(LAST_WORKFLOW_SETTING).catch(() => undefined);
  if (typeof lastId !== 'string') return false;
  const opened = await store.workflows.open(lastId);
  if (opened.ok) {
    await activate(opened.value, { applyDraft: true });
    return true;
  }
  if (opened.error.code !== 'not_found') addNotice('error', opened.error.message);
  const newest = (await store.workflows.list())[0];
  if (!newest) return false;
  const fallback = await store.workflows.open(newest.id);
  if (!fallback.ok) return false;
  await activate(fallback.value, { applyDraft: true });
  return true;
}

/**
 * A start that opens a link's file does not reopen the last workflow, so its draft (an edit a
 * closed tab could not save) is saved here instead of waiting for a start that replays it: the
 * link's workflow becomes the last one, and no later start would.
 */
async function saveLastDraft(store: PeelStore, lastId: unknown): Promise<void> {
  if (typeof lastId !== 'string') return;
  const opened = await store.workflows.open(lastId);
  if (!opened.ok) return;
  const draft = takeDraft(lastId, opened.value.revision);
  if (!draft) return;
  const saved = await store.workflows.save(lastId, draft, {
    baseRevision: opened.value.revision,
    images: imagesToStore(draft, new Set()),
  });
  if (!saved.ok)
    addNotice('error', `Unsaved changes to "${draft.name}" could not be saved: ${saved.error.message}`);
}

/**
 * Opens the store and the last workflow (or the template on a first visit). The editor is
 * already on screen: this only fills it. Without IndexedDB, the template opens in memory.
 */
export async function startPersistence(options: StartOptions): Promise<void> {
  await stopPersistence();
  let store: PeelStore;
  try {
    store = await (options.opening ?? openPeelStore(options.dbName, options.storeOptions));
  } catch (cause) {
    memoryMode(describeCause(cause));
    void attachKeyBackend(null, { remember: false });
    void attachRouteSecretBackend(null, { remember: false });
    if (!options.keepOpenDocument) commands.loadWorkflow(await options.firstDocument());
    return;
  }
  setPeelStore(store);
  // A database this open created has an empty cache: estimates made against the empty memory cache
  // stand (setPersistentCache), the start plans nothing again.
  setPersistentCache(store.cache, { empty: store.db.createdByThisOpen });
  editorAssets.setFallback((hash) => store.blobs.get(hash));
  unsubscribeEvents = store.subscribe(onStoreEvent);
  usePersistenceStore.setState({ mode: 'indexeddb', memoryReason: null });
  configureSession({ ...options, store });
  watchDocument();
  startTabs();
  // A first visit: this open created the database, so nothing is stored yet. The start reads no
  // setting and looks for no run a closed tab left (another tab's run started since is live).
  // On a 500-node link this saved about 35 ms of the start's waiting on the database.
  const created = store.db.createdByThisOpen;
  // The settings the start reads (here, in the tabs, after the first save), in one transaction
  // instead of one each; what is not read by the end of the start is dropped.
  const startSettings = [LAST_WORKFLOW_SETTING, TAB_VIEWPORTS_SETTING, OPEN_TABS_SETTING, PERSISTENCE_ASKED];
  if (created) store.settings.prefetchAbsent(startSettings);
  else store.settings.prefetch(startSettings);
  try {
    // Independent reads, together: each waits on the database, not on the others. The tabs'
    // viewports are in before the last workflow opens (its canvas puts back its tab's pan and zoom);
    // the last workflow's id is needed only when a link's file is kept (its draft is saved first).
    const [marked, , , lastId] = await Promise.all([
      created ? NO_RUN_INTERRUPTED : store.runs.markInterruptedRuns(),
      restoreKey(store),
      loadTabViewports(store),
      options.keepOpenDocument
        ? store.settings.get<string>(LAST_WORKFLOW_SETTING).catch(() => undefined)
        : undefined,
    ]);
    if (!marked.ok) addNotice('error', marked.error.message);
    if (options.keepOpenDocument) {
      await saveLastDraft(store, lastId);
      await adoptAsNewWorkflow(useDocumentStore.getState().doc);
    } else if (!(await reopenLast(store))) await adoptAsNewWorkflow(await options.firstDocument());
    await restoreOpenTabs(store);
  } finally {
    store.settings.dropPrefetched();
  }
}

/** Saves what is pending and closes the store (tests "reload" by stopping and starting again). */
export async function stopPersistence(): Promise<void> {
  await historyWritesSettled();
  await stopSession();
  stopTabs();
  unsubscribeEvents?.();
  unsubscribeEvents = null;
  const store = getPeelStore();
  setPeelStore(null);
  // Only a started store's cache goes: the start stops first, and the cache of the store it is
  // about to start (opened ahead, see openStoreAhead) stays, so estimates are not made again.
  if (store) setPersistentCache(null);
  editorAssets.setFallback(undefined);
  await attachKeyBackend(null, { remember: false });
  store?.close();
}
