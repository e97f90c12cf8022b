import type { StrokeParam } from './strokes';

const NONE: StrokeParam[] = [];

/** The strokes from params, tolerating a hand-edited file (anything without points is dropped). */
export function strokesOf(params: Record<string, unknown>): StrokeParam[] {
  const list = params.strokes;
  if (!Array.isArray(list)) return NONE;
  return list.filter(
    (item): item is StrokeParam =>
      typeof item === 'object' && item !== null && Array.isArray((item as StrokeParam).points),
  );
}
