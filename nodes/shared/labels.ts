import { z } from 'zod';
import type { DrawLabel } from '../../src/engine/image-ops';
import { lazySchema } from '../../src/engine/lazy-schema';
import { HEX_COLOUR, parseHexColour } from './image-tool';

/** Built with the schemas below, on first use (see lazy-schema.ts). */
const coordinate = lazySchema(() => z.number().min(-100_000).max(100_000));

/** A text label as the file keeps it: where its baseline starts on the surface, the text, its look. */
export const LabelSchema = lazySchema(() =>
  z.strictObject({
    x: coordinate(),
    y: coordinate(),
    text: z.string().trim().min(1, 'a label needs text').max(80, 'a label holds at most 80 characters'),
    colour: z.string().regex(HEX_COLOUR, 'a colour like #ff0000').default('#e11d48'),
    size: z.number().min(4).max(512).default(40),
  }),
);
export type LabelParam = z.infer<ReturnType<typeof LabelSchema>>;

export const LabelsSchema = lazySchema(() =>
  z.array(LabelSchema()).max(100, 'at most 100 labels').default([]),
);

export function toDrawLabels(labels: LabelParam[]): DrawLabel[] {
  return labels.map((label) => ({
    x: label.x,
    y: label.y,
    text: label.text,
    size: label.size,
    colour: parseHexColour(label.colour) ?? [0, 0, 0, 255],
  }));
}

const NONE: LabelParam[] = [];

/** The labels from params, tolerating a hand-edited file (anything without text is dropped). */
export function labelsOf(params: Record<string, unknown>): LabelParam[] {
  const list = params.labels;
  if (!Array.isArray(list)) return NONE;
  return list.filter(
    (item): item is LabelParam =>
      typeof item === 'object' && item !== null && typeof (item as LabelParam).text === 'string',
  );
}
