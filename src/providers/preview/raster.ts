/** A tiny RGB frame buffer with just what the preview placeholder draws: boxes and bitmap text. */
import { GLYPH_ADVANCE, GLYPH_HEIGHT, GLYPH_WIDTH, glyphRows } from './font';

export type Rgb = readonly [number, number, number];

export class Raster {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  fillRect(x: number, y: number, w: number, h: number, color: Rgb): void {
    const x0 = Math.max(0, Math.floor(x));
    const y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(this.width, Math.floor(x + w));
    const y1 = Math.min(this.height, Math.floor(y + h));
    for (let row = y0; row < y1; row++) {
      for (let col = x0; col < x1; col++) this.pixels.set(color, (row * this.width + col) * 3);
    }
  }

  /** Draws one line of text with its top-left corner at (x, y), each font pixel `scale` px wide. */
  drawText(text: string, x: number, y: number, scale: number, color: Rgb): void {
    let left = x;
    for (const char of text) {
      const rows = glyphRows(char);
      for (let row = 0; row < GLYPH_HEIGHT; row++) {
        const bits = rows[row] ?? 0;
        for (let col = 0; col < GLYPH_WIDTH; col++) {
          if (bits & (0x10 >> col)) this.fillRect(left + col * scale, y + row * scale, scale, scale, color);
        }
      }
      left += GLYPH_ADVANCE * scale;
    }
  }
}

export const textWidth = (text: string, scale: number): number =>
  Math.max(0, [...text].length * GLYPH_ADVANCE - 1) * scale;

/** Greedy word wrap to `maxChars` per line; words longer than a line are split. */
export function wrapText(text: string, maxChars: number): string[] {
  const width = Math.max(1, maxChars);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      let rest = [...word];
      while (rest.length > 0) {
        const room = line === '' ? width : width - [...line].length - 1;
        if (rest.length <= room) {
          line = line === '' ? rest.join('') : `${line} ${rest.join('')}`;
          rest = [];
        } else if (line !== '') {
          lines.push(line);
          line = '';
        } else {
          lines.push(rest.slice(0, width).join(''));
          rest = rest.slice(width);
        }
      }
    }
    lines.push(line);
  }
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
