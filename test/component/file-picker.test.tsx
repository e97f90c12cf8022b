// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useFilePicker } from '../../src/editor/ui/use-file-picker';

function Picker({ onFile }: { onFile: (file: File) => void }) {
  const picker = useFilePicker({ accept: '.json', testId: 'picker-input', onFile });
  return (
    <>
      <button type="button" onClick={picker.pick}>
        Pick
      </button>
      {picker.input}
    </>
  );
}

describe('useFilePicker', () => {
  it('the button opens the hidden input; a picked file is handed on once, and the input is emptied', () => {
    const picked: string[] = [];
    render(<Picker onFile={(file) => picked.push(file.name)} />);
    const input = screen.getByTestId('picker-input') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.hidden).toBe(true);
    expect(input.accept).toBe('.json');
    let opened = 0;
    input.addEventListener('click', () => {
      opened++;
    });
    fireEvent.click(screen.getByRole('button', { name: 'Pick' }));
    expect(opened).toBe(1);

    const file = new File(['{}'], 'models.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
    expect(picked).toEqual(['models.json']);
    // Emptied, so the same file picked again fires a change again.
    expect(input.value).toBe('');
  });

  it('a change with no file (the dialog cancelled) hands nothing on', () => {
    const picked: string[] = [];
    render(<Picker onFile={(file) => picked.push(file.name)} />);
    const input = screen.getByTestId('picker-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [], configurable: true });
    fireEvent.change(input);
    expect(picked).toEqual([]);
  });
});
