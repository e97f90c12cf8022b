// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { editorAssets } from '../../src/editor/images/assets';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { nodeById } from '../../src/editor/store/node-index';
import { type NodeRunState, useRunStore } from '../../src/editor/store/run-store';
import { useViewStore } from '../../src/editor/store/view-store';
import { makeTestPng } from '../../src/engine/image/test-images';
import { preloadEditorParts, renderCanvas, resetStores, workflowOf } from './helpers';

const params = (id: string) => nodeById(useDocumentStore.getState().doc, id)?.params ?? {};
const setRun = (id: string, state: Partial<NodeRunState>) =>
  act(() => {
    useRunStore.setState((run) => ({
      nodes: { ...run.nodes, [id]: { status: 'done', previous: [], ...state } },
    }));
  });
const at = { x: 0, y: 0 };
const edge = (source: string, target: string, targetPort: string) => ({
  source,
  sourcePort: 'image',
  target,
  targetPort,
});

beforeAll(() => preloadEditorParts());
beforeEach(() =>
  resetStores(
    workflowOf(
      [
        { id: 'left', type: 'imageInput', position: at, params: {} },
        { id: 'right', type: 'imageInput', position: { x: 0, y: 300 }, params: {} },
        { id: 'cmp', type: 'compare', position: { x: 400, y: 0 }, params: {} },
        { id: 'cut', type: 'crop', position: { x: 400, y: 400 }, params: {} },
        { id: 'draw', type: 'sketch', position: { x: 800, y: 0 }, params: { width: 200, height: 100 } },
        { id: 'logo', type: 'composite', position: { x: 800, y: 400 }, params: {} },
      ],
      [
        edge('left', 'cmp', 'a'),
        edge('right', 'cmp', 'b'),
        edge('left', 'cut', 'image'),
        edge('left', 'logo', 'base'),
        edge('right', 'logo', 'overlay'),
      ],
    ),
  ),
);

function showOutputs() {
  const red = editorAssets.put(makeTestPng({ width: 40, height: 20, rgba: [255, 0, 0, 255] }), 'image/png');
  const blue = editorAssets.put(makeTestPng({ width: 40, height: 20, rgba: [0, 0, 255, 255] }), 'image/png');
  setRun('left', { outputs: { images: [red.hash] } });
  setRun('right', { outputs: { images: [blue.hash] } });
}

describe('Compare node', () => {
  it('waits for a run, then wipes between a and b with the keyboard (key presses in a row undo together, like typing)', () => {
    renderCanvas();
    expect(screen.getByTestId('node-cmp').textContent).toContain('Run once to compare');
    showOutputs();
    const a = screen.getByTestId('compare-wipe-cmp-a') as HTMLImageElement;
    expect(a.style.clipPath).toBe('inset(0 50% 0 0)');
    const handle = screen.getByTestId('compare-wipe-cmp-handle');
    expect(handle.getAttribute('role')).toBe('slider');
    expect(handle.tabIndex).toBe(0);
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(params('cmp').split).toBe(0.6);
    expect((screen.getByTestId('compare-wipe-cmp-a') as HTMLImageElement).style.clipPath).toBe(
      'inset(0 40% 0 0)',
    );
    expect(handle.getAttribute('aria-valuenow')).toBe('60');
    fireEvent.keyDown(handle, { key: 'End' });
    expect(params('cmp').split).toBe(1);
    act(() => commands.undo());
    expect(params('cmp').split).toBeUndefined();
  });

  it('a drag on the picture moves the line and makes one undo step', () => {
    renderCanvas();
    showOutputs();
    const frame = screen.getByTestId('compare-wipe-cmp');
    frame.getBoundingClientRect = () =>
      ({ left: 100, top: 0, width: 200, height: 100, right: 300, bottom: 100, x: 100, y: 0 }) as DOMRect;
    frame.setPointerCapture = () => undefined;
    fireEvent.pointerDown(frame, { clientX: 150, clientY: 50, pointerId: 1 });
    fireEvent.pointerMove(frame, { clientX: 200, clientY: 50, pointerId: 1 });
    // While dragging, the line follows; the document changes only on release.
    expect((screen.getByTestId('compare-wipe-cmp-a') as HTMLImageElement).style.clipPath).toBe(
      'inset(0 50% 0 0)',
    );
    fireEvent.pointerMove(frame, { clientX: 260, clientY: 50, pointerId: 1 });
    expect(params('cmp').split).toBeUndefined();
    fireEvent.pointerUp(frame, { clientX: 260, clientY: 50, pointerId: 1 });
    expect(params('cmp').split).toBe(0.8);
    act(() => commands.undo());
    expect(params('cmp').split).toBeUndefined();
  });

  it('opens full screen in the viewer, comparing a with b', () => {
    renderCanvas();
    showOutputs();
    fireEvent.click(screen.getByTestId('compare-fullscreen-cmp'));
    const viewer = useViewStore.getState().viewer;
    const run = useRunStore.getState().nodes;
    expect(viewer).toEqual({
      nodeId: 'cmp',
      hash: run.left?.outputs?.images[0],
      compareWith: run.right?.outputs?.images[0],
    });
  });

  it('switches to side by side', () => {
    renderCanvas();
    showOutputs();
    fireEvent.change(screen.getByTestId('mode-cmp'), { target: { value: 'side-by-side' } });
    expect(params('cmp').mode).toBe('side-by-side');
    expect(screen.getByTestId('compare-pair-cmp').querySelectorAll('img')).toHaveLength(2);
  });
});

