import { z } from 'zod';
import type { DrawStroke } from '../../src/engine/image-ops';
import { lazySchema } from '../../src/engine/lazy-schema';
import { HEX_COLOUR, parseHexColour } from './image-tool';

/** Built with the schemas below, on first use (see lazy-schema.ts). */
const coordinate = lazySchema(() => z.number().min(-100_000).max(100_000));

/** A stroke as the file keeps it: points [x, y, pressure] on the drawing surface, a colour, a size. */
export const StrokeSchema = lazySchema(() =>
  z.strictObject({
    points: z
      .array(z.tuple([coordinate(), coordinate(), z.number().min(0).max(1)]))
      .min(1)
      .max(5_000, 'a stroke holds at most 5,000 points'),
    colour: z.string().regex(HEX_COLOUR, 'a colour like #ff0000').default('#000000'),
    size: z.number().min(0.5).max(512).default(8),
    erase: z.boolean().default(false),
  }),
);
export type StrokeParam = z.infer<ReturnType<typeof StrokeSchema>>;

export const StrokesSchema = lazySchema(() =>
  z.array(StrokeSchema()).max(2_000, 'at most 2,000 strokes').default([]),
);

export function toDrawStrokes(strokes: StrokeParam[]): DrawStroke[] {
  return strokes.map((stroke) => ({
    points: stroke.points,
    colour: parseHexColour(stroke.colour) ?? [0, 0, 0, 255],
    size: stroke.size,
    erase: stroke.erase,
  }));
}
