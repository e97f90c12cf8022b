import { type ReactNode, useRef } from 'react';

/**
 * A hidden file input and the function that opens it, for a button or menu item that picks a file
 * (a label around an input is neither focusable nor a button). The input is emptied after each
 * pick, so picking the same file again loads it again.
 */
export function useFilePicker(options: { accept: string; testId: string; onFile: (file: File) => void }): {
  input: ReactNode;
  pick: () => void;
} {
  const ref = useRef<HTMLInputElement>(null);
  const input = (
    <input
      ref={ref}
      type="file"
      hidden
      accept={options.accept}
      data-testid={options.testId}
      onChange={(event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (file) options.onFile(file);
      }}
    />
  );
  return { input, pick: () => ref.current?.click() };
}