describe('Composite node', () => {
  it('shows the overlay where it will go and turns a drag into offsets, one undo step', () => {
    renderCanvas();
    showOutputs();
    const frame = screen.getByTestId('placement-logo');
    const loaded = (img: HTMLElement, width: number, height: number) => {
      Object.defineProperty(img, 'naturalWidth', { value: width });
      Object.defineProperty(img, 'naturalHeight', { value: height });
      fireEvent.load(img);
    };
    loaded(frame.querySelector('img[alt="base"]') as HTMLElement, 40, 20);
    const overlay = screen.getByTestId('placement-overlay-logo');
    loaded(overlay, 40, 20);
    // Default: bottom-right, scale 0.2 of the shorter side (20 px): 4x2 px at (36, 18) of 40x20.
    expect(overlay.style.left).toBe('90%');
    expect(overlay.style.top).toBe('90%');
    expect(overlay.style.width).toBe('10%');
    frame.getBoundingClientRect = () =>
      ({ left: 0, top: 0, width: 200, height: 100, right: 200, bottom: 100, x: 0, y: 0 }) as DOMRect;
    overlay.setPointerCapture = () => undefined;
    const before = useDocumentStore.getState().past.length;
    fireEvent.pointerDown(overlay, { clientX: 180, clientY: 90, pointerId: 1 });
    fireEvent.pointerMove(overlay, { clientX: 140, clientY: 70, pointerId: 1 });
    fireEvent.pointerUp(overlay, { clientX: 120, clientY: 80, pointerId: 1 });
    // 200 screen px show 40 image px: -60 px = -12 image px = -0.6 of the shorter side (20).
    expect(params('logo')).toMatchObject({ offsetX: -0.6, offsetY: -0.1 });
    expect(useDocumentStore.getState().past.length).toBe(before + 1);
    expect(overlay.style.left).toBe('60%');
  });
});

describe('Crop node', () => {
  it('turns a box dragged on the input preview into x, y, width, height in one undo step', () => {
    renderCanvas();
    showOutputs();
    const surface = screen.getByTestId('crop-surface-cut');
    // jsdom has no layout: give the preview a 200x100 box on screen.
    surface.getBoundingClientRect = () =>
      ({ left: 100, top: 50, width: 200, height: 100, right: 300, bottom: 150, x: 100, y: 50 }) as DOMRect;
    surface.setPointerCapture = () => undefined;
    const before = useDocumentStore.getState().past.length;
    fireEvent.pointerDown(surface, { clientX: 150, clientY: 75, pointerId: 1 });
    fireEvent.pointerMove(surface, { clientX: 250, clientY: 125, pointerId: 1 });
    fireEvent.pointerUp(surface, { clientX: 250, clientY: 125, pointerId: 1 });
    expect(params('cut')).toMatchObject({ x: 0.25, y: 0.25, width: 0.5, height: 0.5 });
    expect(useDocumentStore.getState().past.length).toBe(before + 1);
    expect((screen.getByTestId('crop-box-cut') as HTMLElement).style.left).toBe('25%');
  });
});

