import { commands, useDocumentStore } from '../store/document-store';
import { scopedView, useEditScopeStore } from '../store/edit-scope';
import { useViewStore } from '../store/view-store';
import { useTabsStore } from '../tabs/tabs-store';
import { boundsAfterLayout, type CanvasBox } from './canvas-box';
import { editorWorkerLayout, type LayoutFn, layoutInPage } from './layout-client';
import { layoutInputOf } from './layout-input';

/**
 * Graphs up to this many nodes are laid out on the page: dagre needs a few ms for them, less than
 * starting the worker. Bigger ones go to the layout worker, so the canvas never freezes.
 */
export const LAYOUT_IN_PAGE_UP_TO = 40;

/**
 * Tidy (auto-layout) of what the canvas shows, with measured node sizes, as one undo step; `fitToView`
 * runs right after the nodes moved, with the box they now fill (undefined inside a component, whose
 * canvas also shows its input and output markers, or when a size is unknown). The positions are
 * applied only if the user is still on the same workflow tab and component level as when Tidy
 * started.
 */
export async function tidyLayout(
  fitToView: (bounds: CanvasBox | undefined) => void,
  layout: LayoutFn = editorWorkerLayout,
): Promise<void> {
  const doc = scopedView(useDocumentStore.getState().doc);
  const measured = useViewStore.getState().measured;
  const input = layoutInputOf(doc, measured);
  if (input.nodes.length === 0) return;
  const place = () => ({ tab: useTabsStore.getState().activeId, scope: useEditScopeStore.getState().path });
  const started = place();
  const positions = await (input.nodes.length <= LAYOUT_IN_PAGE_UP_TO ? layoutInPage : layout)(input);
  const now = place();
  if (now.tab !== started.tab || now.scope !== started.scope) return;
  commands.layoutNodes(positions);
  const laidOut = new Map(input.nodes.map((node) => [node.id, node]));
  const bounds =
    now.scope.length === 0
      ? boundsAfterLayout(doc.nodes, positions, (id) => measured[id] ?? laidOut.get(id))
      : undefined;
  // At once, not a frame later: the moved nodes and the fitted view are painted in one frame
  // instead of two full repaints.
  fitToView(bounds);
}
