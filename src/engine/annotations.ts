/**
 * Frames and sticky notes live in the workflow file as nodes (format v1 unchanged: a node is
 * `{ id, type, position, params }`), but they are canvas annotations, not work: the engine leaves
 * them out of the graph, validation, planning, estimates, runs and cache keys.
 *
 * - `frame`: a titled, coloured box drawn behind nodes. Title in `label`, size in `size`,
 *   colour in `params.color` (a token name from ANNOTATION_COLORS).
 * - `note`: a sticky note. Plain text in `params.text` (shown as text, never as Markdown or HTML),
 *   colour in `params.color`, size in `size`.
 */
export const ANNOTATION_TYPES = ['frame', 'note'] as const;
export type AnnotationType = (typeof ANNOTATION_TYPES)[number];

/** Colour names an annotation may carry; the editor maps each to a design token. */
export const ANNOTATION_COLORS = ['grey', 'blue', 'green', 'yellow', 'red', 'purple'] as const;
export type AnnotationColor = (typeof ANNOTATION_COLORS)[number];

const annotationTypes: ReadonlySet<string> = new Set(ANNOTATION_TYPES);

export const isAnnotationType = (type: string): type is AnnotationType => annotationTypes.has(type);