describe('Sketch node', () => {
  const surfaceOf = () => {
    const surface = screen.getByTestId('drawing-draw') as unknown as SVGSVGElement;
    surface.getBoundingClientRect = () =>
      ({ left: 0, top: 0, width: 400, height: 200, right: 400, bottom: 200, x: 0, y: 0 }) as DOMRect;
    return surface;
  };
  const drag = (surface: Element, points: Array<[number, number]>) => {
    const [first, ...rest] = points as [[number, number], ...Array<[number, number]>];
    fireEvent.pointerDown(surface, { clientX: first[0], clientY: first[1], pointerId: 1 });
    for (const [x, y] of rest) fireEvent.pointerMove(surface, { clientX: x, clientY: y, pointerId: 1 });
    fireEvent.pointerUp(surface, { pointerId: 1 });
  };
  const strokes = () => params('draw').strokes as Array<{ points: number[][]; erase: boolean }>;

  it('turns a mouse drag into one stroke in the drawing’s own coordinates, one undo step each', () => {
    renderCanvas();
    const surface = surfaceOf();
    const before = useDocumentStore.getState().past.length;
    drag(surface, [
      [40, 40],
      [100, 60],
      [200, 100],
    ]);
    // The surface shows 200x100 drawing units at 400x200 screen pixels: halved.
    expect(strokes()).toHaveLength(1);
    expect(strokes()[0]?.points.map(([x, y]) => [x, y])).toEqual([
      [20, 20],
      [50, 30],
      [100, 50],
    ]);
    expect(useDocumentStore.getState().past.length).toBe(before + 1);
    expect(screen.getByTestId('stroke-draw-0').getAttribute('d')).toMatch(/^M.*Z$/);

    fireEvent.click(screen.getByTestId('tool-eraser-draw'));
    drag(surface, [
      [10, 10],
      [20, 20],
    ]);
    expect(strokes().map((stroke) => stroke.erase)).toEqual([false, true]);
    fireEvent.click(screen.getByTestId('undo-stroke-draw'));
    expect(strokes()).toHaveLength(1);
  });

  it('opens full screen: a stroke drawn there is one undo step, shows on the node, and Escape closes', () => {
    renderCanvas();
    const opener = screen.getByTestId('fullscreen-draw');
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByTestId('drawing-fullscreen');
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(document.activeElement).toBe(dialog);
    // Outside the canvas (a portal), so the canvas zoom cannot shrink it.
    expect(dialog.closest('.react-flow')).toBeNull();
    const big = screen.getByTestId('drawing-fullscreen-draw') as unknown as SVGSVGElement;
    big.getBoundingClientRect = () =>
      ({ left: 0, top: 0, width: 1000, height: 500, right: 1000, bottom: 500, x: 0, y: 0 }) as DOMRect;
    const before = useDocumentStore.getState().past.length;
    drag(big, [
      [100, 100],
      [500, 250],
    ]);
    // 1000x500 screen pixels for the 200x100 drawing: a fifth.
    expect(strokes()[0]?.points.map(([x, y]) => [x, y])).toEqual([
      [20, 20],
      [100, 50],
    ]);
    expect(useDocumentStore.getState().past.length).toBe(before + 1);
    // Drawn once in the dialog and once on the node's own surface.
    expect(screen.getAllByTestId('stroke-draw-0')).toHaveLength(2);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByTestId('drawing-fullscreen')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('fullscreen-draw'));
    act(() => commands.undo());
    expect(strokes() ?? []).toEqual([]);
  });
});
