// @vitest-environment jsdom
import './setup-dom';
import { act, screen } from '@testing-library/react';
import { type ReactFlowState, useStoreApi } from '@xyflow/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOD_START, useLodStore, viewsMounting } from '../../src/editor/canvas/level-of-detail';
import { useLinkDragStore } from '../../src/editor/canvas/link-drag';
import { useDiagnosticsStore } from '../../src/editor/run/diagnostics';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { nodeCommands } from '../../src/editor/store/node-commands';
import { useRunStore } from '../../src/editor/store/run-store';
import { preloadEditorParts, renderCanvas, resetStores, sampleWorkflow } from './helpers';

/**
 * Below the level-of-detail switch, registry nodes show the light overview node (no view, its
 * handles kept so edges stay attached); crossing the switch mounts the view of the granted nodes.
 */

/** A big graph's level of detail with every node granted its overview body (and `full` ones their view). */
const setLod = (zoomedOut: boolean, full: string[] = []) =>
  act(() =>
    useLodStore.setState(
      {
        ...LOD_START,
        zoomedOut,
        everything: false,
        readable: new Set(useDocumentStore.getState().doc.nodes.map((node) => node.id)),
        full: new Set(full),
      },
      true,
    ),
  );

/** Run states: the generate node refused by the model, the prompt done with its text. */
const refuseGenerateAnswerPrompt = () =>
  useRunStore.setState((state) => ({
    nodes: {
      ...state.nodes,
      g: { status: 'failed', message: 'The model refused', previous: [] },
      p: {
        status: 'done',
        durationMs: 1200,
        outputs: { images: [], text: 'a red fox, at dusk' },
        previous: [],
      },
    },
  }));

/** Far out: every node a placeholder. */
const goFar = () => act(() => useLodStore.setState({ ...LOD_START, far: true, zoomedOut: true }, true));

/** Each handle's side, port and place (its `top` below the title band; Chromium checks the pixels, level-of-detail.e2e.ts). */
const handlePlaces = (id: string) =>
  [...screen.getByTestId(`node-${id}`).querySelectorAll<HTMLElement>('.react-flow__handle')].map(
    (handle) =>
      `${handle.classList.contains('target') ? 'in' : 'out'}:${handle.getAttribute('data-handleid')}@${handle.style.top}:${handle.getAttribute('data-handlepos')}`,
  );

const handlesOf = (id: string) =>
  [...screen.getByTestId(`node-${id}`).querySelectorAll('.react-flow__handle')].map(
    (handle) =>
      `${handle.classList.contains('target') ? 'in' : 'out'}:${handle.getAttribute('data-handleid')}:${handle.getAttribute('data-nodeid')}`,
  );

let flowStore: { getState: () => ReactFlowState; setState: (state: Partial<ReactFlowState>) => void } | null =
  null;
function CaptureFlowStore() {
  flowStore = useStoreApi();
  return null;
}

beforeAll(() => preloadEditorParts());
beforeEach(() => {
  resetStores(sampleWorkflow());
  useLinkDragStore.setState({ from: '' });
});

