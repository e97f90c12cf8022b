import { getStroke } from 'perfect-freehand';
import type { DrawStroke } from '../engine/image-ops';

/** Sub-samples per pixel side: 4x4 = 16 coverage levels (anti-aliased edges, the same everywhere). */
const SUB = 4;

/** The outline polygon perfect-freehand draws around a stroke's points (already scaled). */
export function strokeOutline(stroke: DrawStroke, scale: number): Array<[number, number]> {
  const points = stroke.points.map(([x, y, pressure]) => [x * scale, y * scale, pressure]);
  // A mouse reports no pressure (0.5 throughout): then perfect-freehand simulates it from speed.
  const mouse = stroke.points.every((point) => point[2] === 0.5);
  const outline = getStroke(points, {
    size: stroke.size * scale,
    thinning: 0.5,
    smoothing: 0.5,
    streamline: 0.5,
    simulatePressure: mouse,
    last: true,
  });
  return outline.map((point) => [point[0] as number, point[1] as number]);
}

/**
 * Per-pixel coverage (0..16) of a polygon under the non-zero rule, sampled on a 4x4 grid inside
 * each pixel. Plain double arithmetic, so Node and the browser get the same counts.
 */
export function polygonCoverage(
  polygon: ReadonlyArray<readonly [number, number]>,
  width: number,
  height: number,
): { coverage: Uint8Array; top: number; bottom: number } {
  return contoursCoverage([polygon], width, height);
}

/** The same for several closed contours filled together (glyphs with holes: non-zero winding). */
export function contoursCoverage(
  contours: ReadonlyArray<ReadonlyArray<readonly [number, number]>>,
  width: number,
  height: number,
): { coverage: Uint8Array; top: number; bottom: number } {
  const coverage = new Uint8Array(width * height);
  const polygons = contours.filter((contour) => contour.length >= 3);
  if (polygons.length === 0) return { coverage, top: 0, bottom: 0 };
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const polygon of polygons)
    for (const [, y] of polygon) {
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  const top = Math.max(0, Math.floor(minY));
  const bottom = Math.min(height, Math.ceil(maxY) + 1);
  const crossings: Array<{ x: number; dir: number }> = [];
  for (let subRow = top * SUB; subRow < bottom * SUB; subRow++) {
    const sampleY = (subRow + 0.5) / SUB;
    crossings.length = 0;
    for (const polygon of polygons)
      for (let i = 0; i < polygon.length; i++) {
        const [x0, y0] = polygon[i] as readonly [number, number];
        const [x1, y1] = polygon[(i + 1) % polygon.length] as readonly [number, number];
        if (y0 === y1) continue;
        const up = y0 < y1;
        const low = up ? y0 : y1;
        const high = up ? y1 : y0;
        if (sampleY < low || sampleY >= high) continue;
        crossings.push({ x: x0 + ((sampleY - y0) * (x1 - x0)) / (y1 - y0), dir: up ? 1 : -1 });
      }
    if (crossings.length < 2) continue;
    crossings.sort((a, b) => a.x - b.x);
    const row = Math.floor(subRow / SUB) * width;
    let winding = 0;
    for (let i = 0; i < crossings.length - 1; i++) {
      winding += (crossings[i] as { dir: number }).dir;
      if (winding === 0) continue;
      const from = Math.max(0, Math.ceil((crossings[i] as { x: number }).x * SUB - 0.5));
      const to = Math.min(width * SUB, Math.ceil((crossings[i + 1] as { x: number }).x * SUB - 0.5));
      for (let subCol = from; subCol < to; subCol++) {
        const index = row + Math.floor(subCol / SUB);
        coverage[index] = (coverage[index] as number) + 1;
      }
    }
  }
  return { coverage, top, bottom };
}

export const FULL_COVERAGE = SUB * SUB;
