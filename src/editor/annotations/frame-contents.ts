import type { Position, Size, Workflow, WorkflowNode } from '../../engine/workflow';
import { estimatedNodeSize } from '../canvas/overlaps';

/** The box a node takes on the canvas: its own size when resized, else measured or estimated. */
export function nodeBox(
  node: WorkflowNode,
  measured: Readonly<Record<string, Size>>,
): { x: number; y: number; width: number; height: number } {
  const size = node.size && !node.collapsed ? node.size : estimatedNodeSize(node, measured[node.id]);
  return { x: node.position.x, y: node.position.y, width: size.width, height: size.height };
}

/** Ids of the nodes (notes and smaller frames too) lying wholly inside `frame`. */
export function nodesInFrame(
  doc: Workflow,
  frame: WorkflowNode,
  measured: Readonly<Record<string, Size>>,
): string[] {
  const outer = nodeBox(frame, measured);
  const inside: string[] = [];
  for (const node of doc.nodes) {
    if (node.id === frame.id) continue;
    const box = nodeBox(node, measured);
    if (
      box.x >= outer.x &&
      box.y >= outer.y &&
      box.x + box.width <= outer.x + outer.width &&
      box.y + box.height <= outer.y + outer.height
    )
      inside.push(node.id);
  }
  return inside;
}

/**
 * Adds to `moves` the nodes inside every moved frame, shifted by the frame's own move (a frame
 * carries its contents). Nodes already moving (selected with the frame) are left as they are.
 */
export function withFrameContents(
  doc: Workflow,
  moves: { id: string; position: Position }[],
  measured: Readonly<Record<string, Size>>,
): { id: string; position: Position }[] {
  const moving = new Set(moves.map((move) => move.id));
  const byId = new Map(doc.nodes.map((node) => [node.id, node]));
  const extra: { id: string; position: Position }[] = [];
  for (const move of moves) {
    const frame = byId.get(move.id);
    if (frame?.type !== 'frame') continue;
    const dx = move.position.x - frame.position.x;
    const dy = move.position.y - frame.position.y;
    if (dx === 0 && dy === 0) continue;
    for (const id of nodesInFrame(doc, frame, measured)) {
      const node = byId.get(id);
      if (!node || moving.has(id)) continue;
      moving.add(id);
      extra.push({ id, position: { x: node.position.x + dx, y: node.position.y + dy } });
    }
  }
  return extra.length === 0 ? moves : [...moves, ...extra];
}
