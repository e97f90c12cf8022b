// @vitest-environment jsdom
import './setup-dom';
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutputPreview } from '../../src/editor/node-ui/OutputPreview';
import { useRunStore } from '../../src/editor/store/run-store';
import { resetStores } from './helpers';

let consoleErrors: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  resetStores();
  consoleErrors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => consoleErrors.mockRestore());

describe('identical variations', () => {
  it('three variations returning the same image show three thumbnails and no duplicate-key error', () => {
    act(() =>
      useRunStore.setState({
        nodes: { g: { status: 'done', previous: [], outputs: { images: ['same', 'same', 'same'] } } },
      }),
    );
    render(<OutputPreview id="g" />);
    expect(screen.getAllByTestId(/^output-g-\d$/)).toHaveLength(3);
    const keyErrors = consoleErrors.mock.calls.filter((call: unknown[]) =>
      String(call[0]).includes('same key'),
    );
    expect(keyErrors).toEqual([]);
  });
});
