// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/editor/App';
import { clearBatch, useBatchStore } from '../../src/editor/panels/batch/batch-store';
import { setRunProviderOverride } from '../../src/editor/panels/run-form/run-with-inputs';
import { updateSettings } from '../../src/editor/settings/settings-store';
import type { Workflow } from '../../src/engine/workflow';
import { type ScriptedProvider, scriptedProvider } from '../helpers/scripted-provider';
import { preloadEditorParts, resetStores, workflowOf } from './helpers';

// Views, panels and the run machinery load on demand in the app (first paint); here, up front.
beforeAll(() => preloadEditorParts());

const model = 'gemini-3.1-flash-image';
let provider: ScriptedProvider;

beforeEach(() => {
  localStorage.clear();
  updateSettings({ provider: 'gemini', apiKey: '', concurrency: 4 });
  clearBatch();
});
afterEach(() => setRunProviderOverride(null));

/** product (exposed) × a list of three scenes → template → Generate (mapped) → Generate "hero" (unmapped, from a Pick). */
function productScenes(withExport: boolean): Workflow {
  const nodes: Workflow['nodes'] = [
    {
      id: 'product',
      type: 'prompt',
      position: { x: 0, y: 0 },
      params: { text: 'a mug' },
      exposeAs: 'product',
    },
    {
      id: 'scenes',
      type: 'list',
      position: { x: 0, y: 300 },
      params: { items: ['on a beach', 'on a desk', 'in a forest'] },
    },
    { id: 't', type: 'template', position: { x: 400, y: 0 }, params: { text: '{product} {scene}' } },
    { id: 'shots', type: 'generate', position: { x: 800, y: 0 }, params: { model }, label: 'Shots' },
  ];
  const edges: Workflow['edges'] = [
    { id: 'e1', source: 'product', sourcePort: 'text', target: 't', targetPort: 'product' },
    { id: 'e2', source: 'scenes', sourcePort: 'items', target: 't', targetPort: 'scene' },
    { id: 'e3', source: 't', sourcePort: 'text', target: 'shots', targetPort: 'prompt' },
  ];
  if (withExport) {
    nodes.push({ id: 'out', type: 'export', position: { x: 1200, y: 0 }, params: { filename: '{row}-{i}' } });
    edges.push({ id: 'e4', source: 'shots', sourcePort: 'image', target: 'out', targetPort: 'images' });
  }
  return workflowOf(nodes, edges);
}

async function runBatch(workflow: Workflow, csv: string) {
  provider = scriptedProvider();
  setRunProviderOverride(provider);
  resetStores(workflow);
  render(<App />);
  fireEvent.click(screen.getByTestId('batch-button'));
  fireEvent.change(screen.getByTestId('batch-csv-input'), {
    target: { files: [new File([csv], 'rows.csv', { type: 'text/csv' })] },
  });
  await waitFor(() => expect((screen.getByTestId('batch-run') as HTMLButtonElement).disabled).toBe(false), {
    timeout: 10_000,
  });
  fireEvent.click(screen.getByTestId('batch-run'));
  await waitFor(
    () =>
      expect(useBatchStore.getState().results.map((row) => row.status)).toEqual(
        csv
          .trim()
          .split('\n')
          .slice(1)
          .map(() => 'ok'),
      ),
    { timeout: 10_000 },
  );
  // The finished batch opens its contact sheet over the panel: close it to read the grid.
  const sheet = await screen.findByTestId('contact-sheet');
  const captions = within(sheet)
    .queryAllByTestId(/^sheet-element-/)
    .map((caption) => caption.textContent);
  fireEvent.keyDown(sheet, { key: 'Escape' });
  return captions;
}

describe('the batch results grid shows elements', () => {
  // Different products per case: the node cache outlives a test, and cached rows make no call.
  it.each([
    ['with an export node', true, ['a mug', 'a lamp']],
    ['without one (the graph ends at the mapped node)', false, ['a kettle', 'a clock']],
  ])(
    "each row lists its mapped node's elements with their index (%s)",
    async (_name, withExport, products) => {
      const captions = await runBatch(productScenes(withExport), `product\n${products.join('\n')}\n`);
      expect(provider.requests).toHaveLength(6);
      // The contact sheet's cards say which element each image is.
      expect(captions).toEqual(expect.arrayContaining(['Shots 1 of 3', 'Shots 3 of 3']));
      for (const row of [1, 2]) {
        const group = screen.getByTestId(`batch-row-elements-${row}-shots`);
        expect(within(group).getByText('Shots · 3 elements')).toBeTruthy();
        const thumbs = within(group).getAllByTestId(new RegExp(`^element-row${row}-shots-\\d$`));
        expect(thumbs).toHaveLength(3);
        expect(thumbs.map((thumb) => thumb.querySelector('.element-index')?.textContent)).toEqual([
          '1',
          '2',
          '3',
        ]);
        expect(thumbs.map((thumb) => thumb.getAttribute('aria-label'))).toEqual([
          'Open element 1 of 3',
          'Open element 2 of 3',
          'Open element 3 of 3',
        ]);
        // Each element shows its own image, and no image is shown twice in the row.
        const hashes = useBatchStore
          .getState()
          .results[row - 1]?.elements?.[0]?.entries.map((e) => e?.images[0]);
        expect(new Set(hashes).size).toBe(3);
        expect(
          within(screen.getByTestId(`batch-row-${row}`)).queryAllByTestId(`batch-row-images-${row}-image`),
        ).toHaveLength(0);
      }
      // The rows made different images (the second product's).
      const [first, second] = useBatchStore
        .getState()
        .results.map((row) => row.elements?.[0]?.entries[0]?.images[0]);
      expect(first).not.toBe(second);
    },
  );

  it('an intermediate mapped node read downstream is not shown as a result', async () => {
    const workflow = productScenes(false);
    workflow.nodes.push(
      { id: 'pick', type: 'pick', position: { x: 1200, y: 0 }, params: { index: 2 } },
      {
        id: 'hero',
        type: 'edit',
        position: { x: 1600, y: 0 },
        params: { model, instruction: 'warmer', continueConversation: false },
      },
    );
    workflow.edges.push(
      { id: 'e5', source: 'shots', sourcePort: 'image', target: 'pick', targetPort: 'items' },
      { id: 'e6', source: 'pick', sourcePort: 'item', target: 'hero', targetPort: 'image' },
    );
    await runBatch(workflow, 'product\na vase\n');
    expect(provider.requests).toHaveLength(4);
    expect(screen.queryByTestId('batch-row-elements-1-shots')).toBeNull();
    // The row's result is the edit of the picked element alone.
    expect(within(screen.getByTestId('batch-row-1')).getAllByTestId('batch-row-images-1-image')).toHaveLength(
      1,
    );
    expect(useBatchStore.getState().results[0]?.images).toHaveLength(1);
  });
});
