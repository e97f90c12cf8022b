import { preloadNodeViews } from './canvas/lazy-node-views';
import { onIdle } from './idle';
import { preloadLazyPanels } from './lazy-panels';
import { loadRunController } from './run/run-actions';

/** Longest wait for an idle moment before a preload step goes ahead anyway. */
const IDLE_FALLBACK_MS = 10_000;

/** Resolves when the browser is idle (or after IDLE_FALLBACK_MS on a page that never is). */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => onIdle(resolve, IDLE_FALLBACK_MS));
}

/**
 * First paint loads only what the first screen needs; the rest (run machinery, panels, viewer,
 * node views) is fetched here, once the document is on screen and the browser is idle, so the
 * first Run, panel or image-tool node does not wait for the network. A part that fails to load
 * says so where it is used (a run shows the error; a panel or node view asks for a reload).
 *
 * Each step waits for an idle moment of its own, with a generous fallback: a short one (it was
 * 2 s) fired in the middle of opening a big graph, and evaluating these chunks then delayed the
 * graph's first render by about a second on a busy machine.
 */
export function preloadWhenIdle(): void {
  void (async () => {
    await whenIdle();
    await loadRunController().catch(() => undefined);
    await whenIdle();
    await preloadLazyPanels();
    await whenIdle();
    await preloadNodeViews();
  })();
}
