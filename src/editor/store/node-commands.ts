import type { Draft } from 'immer';
import { type AnnotationColor, isAnnotationType } from '../../engine/annotations';
import type { Position, Size, Workflow, WorkflowNode } from '../../engine/workflow';
import { makeRoomAround } from '../canvas/make-room';
import { estimatedNodeSize } from '../canvas/overlaps';
import { execute, useDocumentStore } from './document-store';
import { newNodeId, nodeIdSet } from './ids';
import { useViewStore } from './view-store';

/**
 * Commands for a node's canvas state (bypass, size, collapse) and for annotations (frames, notes).
 * Each is one undo step; a resize merges into one step from grab to release.
 */

const findNode = (draft: Draft<Workflow>, id: string) => draft.nodes.find((node) => node.id === id);

export const nodeCommands = {
  /** Bypasses the nodes, or runs them again when all of them already are bypassed. */
  toggleBypass(ids: Iterable<string>): void {
    const wanted = new Set(ids);
    const { doc } = useDocumentStore.getState();
    const targets = doc.nodes.filter((node) => wanted.has(node.id) && !isAnnotationNode(node));
    if (targets.length === 0) return;
    const bypass = !targets.every((node) => node.bypass === true);
    execute(bypass ? 'Bypass' : 'Stop bypassing', (draft) => {
      for (const target of targets) {
        const node = findNode(draft, target.id);
        if (!node) continue;
        if (bypass) node.bypass = true;
        else delete node.bypass;
      }
    });
  },

  /** Collapses the nodes, or expands them when all of them already are collapsed. */
  toggleCollapsed(ids: Iterable<string>): void {
    const wanted = new Set(ids);
    const { doc } = useDocumentStore.getState();
    const targets = doc.nodes.filter((node) => wanted.has(node.id) && node.type !== 'frame');
    if (targets.length === 0) return;
    const collapse = !targets.every((node) => node.collapsed === true);
    // A node growing back to full size never covers another: its neighbours make way, same step.
    const moves = new Map<string, Position>();
    if (!collapse) {
      const { measured } = useViewStore.getState();
      for (const target of targets) {
        const expanded = { ...target, collapsed: false };
        const size = target.size ?? estimatedNodeSize(expanded);
        for (const [id, to] of makeRoomAround(doc, target.id, size, measured)) moves.set(id, to);
      }
    }
    execute(collapse ? 'Collapse' : 'Expand', (draft) => {
      for (const target of targets) {
        const node = findNode(draft, target.id);
        if (!node) continue;
        if (collapse) node.collapsed = true;
        else delete node.collapsed;
      }
      for (const [id, to] of moves) {
        const moved = findNode(draft, id);
        if (moved) moved.position = { x: to.x, y: to.y };
      }
    });
  },

  /**
   * A size from the resize handle. While `resizing`, steps merge; the release closes the step and
   * may move neighbours out of the way (`moves`) in that same step.
   */
  resizeNode(id: string, size: Size, options: { resizing: boolean; moves?: Map<string, Position> }): void {
    execute(
      'Resize',
      (draft) => {
        const node = findNode(draft, id);
        if (!node) return;
        const rounded = { width: Math.round(size.width), height: Math.round(size.height) };
        if (node.size?.width !== rounded.width || node.size?.height !== rounded.height) node.size = rounded;
        for (const [movedId, to] of options.moves ?? []) {
          const moved = findNode(draft, movedId);
          if (moved) moved.position = { x: to.x, y: to.y };
        }
      },
      { key: `resize:${id}`, open: options.resizing },
    );
  },

  /** Clears a node's size: back to its natural size. */
  resetSize(id: string): void {
    execute('Reset size', (draft) => {
      const node = findNode(draft, id);
      if (node) delete node.size;
    });
  },

  addAnnotation(spec: {
    type: 'frame' | 'note';
    position: Position;
    size: Size;
    label?: string;
    text?: string;
    color?: AnnotationColor;
  }): string {
    const id = newNodeId(spec.type, nodeIdSet(useDocumentStore.getState().doc));
    execute(spec.type === 'frame' ? 'Add frame' : 'Add note', (draft) => {
      const node: WorkflowNode = {
        id,
        type: spec.type,
        position: { ...spec.position },
        params: {
          color: spec.color ?? (spec.type === 'frame' ? 'blue' : 'yellow'),
          ...(spec.type === 'note' ? { text: spec.text ?? '' } : {}),
        },
        size: { ...spec.size },
      };
      if (spec.label) node.label = spec.label;
      // Frames go first: they are drawn behind everything else.
      if (spec.type === 'frame') draft.nodes.unshift(node);
      else draft.nodes.push(node);
    });
    return id;
  },
};

export const isAnnotationNode = (node: Pick<WorkflowNode, 'type'>): boolean => isAnnotationType(node.type);
