/** A box on the canvas, in flow coordinates. */
export interface CanvasBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The box around every node of `nodes`, each at its place in `positions` (a node not there stays
 * where it is: after Tidy, the frames and notes it does not place) and at the size `sizes` gives
 * (measured, or what the layout or an estimate assumed). Undefined without nodes or when a size is
 * unknown. Used by Tidy's fit and by the estimated overview viewport of a big graph.
 */
export function boundsAfterLayout(
  nodes: readonly { id: string; position: { x: number; y: number } }[],
  positions: ReadonlyMap<string, { x: number; y: number }>,
  sizes: (id: string) => { width: number; height: number } | undefined,
): CanvasBox | undefined {
  if (nodes.length === 0) return undefined;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const node of nodes) {
    const size = sizes(node.id);
    if (!size) return undefined;
    const at = positions.get(node.id) ?? node.position;
    minX = Math.min(minX, at.x);
    minY = Math.min(minY, at.y);
    maxX = Math.max(maxX, at.x + size.width);
    maxY = Math.max(maxY, at.y + size.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