describe('overview nodes', () => {
  it('zoomed out, a node shows the overview with its handles and none of its view', () => {
    renderCanvas();
    const fullHandles = handlesOf('g');
    expect(screen.getByTestId('avoid-g')).toBeTruthy();
    setLod(true);
    expect(screen.getByTestId('node-g').hasAttribute('data-overview')).toBe(true);
    expect(screen.getByTestId('node-compact-g')).toBeTruthy();
    // The view's fields are not mounted at all.
    expect(screen.queryByTestId('avoid-g')).toBeNull();
    expect(screen.queryByTestId('prompt-text-p')).toBeNull();
    // The same handles as the full body (same ids, sides and node), so edges stay attached.
    expect(handlesOf('g')).toEqual(fullHandles);
    expect(handlesOf('g')).toContain('in:prompt:g');
    expect(handlesOf('g')).toContain('out:image:g');
    expect(screen.getByTestId('node-g').querySelector('.node-title-compact')?.textContent).toBe('Generate');
    expect(screen.getByTestId('node-status-g').textContent).toBe('ready');
    // Handles sit in one box, a row apart, without an element per port row (a 500-node graph
    // opens zoomed out: every element per node is 500 to create, style and lay out).
    const tops = [
      ...screen.getByTestId('node-g').querySelectorAll<HTMLElement>('.react-flow__handle.target'),
    ].map((handle) => Number.parseFloat(handle.style.top));
    expect(tops.length).toBeGreaterThan(1);
    expect(tops).toEqual(tops.map((_, row) => (tops[0] as number) + row * 14));
    expect(screen.getByTestId('node-g').querySelector('.port-row')).toBeNull();
  });

  it('shows label, bypass, run status, outputs and problems as the compact body did', () => {
    renderCanvas();
    setLod(true);
    act(() => commands.setLabel('g', 'Hero shot'));
    expect(screen.getByTestId('node-g').querySelector('.node-title-compact')?.textContent).toBe('Hero shot');
    expect(screen.queryByTestId('bypass-tag-g')).toBeNull();
    act(() => nodeCommands.toggleBypass(['g']));
    expect(screen.getByTestId('bypass-tag-g')).toBeTruthy();
    expect(screen.getByTestId('node-g').classList.contains('bypassed')).toBe(true);
    act(() => refuseGenerateAnswerPrompt());
    expect(screen.getByTestId('node-status-g').getAttribute('data-status')).toBe('failed');
    expect(screen.getByTestId('node-g').classList.contains('status-failed')).toBe(true);
    expect(screen.getByTestId('node-error-g').textContent).toContain('The model refused');
    expect(screen.getByTestId('node-outputs-p').textContent).toContain('a red fox, at dusk');
    expect(screen.getByTestId('node-p').hasAttribute('data-overview')).toBe(true);
  });

  it("lights the overview's handles while a link is dragged", () => {
    renderCanvas();
    setLod(true);
    // From generate's image output: the export's many-images input takes it; a text input does not.
    act(() => useLinkDragStore.setState({ from: 'g\nimage\nsource' }));
    const images = screen.getByTestId('node-x').querySelector('[data-handleid="images"]');
    const prompt = screen.getByTestId('node-g').querySelector('[data-handleid="prompt"]');
    expect(images?.classList.contains('handle-fits')).toBe(true);
    expect(prompt?.classList.contains('handle-refuses')).toBe(true);
    act(() => useLinkDragStore.setState({ from: '' }));
    expect(images?.classList.contains('handle-fits')).toBe(false);
    expect(prompt?.classList.contains('handle-refuses')).toBe(false);
  });

  it("React Flow's link drag reaches the link-drag store (one subscription for the canvas)", () => {
    renderCanvas(<CaptureFlowStore />);
    const store = flowStore;
    if (!store) throw new Error('no React Flow store');
    const idle = store.getState().connection;
    const fromHandle = {
      nodeId: 'g',
      id: 'image',
      type: 'source' as const,
      position: 'right',
      x: 0,
      y: 0,
      width: 1,
      height: 1,
    };
    const connection = {
      inProgress: true,
      isValid: null,
      from: { x: 0, y: 0 },
      fromHandle,
      fromPosition: 'right',
      fromNode: store.getState().nodeLookup.get('g'),
      to: { x: 40, y: 40 },
      toHandle: null,
      toPosition: 'left',
      toNode: null,
    };
    act(() => store.setState({ connection: connection as unknown as ReactFlowState['connection'] }));
    expect(useLinkDragStore.getState().from).toBe('g\nimage\nsource');
    act(() => store.setState({ connection: idle }));
    expect(useLinkDragStore.getState().from).toBe('');
  });

  it('crossing the switch mounts the view only for granted nodes; zooming out unmounts it again', () => {
    renderCanvas();
    setLod(true);
    setLod(false, ['g']);
    expect(screen.getByTestId('avoid-g')).toBeTruthy();
    expect(screen.getByTestId('node-g').hasAttribute('data-overview')).toBe(false);
    expect(screen.queryByTestId('node-compact-g')).toBeNull();
    // Not granted yet: still the overview.
    expect(screen.getByTestId('node-e').hasAttribute('data-overview')).toBe(true);
    expect(screen.queryByTestId('prompt-text-p')).toBeNull();
    setLod(false, ['g', 'p']);
    expect(screen.getByTestId('prompt-text-p')).toBeTruthy();
    // Views render deferred; once they are in, none is left waiting (that would hold up grants).
    expect(viewsMounting()).toBe(0);
    setLod(true);
    expect(screen.queryByTestId('avoid-g')).toBeNull();
    expect(screen.getByTestId('node-g').hasAttribute('data-overview')).toBe(true);
  });

  it('far out, a node is a placeholder: no text, plain handles where the overview has them', () => {
    renderCanvas();
    setLod(true);
    const overview = { g: handlePlaces('g'), x: handlePlaces('x'), p: handlePlaces('p') };
    goFar();
    const node = screen.getByTestId('node-g');
    expect(node.hasAttribute('data-placeholder')).toBe(true);
    expect(node.hasAttribute('data-overview')).toBe(false);
    expect(node.textContent).toBe('');
    expect(node.getAttribute('title')).toBe('Generate (g)');
    // Same ports, sides, offsets and box as the overview: edges stay where they were.
    expect(handlePlaces('g')).toEqual(overview.g);
    expect(handlePlaces('x')).toEqual(overview.x);
    expect(handlePlaces('p')).toEqual(overview.p);
    expect(handlesOf('g')).toContain('in:prompt:g');
    // Plain marks, not React Flow handles: nothing to connect from a pixel-wide port.
    expect(node.querySelector('.connectable')).toBeNull();
    // One element and its port marks: the title and status bands are its borders (nodes.css).
    expect(node.querySelectorAll(':scope > :not(.react-flow__handle)')).toHaveLength(0);
    expect(node.querySelectorAll('*')).toHaveLength(handlesOf('g').length);
    expect(screen.queryByTestId('node-compact-g')).toBeNull();
    expect(screen.queryByTestId('node-status-g')).toBeNull();
  });

  it('far out, status, problems, label, bypass and outputs still show on the placeholder', () => {
    renderCanvas();
    goFar();
    act(() => commands.setLabel('g', 'Hero shot'));
    expect(screen.getByTestId('node-g').getAttribute('title')).toBe('Hero shot (g)');
    act(() => nodeCommands.toggleBypass(['g']));
    expect(screen.getByTestId('node-g').classList.contains('bypassed')).toBe(true);
    act(() => refuseGenerateAnswerPrompt());
    expect(screen.getByTestId('node-g').classList.contains('status-failed')).toBe(true);
    expect(screen.getByTestId('node-p').classList.contains('status-done')).toBe(true);
    expect(screen.getByTestId('node-outputs-p').textContent).toContain('a red fox, at dusk');
    expect(screen.getByTestId('node-p').hasAttribute('data-placeholder')).toBe(true);
    // A validation problem marks the node (its status band turns red in CSS).
    expect(screen.getByTestId('node-x').classList.contains('has-problems')).toBe(false);
    act(() => useDiagnosticsStore.setState({ nodeErrors: { x: ['images: not connected'] } }));
    expect(screen.getByTestId('node-x').classList.contains('has-problems')).toBe(true);
  });

  it('coming back from far out, granted nodes show the overview and the rest stay placeholders', () => {
    renderCanvas();
    goFar();
    act(() =>
      useLodStore.setState(
        { ...LOD_START, zoomedOut: true, everything: false, readable: new Set(['g']) },
        true,
      ),
    );
    expect(screen.getByTestId('node-g').hasAttribute('data-overview')).toBe(true);
    expect(screen.getByTestId('node-p').hasAttribute('data-placeholder')).toBe(true);
  });

  it('a collapsed node keeps its view and toggle zoomed out', () => {
    renderCanvas();
    act(() => nodeCommands.toggleCollapsed(['g']));
    setLod(true);
    expect(screen.getByTestId('node-g').hasAttribute('data-overview')).toBe(false);
    expect(screen.getByTestId('collapse-g').getAttribute('aria-expanded')).toBe('false');
    expect(handlesOf('g')).toContain('in:prompt:g');
  });
});
