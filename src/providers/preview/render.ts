/**
 * Draws the preview placeholder: a background colour derived from the request hash, a "PREVIEW"
 * banner and frame that nobody can mistake for a model's image, the prompt wrapped below, and a
 * footer with the model, aspect ratio and turn number.
 */
import { GLYPH_ADVANCE, GLYPH_HEIGHT } from './font';
import { encodeRgbPng } from './png';
import { Raster, type Rgb, textWidth, wrapText } from './raster';

export const PREVIEW_LONG_SIDE = 512;
export const PREVIEW_SOFTWARE = 'Peel preview';

export interface PlaceholderSpec {
  prompt: string;
  aspectRatio?: string | undefined;
  footer: string;
  /** sha256 hex of the request; picks the colours. */
  seed: string;
}

/** Width and height for "W:H" with the long side fixed; an unreadable ratio is square. */
export function dimensionsFor(aspectRatio: string | undefined): { width: number; height: number } {
  const match = /^(\d{1,3}):(\d{1,3})$/.exec(aspectRatio ?? '');
  const w = Number(match?.[1] ?? 1);
  const h = Number(match?.[2] ?? 1);
  if (!(w > 0 && h > 0)) return { width: PREVIEW_LONG_SIDE, height: PREVIEW_LONG_SIDE };
  const side = (short: number, long: number) => Math.max(16, Math.round((PREVIEW_LONG_SIDE * short) / long));
  return w >= h
    ? { width: PREVIEW_LONG_SIDE, height: side(h, w) }
    : { width: side(w, h), height: PREVIEW_LONG_SIDE };
}

function colours(seed: string): { background: Rgb; ink: Rgb } {
  const byte = (i: number) => Number.parseInt(seed.slice(i * 2, i * 2 + 2), 16) || 0;
  // Mid-to-light tones keep dark text readable whatever the hash.
  const background: Rgb = [110 + (byte(0) % 130), 110 + (byte(1) % 130), 110 + (byte(2) % 130)];
  return { background, ink: [20, 20, 28] };
}

const BANNER: Rgb = [16, 16, 16];
const BANNER_INK: Rgb = [255, 214, 0];

export function renderPlaceholderPng(spec: PlaceholderSpec): Uint8Array {
  const { width, height } = dimensionsFor(spec.aspectRatio);
  const { background, ink } = colours(spec.seed);
  const raster = new Raster(width, height, background);
  const margin = Math.max(4, Math.round(Math.min(width, height) / 32));

  const bannerScale = Math.max(
    1,
    Math.min(
      8,
      Math.floor((width - 2 * margin) / (7 * GLYPH_ADVANCE)),
      Math.floor(height / 4 / GLYPH_HEIGHT),
    ),
  );
  const bannerHeight = GLYPH_HEIGHT * bannerScale + 2 * margin;
  raster.fillRect(0, 0, width, bannerHeight, BANNER);
  raster.drawText(
    'PREVIEW',
    Math.round((width - textWidth('PREVIEW', bannerScale)) / 2),
    margin,
    bannerScale,
    BANNER_INK,
  );
  // A frame in the banner colour marks the whole image, not just its top.
  const frame = Math.max(2, Math.round(margin / 2));
  raster.fillRect(0, 0, frame, height, BANNER);
  raster.fillRect(width - frame, 0, frame, height, BANNER);
  raster.fillRect(0, height - frame, width, frame, BANNER);

  const footerScale = Math.max(1, Math.min(2, Math.floor(width / 256)));
  const footerTop = height - frame - margin - GLYPH_HEIGHT * footerScale;
  const textScale = width >= 256 && height >= 256 ? 2 : 1;
  const lineHeight = (GLYPH_HEIGHT + 3) * textScale;
  const top = bannerHeight + margin;
  const maxLines = Math.max(0, Math.floor((footerTop - margin - top) / lineHeight));
  const maxChars = Math.floor((width - 2 * (frame + margin)) / (GLYPH_ADVANCE * textScale));
  let lines = wrapText(spec.prompt, maxChars);
  if (lines.length > maxLines) {
    lines = lines.slice(0, maxLines);
    const last = lines[lines.length - 1];
    if (last !== undefined)
      lines[lines.length - 1] = `${[...last].slice(0, Math.max(0, maxChars - 3)).join('')}...`;
  }
  lines.forEach((line, index) => {
    raster.drawText(line, frame + margin, top + index * lineHeight, textScale, ink);
  });
  if (footerTop > bannerHeight) raster.drawText(spec.footer, frame + margin, footerTop, footerScale, ink);
  return encodeRgbPng(width, height, raster.pixels, { Software: PREVIEW_SOFTWARE });
}
