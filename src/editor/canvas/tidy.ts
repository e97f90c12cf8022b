import { commands, useDocumentStore } from '../store/document-store';
import { useViewStore } from '../store/view-store';

/**
 * Tidy (auto-layout) with measured node sizes. The layout library loads on first use, so it stays
 * out of the first-paint bundle; `fit` runs after the nodes moved.
 */
export async function tidyLayout(fit: () => void): Promise<void> {
  const { autoLayout } = await import('./layout');
  commands.layoutNodes(autoLayout(useDocumentStore.getState().doc, useViewStore.getState().measured));
  requestAnimationFrame(fit);
}
