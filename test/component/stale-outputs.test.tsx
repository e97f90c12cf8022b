// @vitest-environment jsdom
import './setup-dom';
import { act, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/editor/App';
import { startRun } from '../../src/editor/run/run-controller';
import { updateSettings } from '../../src/editor/settings/settings-store';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { edgeKey } from '../../src/editor/store/ids';
import { useRunStore } from '../../src/editor/store/run-store';
import { flushDiagnostics, resetStores, workflowOf } from './helpers';

/** prompt -> generate -> export, run with the free offline preview provider. */
const chain = () =>
  workflowOf(
    [
      { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'a stale fox' } },
      { id: 'g', type: 'generate', position: { x: 400, y: 0 }, params: { model: 'gemini-3.1-flash-image' } },
      { id: 'x', type: 'export', position: { x: 800, y: 0 }, params: { filename: 'fox-{n}' } },
    ],
    [
      { id: 'e1', source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' },
      { id: 'e2', source: 'g', sourcePort: 'images', target: 'x', targetPort: 'images' },
    ],
  );

async function run(): Promise<void> {
  await act(() => startRun());
  await waitFor(() => expect(useRunStore.getState().running).toBe(false));
  await flushDiagnostics();
}

beforeEach(() => {
  localStorage.clear();
  updateSettings({ provider: 'preview' });
  resetStores(chain());
});

describe('stale outputs and errors follow the graph', () => {
  it('after an edit, the old output stays visible but dimmed with "will re-run"; a new run clears it', async () => {
    render(<App />);
    await run();
    const outputs = () => screen.getByTestId('node-outputs-g');
    expect(outputs().getAttribute('data-stale')).toBeNull();
    expect(screen.queryByTestId('stale-g')).toBeNull();

    act(() => commands.setParam('p', 'text', 'a fresh fox'));
    await flushDiagnostics();
    expect(outputs().getAttribute('data-stale')).toBe('will re-run');
    expect(outputs().className).toContain('outputs-stale');
    expect(screen.getByTestId('stale-g').textContent).toBe('will re-run');

    await run();
    expect(outputs().getAttribute('data-stale')).toBeNull();
  });

  it('a failure from an earlier run leaves once an undo restores the graph', async () => {
    render(<App />);
    await run();
    // Unlink the prompt and run: the generate node cannot run ("not connected").
    const link = useDocumentStore.getState().doc.edges.find((edge) => edge.target === 'g');
    if (!link) throw new Error('the chain has a prompt link');
    act(() => commands.disconnect([edgeKey(link)]));
    await run();
    expect(['failed', 'skipped']).toContain(useRunStore.getState().nodes.g?.status);
    await waitFor(() => expect(screen.queryByTestId('node-error-g')).not.toBeNull());
    // Its image is from the earlier run now, and says so.
    expect(screen.getByTestId('node-outputs-g').getAttribute('data-stale')).toBe('earlier run');

    act(() => commands.undo());
    await flushDiagnostics();
    expect(useDocumentStore.getState().doc.edges).toHaveLength(2);
    expect(screen.queryByTestId('node-error-g')).toBeNull();
  });
});
