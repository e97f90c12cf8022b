import { preloadLazyPanels } from './lazy-panels';
import { loadRunController } from './run/run-actions';

/**
 * First paint loads only what the first screen needs; the rest (run machinery, panels, viewer)
 * is fetched here, once the document is on screen and the browser is idle, so that the first
 * Run or the first panel opens without waiting for the network. A part that fails to load here
 * is simply tried again when it is used (and then says so).
 */
export function preloadWhenIdle(): void {
  const preload = async () => {
    await loadRunController().catch(() => undefined);
    await preloadLazyPanels();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => void preload(), { timeout: 2000 });
  else setTimeout(() => void preload(), 500);
}
