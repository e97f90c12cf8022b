import { type Panel, useViewStore } from './store/view-store';
import { type LazyPart, lazyPart, PartFailed } from './ui/lazy-part';

/**
 * The side panels and the viewer are not part of first paint (nothing shows them until the user
 * asks): each is its own chunk, fetched the first time it opens or when the browser is idle after
 * first paint (preloadLazyPanels). The batch panel carries the CSV parser, the results table and
 * the contact sheet; the history, library and viewer carry the zip writer. A test
 * (lazy-first-paint.test.ts) keeps these modules out of the static import graph of main.tsx.
 */
const parts = {
  settings: lazyPart(() => import('./panels/SettingsPanel').then((m) => m.SettingsPanel)),
  help: lazyPart(() => import('./panels/HelpPanel').then((m) => m.HelpPanel)),
  'run-form': lazyPart(() => import('./panels/run-form/RunFormPanel').then((m) => m.RunFormPanel)),
  batch: lazyPart(() => import('./panels/batch/BatchPanel').then((m) => m.BatchPanel)),
  library: lazyPart(() => import('./panels/library/LibraryPanel').then((m) => m.LibraryPanel)),
  history: lazyPart(() => import('./panels/history/HistoryPanel').then((m) => m.HistoryPanel)),
  storage: lazyPart(() => import('./panels/storage/StoragePanel').then((m) => m.StoragePanel)),
} satisfies Record<Exclude<Panel, null>, LazyPart<object>>;

const viewer = lazyPart(() => import('./panels/Viewer').then((m) => m.Viewer));

/** What a failed part names in its message. */
const TITLE: Record<Exclude<Panel, null>, string> = {
  settings: 'the settings',
  help: 'the help',
  'run-form': 'the run form',
  batch: 'the batch panel',
  library: 'the library',
  history: 'the history',
  storage: 'the storage panel',
};

/**
 * One side panel. Before its module has arrived, an open panel shows an empty panel of the same
 * width, so the canvas narrows once and nothing moves when the content fills in. Once loaded the
 * panel stays mounted, as it was before it became lazy (it renders nothing while closed).
 */
export function LazyPanel({ panel }: { panel: Exclude<Panel, null> }) {
  const open = useViewStore((state) => state.panel === panel);
  const fetched = parts[panel].useFetched(open);
  if (fetched?.ok) {
    const Loaded = fetched.component;
    return <Loaded />;
  }
  if (!open) return null;
  return (
    // Each panel's class is its name; batch.css makes batch and run form wider than the rest.
    <section className={`side-panel ${panel}`} aria-busy={!fetched} data-testid="panel-loading">
      {fetched ? <PartFailed name={TITLE[panel]} reason={fetched.reason} /> : null}
    </section>
  );
}

/** The full-size viewer: an overlay, so it simply appears once its module is there. */
export function LazyViewer() {
  const open = useViewStore((state) => state.viewer !== null);
  const fetched = viewer.useFetched(open);
  if (fetched?.ok) {
    const Loaded = fetched.component;
    return <Loaded />;
  }
  return open && fetched ? <PartFailed name="the viewer" reason={fetched.reason} /> : null;
}

/** Fetches every panel, one after another (the viewer first: opening an output is the commonest). */
export async function preloadLazyPanels(): Promise<void> {
  for (const part of [viewer, ...Object.values(parts)]) await part.preload();
}
