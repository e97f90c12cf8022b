// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderCanvas, resetStores, sampleWorkflow } from './helpers';

/**
 * Shift (held for Tidy's Shift+L, or to drag a selection box) must not repaint the whole canvas.
 * React Flow re-binds its wheel handler on the zoom pane when Shift is pressed or released; if that
 * ever left the pane without a blocking (non-passive) wheel listener, Chromium would repaint every
 * node under it (steady-wheel-handler.ts). Here every wheel listener added and removed on the page
 * is tracked, and the test fails if the zoom pane has none at any moment while Shift goes down and up.
 */

type Listener = EventListenerOrEventListenerObject;

const blocking = new Map<EventTarget, Set<Listener>>();
/** Zoom panes seen without a blocking wheel listener right after a removal. */
const gaps: EventTarget[] = [];
const realAdd = EventTarget.prototype.addEventListener;
const realRemove = EventTarget.prototype.removeEventListener;

const isPassive = (options: boolean | AddEventListenerOptions | undefined) =>
  typeof options === 'object' && options.passive === true;
const isZoomPane = (target: EventTarget) =>
  target instanceof Element && target.classList.contains('react-flow__renderer');

beforeEach(() => {
  resetStores(sampleWorkflow());
  blocking.clear();
  gaps.length = 0;
  EventTarget.prototype.addEventListener = function (
    type: string,
    listener: Listener | null,
    options?: boolean | AddEventListenerOptions,
  ) {
    if (type === 'wheel' && listener && !isPassive(options)) {
      const set = blocking.get(this) ?? new Set<Listener>();
      set.add(listener);
      blocking.set(this, set);
    }
    realAdd.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (
    type: string,
    listener: Listener | null,
    options?: boolean | EventListenerOptions,
  ) {
    const set = blocking.get(this);
    if (type === 'wheel' && listener && set?.delete(listener) && set.size === 0 && isZoomPane(this))
      gaps.push(this);
    realRemove.call(this, type, listener, options);
  };
});

afterEach(() => {
  EventTarget.prototype.addEventListener = realAdd;
  EventTarget.prototype.removeEventListener = realRemove;
});

describe('Shift on the canvas', () => {
  it('never leaves the zoom pane without a blocking wheel listener', async () => {
    const { container } = renderCanvas();
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    const pane = container.querySelector('.react-flow__renderer');
    if (!pane) throw new Error('no zoom pane');
    // React Flow's own wheel handler is there (the premise: it is the one that gets re-bound).
    expect(blocking.get(pane)?.size ?? 0).toBeGreaterThan(0);
    // Mounting binds and re-binds before the canvas is painted: only what Shift does counts.
    gaps.length = 0;
    const selectionClassWas = container.querySelector('.react-flow__pane')?.classList.contains('selection');

    for (let round = 0; round < 2; round++) {
      act(() => {
        fireEvent.keyDown(window, { key: 'Shift', code: 'ShiftLeft', shiftKey: true });
      });
      // Shift is React Flow's selection key: it did react (its pane now selects on drag).
      expect(container.querySelector('.react-flow__pane')?.classList.contains('selection')).toBe(true);
      act(() => {
        fireEvent.keyUp(window, { key: 'Shift', code: 'ShiftLeft' });
      });
      expect(container.querySelector('.react-flow__pane')?.classList.contains('selection')).toBe(
        selectionClassWas,
      );
    }
    expect(gaps).toEqual([]);
    expect(blocking.get(pane)?.size ?? 0).toBeGreaterThan(0);
  });
});
