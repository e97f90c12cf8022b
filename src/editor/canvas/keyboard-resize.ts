import { useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import type { Size } from '../../engine/workflow';
import { clampSize, sizeLimitsOf } from '../node-ui/size-limits';
import { execute, useDocumentStore } from '../store/document-store';
import { nodeById } from '../store/node-index';
import { useViewStore } from '../store/view-store';
import { estimatedNodeSize } from './overlaps';

/**
 * Resizing from the keyboard (the resize handle's twin): Alt+Shift+arrow keys grow or shrink the
 * selected nodes by 8 px (right/down grow, left/up shrink); with Ctrl/⌘ as well, by 1 px. Sizes stay
 * within the handle's limits (size-limits.ts). A burst of key presses is one undo step.
 */

export const KEY_RESIZE_STEP = 8;
export const KEY_RESIZE_FINE_STEP = 1;
/** Presses closer together than this make one undo step. */
export const KEY_RESIZE_BURST_MS = 1000;

const DELTAS: Record<string, { width: number; height: number }> = {
  ArrowRight: { width: 1, height: 0 },
  ArrowLeft: { width: -1, height: 0 },
  ArrowDown: { width: 0, height: 1 },
  ArrowUp: { width: 0, height: -1 },
};

/** The arrow key's change in size, or null when the event is not a keyboard resize. */
export function keyResizeDelta(
  event: Pick<KeyboardEvent, 'key' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>,
): { width: number; height: number } | null {
  const direction = DELTAS[event.key];
  if (!direction || !event.altKey || !event.shiftKey) return null;
  const step = event.ctrlKey || event.metaKey ? KEY_RESIZE_FINE_STEP : KEY_RESIZE_STEP;
  return { width: direction.width * step, height: direction.height * step };
}

/**
 * Resizes the nodes by `delta`, each from its current size (the one it was given, else the one on
 * screen), within its limits. Collapsed nodes keep their size (the handle is hidden on them too).
 * Returns the new sizes (empty: nothing changed).
 */
export function resizeNodesBy(
  ids: Iterable<string>,
  delta: { width: number; height: number },
): Map<string, Size> {
  const { doc } = useDocumentStore.getState();
  const { measured } = useViewStore.getState();
  const sizes = new Map<string, Size>();
  for (const id of ids) {
    const node = nodeById(doc, id);
    if (!node || node.collapsed) continue;
    const from = node.size ?? measured[id] ?? estimatedNodeSize(node);
    const to = clampSize(
      { width: from.width + delta.width, height: from.height + delta.height },
      sizeLimitsOf(node.type),
    );
    if (to.width !== node.size?.width || to.height !== node.size?.height) sizes.set(id, to);
  }
  if (sizes.size === 0) return sizes;
  execute(
    'Resize',
    (draft) => {
      for (const node of draft.nodes) {
        const size = sizes.get(node.id);
        if (size) node.size = { width: size.width, height: size.height };
      }
    },
    { key: `key-resize:${[...sizes.keys()].sort().join(',')}`, windowMs: KEY_RESIZE_BURST_MS },
  );
  return sizes;
}

const isEditable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Listens before React Flow does (capture phase): its own arrow-key handler would otherwise also
 * move the focused node. Says the new size to screen readers through React Flow's live region.
 */
export function useKeyboardResize(): void {
  const store = useStoreApi();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const delta = keyResizeDelta(event);
      if (!delta || isEditable(event.target)) return;
      const selected = useViewStore.getState().selectedNodes;
      if (selected.size === 0) return;
      event.preventDefault();
      event.stopPropagation();
      const sizes = resizeNodesBy(selected, delta);
      const [only] = sizes.values();
      if (only && sizes.size === 1)
        store.setState({ ariaLiveMessage: `Size ${only.width} by ${only.height}` });
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [store]);
}
