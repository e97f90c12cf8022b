import { preloadNodeViews } from './canvas/lazy-node-views';
import { preloadLazyPanels } from './lazy-panels';
import { loadRunController } from './run/run-actions';

/**
 * First paint loads only what the first screen needs; the rest (run machinery, panels, viewer,
 * node views) is fetched here, once the document is on screen and the browser is idle, so the
 * first Run, panel or image-tool node does not wait for the network. A part that fails to load
 * says so where it is used (a run shows the error; a panel or node view asks for a reload).
 */
export function preloadWhenIdle(): void {
  const preload = async () => {
    await loadRunController().catch(() => undefined);
    await preloadLazyPanels();
    await preloadNodeViews();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => void preload(), { timeout: 2000 });
  else setTimeout(() => void preload(), 500);
}
