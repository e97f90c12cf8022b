import { type ReactNode, useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import './full-screen-drawing.css';

/**
 * The drawing surface over the whole window (outside the canvas, so the canvas's zoom does not
 * shrink it). Focus moves into the dialog and returns to the opening button; Escape closes it.
 * Strokes are the node's params, so the node's own surface shows each one as it is drawn.
 */
export function FullScreenDrawing({
  label,
  onClose,
  children,
}: {
  label: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.focus();
    return () => opener?.focus();
  }, []);
  return createPortal(
    <div className="drawing-fullscreen-backdrop">
      <div
        ref={dialog}
        className="drawing-fullscreen"
        role="dialog"
        aria-modal="true"
        aria-label={`${label}, full screen`}
        data-testid="drawing-fullscreen"
        tabIndex={-1}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          // Only this dialog closes: the window's Escape would also clear the canvas selection.
          event.stopPropagation();
          onClose();
        }}
      >
        <header>
          <strong>{label}</strong>
          <button type="button" data-testid="drawing-fullscreen-close" onClick={onClose}>
            Done
          </button>
        </header>
        {children}
      </div>
    </div>,
    document.body,
  );
}
