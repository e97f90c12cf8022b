import type { Font, PathCommand } from 'opentype.js';
import * as opentypeModule from 'opentype.js';

// Node loads opentype.js's CommonJS build, whose names sit on `default` (a named import fails
// there); Vite and the worker load its ES module build, which has the names and no default.
const opentype = ((opentypeModule as { default?: typeof opentypeModule }).default ??
  opentypeModule) as typeof opentypeModule;
const parse = (...args: Parameters<typeof opentypeModule.parse>) => opentype.parse(...args);

/**
 * Text labels drawn from a bundled font (Inter Bold, SIL OFL) with opentype.js: glyph outlines
 * become polygons here (curves cut into fixed steps) and are filled by the same rasteriser as the
 * strokes. Plain arithmetic throughout, so Node, the worker and the editor's preview agree.
 */
export interface LabelSpec {
  /** Left end of the text's baseline, in the drawing's coordinates. */
  x: number;
  y: number;
  text: string;
  /** Font size (em) in the drawing's coordinates. */
  size: number;
}

export type Contour = Array<[number, number]>;

const CURVE_STEPS = 8;

let loader: (() => Promise<ArrayBuffer>) | undefined;
let font: Promise<Font> | undefined;

/** Node reads the font file, browsers fetch its URL: the same bytes either way. */
export function setLabelFontLoader(load: () => Promise<ArrayBuffer>): void {
  loader = load;
  font = undefined;
}

export function labelFont(): Promise<Font> {
  if (!loader) return Promise.reject(new Error('the label font is not loaded here'));
  const load = loader;
  font ??= load().then(parse);
  return font;
}

/** The label's outline as closed polygons, scaled by `scale` (drawing -> image pixels). */
export function labelContours(face: Font, label: LabelSpec, scale: number): Contour[] {
  // Glyph by glyph with kerning, no substitutions: opentype.js 1.x cannot apply Inter's
  // contextual lookups, and short labels need none.
  const size = label.size * scale;
  const toPixels = size / face.unitsPerEm;
  const glyphs = [...label.text].map((char) => face.charToGlyph(char));
  const commands: PathCommand[] = [];
  let penX = label.x * scale;
  glyphs.forEach((glyph, index) => {
    commands.push(...glyph.getPath(penX, label.y * scale, size).commands);
    const next = glyphs[index + 1];
    penX += ((glyph.advanceWidth ?? 0) + (next ? face.getKerningValue(glyph, next) : 0)) * toPixels;
  });
  const contours: Contour[] = [];
  let current: Contour = [];
  let x = 0;
  let y = 0;
  for (const command of commands) {
    if (command.type === 'M') {
      if (current.length > 2) contours.push(current);
      current = [];
      x = command.x ?? 0;
      y = command.y ?? 0;
      current.push([x, y]);
    } else if (command.type === 'L') {
      x = command.x ?? 0;
      y = command.y ?? 0;
      current.push([x, y]);
    } else if (command.type === 'Q') {
      const [cx, cy, ex, ey] = [command.x1 ?? 0, command.y1 ?? 0, command.x ?? 0, command.y ?? 0];
      for (let step = 1; step <= CURVE_STEPS; step++) {
        const t = step / CURVE_STEPS;
        const u = 1 - t;
        current.push([u * u * x + 2 * u * t * cx + t * t * ex, u * u * y + 2 * u * t * cy + t * t * ey]);
      }
      x = ex;
      y = ey;
    } else if (command.type === 'C') {
      const [c1x, c1y, c2x, c2y] = [command.x1 ?? 0, command.y1 ?? 0, command.x2 ?? 0, command.y2 ?? 0];
      const [ex, ey] = [command.x ?? 0, command.y ?? 0];
      for (let step = 1; step <= CURVE_STEPS; step++) {
        const t = step / CURVE_STEPS;
        const u = 1 - t;
        current.push([
          u * u * u * x + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * ex,
          u * u * u * y + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * ey,
        ]);
      }
      x = ex;
      y = ey;
    } else if (command.type === 'Z') {
      if (current.length > 2) contours.push(current);
      current = [];
    }
  }
  if (current.length > 2) contours.push(current);
  return contours;
}

/** SVG path data of the same polygons (the editor's preview of a label). */
export function contoursPath(contours: Contour[]): string {
  return contours
    .map((contour) => `M${contour.map(([px, py]) => `${px.toFixed(2)},${py.toFixed(2)}`).join('L')}Z`)
    .join('');
}
