import { commands, useDocumentStore } from '../store/document-store';
import { scopedView, useEditScopeStore } from '../store/edit-scope';
import { useViewStore } from '../store/view-store';
import { useTabsStore } from '../tabs/tabs-store';
import { editorWorkerLayout, type LayoutFn, layoutInPage } from './layout-client';
import { layoutInputOf } from './layout-input';

/**
 * Graphs up to this many nodes are laid out on the page: dagre needs a few ms for them, less than
 * starting the worker. Bigger ones go to the layout worker, so the canvas never freezes.
 */
export const LAYOUT_IN_PAGE_UP_TO = 40;

/**
 * Tidy (auto-layout) of what the canvas shows, with measured node sizes, as one undo step; `fitToView`
 * runs after the nodes moved. The positions are applied only if the user is still on the same
 * workflow tab and component level as when Tidy started. `fitToView` must be React Flow's `fitView`
 * (or use it): it is called right after the positions change.
 */
export async function tidyLayout(
  fitToView: () => void,
  layout: LayoutFn = editorWorkerLayout,
): Promise<void> {
  const doc = scopedView(useDocumentStore.getState().doc);
  const input = layoutInputOf(doc, useViewStore.getState().measured);
  if (input.nodes.length === 0) return;
  const place = () => ({ tab: useTabsStore.getState().activeId, scope: useEditScopeStore.getState().path });
  const started = place();
  const positions = await (input.nodes.length <= LAYOUT_IN_PAGE_UP_TO ? layoutInPage : layout)(input);
  const now = place();
  if (now.tab !== started.tab || now.scope !== started.scope) return;
  commands.layoutNodes(positions);
  // At once, not a frame later: React Flow queues the fit until it has the new positions, so the
  // moved nodes and the fitted view are painted in one frame instead of two full repaints.
  fitToView();
}
