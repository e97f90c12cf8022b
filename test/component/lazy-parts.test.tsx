// @vitest-environment jsdom
import './setup-dom';
import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { LazyPanel } from '../../src/editor/lazy-panels';
import { useViewStore } from '../../src/editor/store/view-store';
import { lazyPart } from '../../src/editor/ui/lazy-part';
import { renderCanvas, resetStores, workflowOf } from './helpers';

/**
 * Parts kept out of first paint (lazy-first-paint.test.ts) arrive without layout jumps: a node
 * whose view is on its way is held back (no stand-in body that later grows), and a panel opened
 * before its module arrived shows an empty panel of its own width. Nothing here is preloaded.
 */
const LONG = { timeout: 15_000 };

const broken = lazyPart<object>(() => Promise.reject(new Error('network down')));
function BrokenHost() {
  const fetched = broken.useFetched(true);
  return fetched && !fetched.ok ? <p role="alert">{fetched.reason}</p> : null;
}

describe('node views fetched on demand', () => {
  beforeEach(() =>
    resetStores(
      workflowOf(
        [
          { id: 'src', type: 'imageInput', position: { x: 0, y: 0 }, params: {} },
          { id: 'cut', type: 'crop', position: { x: 400, y: 0 }, params: {} },
        ],
        [{ id: 'e1', source: 'src', sourcePort: 'image', target: 'cut', targetPort: 'image' }],
      ),
    ),
  );

  it('holds a node and its links back until its view arrives, then shows it with its whole body', async () => {
    renderCanvas();
    // The starter views are in the first-paint bundle: at once.
    expect(screen.getByTestId('node-src')).toBeTruthy();
    expect(screen.queryByTestId('node-cut')).toBeNull();
    // Not even an empty React Flow node (it would be measured at a stand-in size, then grow).
    expect(document.querySelector('.react-flow__node[data-id="cut"]')).toBeNull();
    expect(document.querySelectorAll('.react-flow__edge')).toHaveLength(0);
    const node = await screen.findByTestId('node-cut', {}, LONG);
    // It appears complete: its fields are there in the same render as its frame.
    expect(node.querySelector('[data-testid="width-cut"]')).not.toBeNull();
  });
});

describe('panels fetched on demand', () => {
  beforeEach(() => resetStores());

  it('shows an empty panel of the same width while the help loads, then the help; afterwards at once', async () => {
    render(<LazyPanel panel="help" />);
    expect(screen.queryByTestId('panel-loading')).toBeNull(); // closed: nothing, nothing fetched
    act(() => useViewStore.setState({ panel: 'help' }));
    const placeholder = screen.getByTestId('panel-loading');
    expect(placeholder.className).toBe('side-panel help');
    expect(placeholder.getAttribute('aria-busy')).toBe('true');
    expect((await screen.findByTestId('help-panel', {}, LONG)).className).toBe('side-panel help');
    expect(screen.queryByTestId('panel-loading')).toBeNull();
    act(() => useViewStore.setState({ panel: null }));
    expect(screen.queryByTestId('help-panel')).toBeNull();
    act(() => useViewStore.setState({ panel: 'help' }));
    expect(screen.getByTestId('help-panel')).toBeTruthy();
  });

  it('says so when a part cannot be fetched, instead of failing silently', async () => {
    render(<BrokenHost />);
    expect((await screen.findByRole('alert', {}, LONG)).textContent).toBe('network down');
    expect(broken.isLoaded()).toBe(false);
  });
});
