import { isAnnotationType } from '../../engine/annotations';
import type { Position, Size, Workflow } from '../../engine/workflow';
import { nodeBox } from '../annotations/frame-contents';
import { NODE_GAP } from './overlaps';

type Box = { x: number; y: number; width: number; height: number };

const hits = (a: Box, b: Box, gap: number) =>
  a.x < b.x + b.width + gap &&
  b.x < a.x + a.width + gap &&
  a.y < b.y + b.height + gap &&
  b.y < a.y + a.height + gap;

/**
 * After node `fixedId` grew to `size`: the nodes it now covers move out of its way (those starting right
 * of its middle move right, the rest move down), and each moved node pushes on whatever it lands on, so no
 * two work nodes intersect. Frames and notes are never pushed (a frame is meant to hold nodes).
 * Returns the moved nodes' new top-left corners.
 */
export function makeRoomAround(
  doc: Workflow,
  fixedId: string,
  size: Size,
  measured: Readonly<Record<string, Size>>,
  gap = NODE_GAP,
): Map<string, Position> {
  const boxes = new Map<string, Box>();
  for (const node of doc.nodes) {
    if (isAnnotationType(node.type)) continue;
    boxes.set(node.id, node.id === fixedId ? { ...node.position, ...size } : nodeBox(node, measured));
  }
  const fixed = boxes.get(fixedId);
  if (!fixed) return new Map();
  // Nodes starting right of the grown node's middle make way sideways; the others, downwards.
  const middle = fixed.x + fixed.width / 2;
  const moved = new Map<string, Position>();
  const queue: { id: string; direction: 'right' | 'down' }[] = [];
  const push = (pusher: Box, pusherId: string, direction?: 'right' | 'down') => {
    for (const [id, box] of boxes) {
      if (id === pusherId || id === fixedId || !hits(pusher, box, gap)) continue;
      const way = direction ?? (box.x >= middle ? 'right' : 'down');
      if (way === 'right') box.x = pusher.x + pusher.width + gap;
      else box.y = pusher.y + pusher.height + gap;
      moved.set(id, { x: Math.round(box.x), y: Math.round(box.y) });
      queue.push({ id, direction: way });
    }
  };
  push(fixed, fixedId);
  // Each push moves a node strictly right or down, so this ends; the bound guards against surprises.
  for (let step = 0; step < queue.length && step < boxes.size * boxes.size; step++) {
    const item = queue[step];
    const box = item ? boxes.get(item.id) : undefined;
    if (item && box) push(box, item.id, item.direction);
  }
  return moved;
}
