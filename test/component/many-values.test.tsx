// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { nodeById } from '../../src/editor/store/node-index';
import { reduceRunEvent, useRunStore } from '../../src/editor/store/run-store';
import { imageValueOf } from '../../src/engine/assets';
import type { RunEvent } from '../../src/engine/events';
import { tinyPng } from '../helpers/tiny-png';
import { preloadEditorParts, renderCanvas, resetStores, workflowOf } from './helpers';

const model = 'gemini-3.1-flash-image';
const params = (id: string) => nodeById(useDocumentStore.getState().doc, id)?.params ?? {};

function manyDoc() {
  return workflowOf(
    [
      {
        id: 'scenes',
        type: 'list',
        position: { x: 0, y: 0 },
        params: { items: ['beach', 'desk', 'forest'] },
      },
      { id: 't', type: 'template', position: { x: 400, y: 0 }, params: { text: 'a mug on a {scene}' } },
      { id: 'gen', type: 'generate', position: { x: 800, y: 0 }, params: { model } },
      { id: 'pick', type: 'pick', position: { x: 1200, y: 0 }, params: { index: 1 } },
    ],
    [
      { id: 'e1', source: 'scenes', sourcePort: 'items', target: 't', targetPort: 'scene' },
      { id: 'e2', source: 't', sourcePort: 'text', target: 'gen', targetPort: 'prompt' },
      { id: 'e3', source: 'gen', sourcePort: 'image', target: 'pick', targetPort: 'items' },
    ],
  );
}

const element = (index: number, count = 3) => ({ of: 'gen', index, count });
const apply = (event: RunEvent) => act(() => useRunStore.setState((state) => reduceRunEvent(state, event)));

beforeAll(() => preloadEditorParts());
beforeEach(() => resetStores(manyDoc()));

describe('many values in the editor', () => {
  it('the list takes one item per line, and a pasted spreadsheet column, as one undo step each', () => {
    renderCanvas();
    const area = screen.getByTestId('list-items-scenes') as HTMLTextAreaElement;
    fireEvent.change(area, { target: { value: 'beach\ndesk\nforest\nroof\tignored\n' } });
    expect(params('scenes').items).toEqual(['beach', 'desk', 'forest', 'roof']);
    expect(screen.getByTestId('list-count-scenes').textContent).toBe('4 items');
    expect(useDocumentStore.getState().past).toHaveLength(1);
  });

  it('a template shows one input port per placeholder', () => {
    renderCanvas();
    expect(screen.getByTestId('node-t').querySelector('[data-handleid="scene"]')).not.toBeNull();
    fireEvent.change(screen.getByTestId('template-text-t'), { target: { value: '{product} on {scene}' } });
    expect(screen.getByTestId('node-t').querySelector('[data-handleid="product"]')).not.toBeNull();
  });

  it('a mapped node shows "n of N" while running, then its strip; clicking a thumbnail on Pick sets the index in one step', () => {
    renderCanvas();
    const images = [1, 2, 3].map((seed) => imageValueOf(tinyPng(seed), 'image/png'));
    apply({
      type: 'run-start',
      runId: 'r1',
      row: 1,
      nodeIds: [],
      estimate: { calls: 3, cachedNodes: 0, usd: 0, perNode: {} },
      at: 0,
    });
    for (const index of [1, 2, 3])
      apply({ type: 'node-queued', runId: 'r1', nodeId: `gen[${index}]`, element: element(index) });
    apply({ type: 'node-start', runId: 'r1', nodeId: 'gen[1]', at: 0, element: element(1) });
    apply({
      type: 'node-finish',
      runId: 'r1',
      nodeId: 'gen[1]',
      element: element(1),
      status: 'ran',
      at: 1,
      durationMs: 1,
      calls: 1,
      outputs: { image: images[0] as never, images: [images[0] as never] },
    });
    expect(screen.getByTestId('elements-progress-gen').textContent).toBe('1 of 3');
    expect(screen.getByTestId('node-gen').className).toContain('status-running');
    for (const index of [2, 3])
      apply({
        type: 'node-finish',
        runId: 'r1',
        nodeId: `gen[${index}]`,
        element: element(index),
        status: 'ran',
        at: 2,
        durationMs: 1,
        calls: 1,
        outputs: { image: images[index - 1] as never, images: [images[index - 1] as never] },
      });
    expect(screen.getByTestId('elements-progress-gen').textContent).toBe('3 elements');
    expect(screen.getByTestId('node-gen').className).toContain('status-done');
    apply({
      type: 'run-finish',
      runId: 'r1',
      status: 'ok',
      at: 3,
      durationMs: 3,
      totals: { calls: 3, cachedNodes: 0, costUsd: 0 },
    });
    // Re-roll targets one element instance.
    expect(screen.getByTestId('element-reroll-gen-2').getAttribute('title')).toContain('element 2 of 3');

    const before = useDocumentStore.getState().past.length;
    fireEvent.click(screen.getByTestId('element-pick-3'));
    expect(params('pick').index).toBe(3);
    expect(useDocumentStore.getState().past).toHaveLength(before + 1);
    expect(screen.getByTestId('element-pick-3').getAttribute('aria-pressed')).toBe('true');
    act(() => commands.undo());
    expect(params('pick').index).toBe(1);
  });
});
