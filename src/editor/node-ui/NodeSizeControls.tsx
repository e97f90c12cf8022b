import '../annotations/annotations.css';
import { NodeResizeControl } from '@xyflow/react';
import { memo } from 'react';
import { makeRoomAround } from '../canvas/make-room';
import { useDocumentStore } from '../store/document-store';
import { isAnnotationNode, nodeCommands } from '../store/node-commands';
import { nodeById } from '../store/node-index';
import { useViewStore } from '../store/view-store';
import { Icon } from '../ui/icons';
import { NODE_SIZE_LIMITS, type SizeLimits } from './size-limits';

/**
 * The resize handle (bottom-right corner) shared by every node, frame and note. A resize is one
 * undo step; on release, the nodes the grown node now covers move out of its way in that step.
 * Double-click the handle to give the node back its natural size. From the keyboard, Alt+Shift+arrow
 * keys resize the selected nodes (canvas/keyboard-resize.ts), within the same limits.
 */
export const NodeResizeHandle = memo(function NodeResizeHandle({
  id,
  limits = NODE_SIZE_LIMITS,
}: {
  id: string;
  limits?: SizeLimits;
}) {
  return (
    <NodeResizeControl
      className="node-resize-handle"
      position="bottom-right"
      // Drawn at the node's scale, like the rest of the node: kept at screen size when zoomed out,
      // it grew over the status row's cost, and every node re-rendered at each zoom step for it.
      autoScale={false}
      minWidth={limits.minWidth}
      minHeight={limits.minHeight}
      maxWidth={limits.maxWidth}
      maxHeight={limits.maxHeight}
      onResize={(_, params) =>
        nodeCommands.resizeNode(id, { width: params.width, height: params.height }, { resizing: true })
      }
      onResizeEnd={(_, params) => {
        const size = { width: params.width, height: params.height };
        const { doc } = useDocumentStore.getState();
        const node = nodeById(doc, id);
        const moves =
          node && !isAnnotationNode(node)
            ? makeRoomAround(doc, id, size, useViewStore.getState().measured)
            : undefined;
        nodeCommands.resizeNode(id, size, { resizing: false, ...(moves ? { moves } : {}) });
      }}
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut; the size is also undoable */}
      <span
        className="node-resize-grip"
        data-testid={`resize-${id}`}
        title="Drag to resize (Alt+Shift+arrow keys on the selected node) · double-click for the natural size"
        onDoubleClick={() => nodeCommands.resetSize(id)}
      />
    </NodeResizeControl>
  );
});

/** Collapse or expand a node (Alt+C on the selection does the same). */
export const CollapseToggle = memo(function CollapseToggle({ id }: { id: string }) {
  const collapsed = useDocumentStore((state) => nodeById(state.doc, id)?.collapsed === true);
  return (
    <button
      type="button"
      className={`node-collapse nodrag${collapsed ? ' is-collapsed' : ''}`}
      data-testid={`collapse-${id}`}
      aria-label={collapsed ? 'Expand node' : 'Collapse node'}
      aria-expanded={!collapsed}
      title={collapsed ? 'Expand (Alt+C)' : 'Collapse (Alt+C)'}
      onClick={(event) => {
        event.stopPropagation();
        nodeCommands.toggleCollapsed([id]);
      }}
    >
      <Icon name="chevron" size={14} />
    </button>
  );
});

/** "Bypassed": shown on a bypassed node; a click runs the node again (Ctrl/⌘+B toggles). */
export const BypassTag = memo(function BypassTag({ id }: { id: string }) {
  const bypassed = useDocumentStore((state) => nodeById(state.doc, id)?.bypass === true);
  if (!bypassed) return null;
  return (
    <button
      type="button"
      className="node-bypass-tag nodrag"
      data-testid={`bypass-tag-${id}`}
      title="Bypassed: passes its input through without running. Click (or Ctrl/⌘+B) to run it again."
      onClick={(event) => {
        event.stopPropagation();
        nodeCommands.toggleBypass([id]);
      }}
    >
      Bypassed
    </button>
  );
});
