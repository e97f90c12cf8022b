import { memo } from 'react';
import { ANNOTATION_COLORS, type AnnotationColor } from '../../engine/annotations';
import { commands } from '../store/document-store';

/** A colour the file names, or the default when it names none we know (files are untrusted). */
export function annotationColor(value: unknown, fallback: AnnotationColor): AnnotationColor {
  return (ANNOTATION_COLORS as readonly unknown[]).includes(value) ? (value as AnnotationColor) : fallback;
}

/** The colour choice of a frame or note (a token name, see annotations.css). */
export const ColorPicker = memo(function ColorPicker({ id, color }: { id: string; color: AnnotationColor }) {
  return (
    <select
      className="annotation-color nodrag"
      aria-label="Colour"
      data-testid={`color-${id}`}
      value={color}
      onChange={(event) => commands.setParam(id, 'color', event.target.value)}
      onKeyDown={(event) => event.stopPropagation()}
    >
      {ANNOTATION_COLORS.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
});
