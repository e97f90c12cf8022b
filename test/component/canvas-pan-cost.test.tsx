// @vitest-environment jsdom
import './setup-dom';
import { act, screen } from '@testing-library/react';
import { type ReactFlowState, useStoreApi } from '@xyflow/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LOD_START, useLodStore } from '../../src/editor/canvas/level-of-detail';
import { COMPACT_TITLE_CHARS, compactTitle } from '../../src/editor/node-ui/NodeFrame';
import { commands } from '../../src/editor/store/document-store';
import { nodeCommands } from '../../src/editor/store/node-commands';
import { renderCanvas, resetStores, sampleWorkflow } from './helpers';

/**
 * What a pan frame costs on a big graph. A node component must not render when only the viewport
 * moves, and a zoomed-out node carries no clip or icon (each is a paint chunk that Chromium
 * re-layerizes on every pan frame; the figures are in `npm run bench`).
 */

// Every node body reads its run state once per render: counting the reads counts node renders.
const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/editor/node-ui/hooks', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/editor/node-ui/hooks')>();
  return {
    ...original,
    useNodeRun: (id: string) => {
      reads.count++;
      return original.useNodeRun(id);
    },
  };
});

let flowStore: { getState: () => ReactFlowState; setState: (state: Partial<ReactFlowState>) => void } | null =
  null;
function CaptureFlowStore() {
  flowStore = useStoreApi();
  return null;
}

const zoomOut = () => act(() => useLodStore.setState({ ...LOD_START, zoomedOut: true }, true));

beforeEach(() => {
  resetStores(sampleWorkflow());
  reads.count = 0;
});

describe('pan cost', () => {
  it('no node component renders while the viewport pans and zooms (below the detail switch)', async () => {
    renderCanvas(<CaptureFlowStore />);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(screen.getByTestId('node-g')).toBeTruthy();
    const store = flowStore;
    if (!store) throw new Error('no React Flow store');
    const rendersBefore = reads.count;
    expect(rendersBefore).toBeGreaterThan(0);
    const [x, y, zoom] = store.getState().transform;
    for (let frame = 1; frame <= 30; frame++)
      act(() => store.setState({ transform: [x - frame * 10, y + frame * 5, zoom * (1 + frame / 100)] }));
    expect(store.getState().transform[0]).toBe(x - 300);
    expect(reads.count).toBe(rendersBefore);
    // The counter does count: an edit to one node renders that node.
    act(() => commands.setParam('g', 'avoid', 'text'));
    expect(reads.count).toBeGreaterThan(rendersBefore);
  });

  it('zoomed out, a node shows a shortened title and no collapse icon; a collapsed node keeps its toggle', () => {
    const long = 'A very long node name that would not fit on one line';
    renderCanvas();
    act(() => commands.setLabel('g', long));
    zoomOut();
    expect(screen.getByTestId('node-compact-g')).toBeTruthy();
    const title = screen.getByTestId('node-g').querySelector('.node-title-compact');
    expect(title?.textContent).toBe(compactTitle(long));
    expect([...(title?.textContent ?? '')]).toHaveLength(COMPACT_TITLE_CHARS);
    expect(title?.textContent?.endsWith('…')).toBe(true);
    expect(title?.getAttribute('title')).toBe(long);
    expect(screen.queryByTestId('collapse-g')).toBeNull();
    expect(screen.getByTestId('node-g').querySelector('svg')).toBeNull();
    act(() => nodeCommands.toggleCollapsed(['g']));
    expect(screen.getByTestId('collapse-g').getAttribute('aria-expanded')).toBe('false');
    act(() => nodeCommands.toggleCollapsed(['g']));
    act(() => commands.setLabel('g', 'Short'));
    expect(screen.getByTestId('node-g').querySelector('.node-title-compact')?.textContent).toBe('Short');
  });

  it('compactTitle keeps short titles and counts characters, not UTF-16 units', () => {
    expect(compactTitle('Generate')).toBe('Generate');
    const emoji = '🍌'.repeat(COMPACT_TITLE_CHARS);
    expect(compactTitle(emoji)).toBe(emoji);
    expect(compactTitle(`${emoji}x`)).toBe(`${'🍌'.repeat(COMPACT_TITLE_CHARS - 1)}…`);
  });
});
