import { useEffect, useRef } from 'react';

/**
 * The text box for a new label, at the point clicked on the drawing. Enter places the label (one
 * undo step), Escape or leaving the box empty cancels.
 */
export function LabelInput({
  id,
  left,
  top,
  onDone,
}: {
  id: string;
  /** Percent of the surface. */
  left: number;
  top: number;
  onDone: (text: string | null) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  // Enter, then the blur of the box going away: the label is placed once.
  const finished = useRef(false);
  const finish = (text: string | null) => {
    if (finished.current) return;
    finished.current = true;
    onDone(text);
  };
  useEffect(() => input.current?.focus(), []);
  return (
    <input
      ref={input}
      type="text"
      maxLength={80}
      aria-label="Label text"
      placeholder="Label, then Enter"
      data-testid={`label-input-${id}`}
      className="label-input"
      style={{
        position: 'absolute',
        left: `${left}%`,
        top: `${top}%`,
        transform: 'translateY(-100%)',
        width: '45%',
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          finish(event.currentTarget.value);
        } else if (event.key === 'Escape') {
          event.stopPropagation();
          finish(null);
        }
      }}
      onBlur={(event) => finish(event.currentTarget.value)}
    />
  );
}
