import type { NodeType } from '../../../nodes/registry';
import { isAnnotationType } from '../../engine/annotations';
import type { Position, Size, Workflow } from '../../engine/workflow';
import { estimatedNodeSize, freeSpot } from './overlaps';

/**
 * Where a new node goes: centred on `point` (a drop point, a search popup's spot, the view's centre),
 * then moved to the nearest free spot so it covers no other node. Frames and notes do not count as
 * taken (a node may be placed inside a frame).
 *
 * `anchor`: with a link released on the canvas, the new node's connecting side sits at the point
 * ('left' edge for a node fed by the link, 'right' edge for one feeding it), centred vertically.
 */
export function placeNewNode(
  doc: Workflow,
  type: NodeType | 'frame' | 'note',
  params: Record<string, unknown>,
  point: Position,
  measured: Readonly<Record<string, Size>>,
  anchor: 'centre' | 'left' | 'right' = 'centre',
): Position {
  const size = estimatedNodeSize({ id: '', type, position: point, params });
  const x =
    anchor === 'left' ? point.x : anchor === 'right' ? point.x - size.width : point.x - size.width / 2;
  const wanted = { x: Math.round(x), y: Math.round(point.y - size.height / 2) };
  const others = doc.nodes.filter((node) => !isAnnotationType(node.type));
  return freeSpot(wanted, size, others, (node) =>
    node.size && !node.collapsed ? node.size : estimatedNodeSize(node, measured[node.id]),
  );
}
