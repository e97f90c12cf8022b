import { useEffect, useRef } from 'react';

/**
 * The text box for a new label, at the point clicked on the drawing. Enter places the label (one
 * undo step), and so does leaving a filled box; Escape (or Enter on an empty box) cancels.
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
  // After the click that opened it has finished (its mousedown would take the focus back).
  useEffect(() => {
    const timer = setTimeout(() => input.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, []);
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
      onBlur={(event) => {
        // Leaving a filled box places the label; an empty one stays open (Escape cancels it).
        if (event.currentTarget.value.trim() !== '') finish(event.currentTarget.value);
      }}
    />
  );
}
