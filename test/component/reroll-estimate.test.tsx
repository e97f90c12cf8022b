// @vitest-environment jsdom
import './setup-dom';
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { bootEditor, previewEditorEachTest, uniqueDbName } from './persistence-harness';

const slot = previewEditorEachTest();

const rerollLabel = () => screen.getByTestId('reroll-button').getAttribute('aria-label') ?? '';

describe('the re-roll button shows its estimate', () => {
  it('after a run everything is cached (0 calls), yet re-rolling the generate node costs its call', async () => {
    const editor = await bootEditor({ dbName: uniqueDbName() });
    slot.editor = editor;
    const { runController, viewStore, runStore } = editor;
    await act(() => runController.startRun());
    expect(runStore.useRunStore.getState().lastStatus).toBe('ok');
    await waitFor(() => expect(screen.getByTestId('estimate-text').textContent).toContain('0 calls'));
    // Nothing selected: no figure on the button.
    expect(screen.queryByTestId('reroll-estimate')).toBeNull();
    const generate = editor.documentStore.useDocumentStore
      .getState()
      .doc.nodes.find((node) => node.type === 'generate');
    if (!generate) throw new Error('the text-to-image template has a generate node');
    act(() => viewStore.view.select([generate.id]));
    await waitFor(() => expect(rerollLabel()).toContain('1 call, free (preview)'));
    expect(screen.getByTestId('reroll-estimate').textContent).toBe('free');
    // Selecting the prompt too adds no call (a prompt is not a model call).
    const prompt = editor.documentStore.useDocumentStore
      .getState()
      .doc.nodes.find((node) => node.type === 'prompt');
    act(() => viewStore.view.select([generate.id, prompt?.id ?? '']));
    await waitFor(() => expect(rerollLabel()).toContain('1 call'));
    act(() => viewStore.view.select([]));
    await waitFor(() => expect(screen.queryByTestId('reroll-estimate')).toBeNull());
  }, 120_000);
});
