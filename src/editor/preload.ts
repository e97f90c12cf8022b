import { preloadNodeViews } from './canvas/lazy-node-views';
import { onQuiet } from './idle';
import { preloadLazyPanels } from './lazy-panels';
import { loadRunController } from './run/run-actions';

/** Longest wait for an idle moment before a preload step goes ahead anyway. */
const IDLE_FALLBACK_MS = 10_000;

/** Resolves when the page is quiet (or after IDLE_FALLBACK_MS on a page that never is). */
function whenQuiet(): Promise<void> {
  return new Promise((resolve) => onQuiet(resolve, IDLE_FALLBACK_MS));
}

/**
 * First paint loads only what the first screen needs; the rest (run machinery, panels, viewer,
 * node views) is fetched here, once the document is on screen and the browser is idle, so the
 * first Run, panel or image-tool node does not wait for the network. A part that fails to load
 * says so where it is used (a run shows the error; a panel or node view asks for a reload).
 *
 * Each step waits for a quiet moment of its own (idle with no frame due), with a generous fallback:
 * a short one (it was 2 s) fired in the middle of opening a big graph, and evaluating these chunks
 * then delayed the graph's first render by about a second on a busy machine. Any idle moment was
 * not enough either: opening a 500-node graph leaves short gaps between its frames, and the chunks
 * evaluated there (about 65 ms) held up the opening itself.
 */
export function preloadWhenIdle(): void {
  void (async () => {
    await whenQuiet();
    await loadRunController().catch(() => undefined);
    await whenQuiet();
    await preloadLazyPanels();
    await whenQuiet();
    await preloadNodeViews();
  })();
}
