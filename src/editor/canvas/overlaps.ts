import { isAnnotationType } from '../../engine/annotations';
import type { Position, Workflow, WorkflowNode } from '../../engine/workflow';

export interface Size {
  width: number;
  height: number;
}

/** Room kept between two nodes moved apart. */
export const NODE_GAP = 32;

/**
 * A full-body node's size by type, measured in Chromium with an output in place (the output area
 * has a fixed height, so a run does not change it). Used before React Flow has measured a node:
 * opening a template, placing a new node. Slightly generous on purpose.
 */
const TYPE_SIZES: Readonly<Record<string, Size>> = {
  prompt: { width: 280, height: 240 },
  generate: { width: 280, height: 520 },
  edit: { width: 280, height: 520 },
  export: { width: 280, height: 300 },
  referenceSet: { width: 280, height: 230 },
};
const FALLBACK_SIZE: Size = { width: 280, height: 320 };
/** A reference set grows by one row of thumbnails per three images. */
const REFERENCE_ROW = 96;

/** The newest measured full-body size per node type (a node may differ, the type rarely does). */
const measuredByType = new Map<string, Size>();

export function rememberTypeSize(type: string, size: Size): void {
  if (size.width > 0 && size.height > 0) measuredByType.set(type, size);
}

/** How big `node` will be once rendered: measured when known, else an estimate for its type. */
export function estimatedNodeSize(node: WorkflowNode, measured?: Size): Size {
  if (measured && measured.width > 0 && measured.height > 0) return measured;
  const base = measuredByType.get(node.type) ?? TYPE_SIZES[node.type] ?? FALLBACK_SIZE;
  if (node.type !== 'referenceSet') return base;
  const images = Array.isArray(node.params.images) ? node.params.images.length : 0;
  return { width: base.width, height: base.height + Math.ceil(images / 3) * REFERENCE_ROW };
}

const overlap = (a: Position, sa: Size, b: Position, sb: Size, gap: number) =>
  a.x < b.x + sb.width + gap &&
  b.x < a.x + sa.width + gap &&
  a.y < b.y + sb.height + gap &&
  b.y < a.y + sa.height + gap;

/**
 * Moves nodes down, column by column, until no two boxes (plus `gap`) intersect. Keeps the
 * arrangement the author chose (left-to-right order, who is above whom). Returns only the moved
 * nodes' new top-left corners.
 */
export function separateOverlaps(
  nodes: readonly WorkflowNode[],
  sizeOf: (node: WorkflowNode) => Size,
  gap = NODE_GAP,
): Map<string, Position> {
  const order = [...nodes].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
  const placed: { at: Position; size: Size }[] = [];
  const moved = new Map<string, Position>();
  for (const node of order) {
    const size = sizeOf(node);
    const at = { ...node.position };
    for (let guard = 0; guard <= placed.length; guard++) {
      const hit = placed.find((other) => overlap(at, size, other.at, other.size, gap));
      if (!hit) break;
      at.y = hit.at.y + hit.size.height + gap;
    }
    placed.push({ at, size });
    if (at.y !== node.position.y) moved.set(node.id, at);
  }
  return moved;
}

/** The workflow with its nodes moved apart (templates open this way: nothing covers anything). */
export function withoutOverlaps(workflow: Workflow, measured: Readonly<Record<string, Size>> = {}): Workflow {
  // Frames and notes are meant to sit under or beside nodes: only work nodes are moved apart.
  const moved = separateOverlaps(
    workflow.nodes.filter((node) => !isAnnotationType(node.type)),
    (node) => estimatedNodeSize(node, measured[node.id]),
  );
  if (moved.size === 0) return workflow;
  return {
    ...workflow,
    nodes: workflow.nodes.map((node) => {
      const to = moved.get(node.id);
      return to ? { ...node, position: to } : node;
    }),
  };
}

/**
 * A free spot for a new node of `size` near `wanted` (its top-left corner): the spot itself when
 * nothing is there, else the nearest one found stepping right and down.
 */
export function freeSpot(
  wanted: Position,
  size: Size,
  nodes: readonly WorkflowNode[],
  sizeOf: (node: WorkflowNode) => Size,
  gap = NODE_GAP,
): Position {
  const taken = (at: Position) => nodes.some((node) => overlap(at, size, node.position, sizeOf(node), gap));
  for (let ring = 0; ring < 16; ring++) {
    const step = ring * 48;
    const candidates = [
      { x: wanted.x + step, y: wanted.y + step },
      { x: wanted.x + step, y: wanted.y },
      { x: wanted.x, y: wanted.y + step },
    ];
    const free = candidates.find((at) => !taken(at));
    if (free) return free;
  }
  // A crowded view: below everything, at the wanted column.
  const bottom = Math.max(...nodes.map((node) => node.position.y + sizeOf(node).height));
  return { x: wanted.x, y: Math.round(bottom + gap) };
}
