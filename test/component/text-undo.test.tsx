// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/editor/App';
import { updateSettings } from '../../src/editor/settings/settings-store';
import { commands, setHistoryClock, useDocumentStore } from '../../src/editor/store/document-store';
import { nodeById } from '../../src/editor/store/node-index';
import { resetStores } from './helpers';

/**
 * Ctrl/⌘+Z in a text field undoes that field's typing (its typing bursts in the document history)
 * and never a graph step; outside text fields it stays graph undo. Chromium: test/e2e/editor-pass-b.e2e.ts.
 */
const doc = () => useDocumentStore.getState().doc;
const textOf = (id: string) => nodeById(doc(), id)?.params.text;
let now = 0;

beforeEach(() => {
  localStorage.clear();
  updateSettings({ provider: 'gemini', apiKey: '', budgetUsd: null });
  resetStores();
  now = 1_000_000;
  setHistoryClock(() => now);
});

/** A graph step the user made before typing: a node added. */
function addNodeStep(): void {
  act(() => commands.addNode({ type: 'prompt', position: { x: 0, y: 600 }, params: { text: 'later' } }));
  now += 5_000;
}

describe('Ctrl/⌘+Z in and out of text fields', () => {
  it.each([
    ['Ctrl', { ctrlKey: true }],
    ['⌘', { metaKey: true }],
  ])('%s+Z in a node text area undoes its typing, then nothing: the node added before stays', (_, mod) => {
    render(<App />);
    addNodeStep();
    const nodes = doc().nodes.length;
    const area = screen.getByTestId('prompt-text-p') as HTMLTextAreaElement;
    area.focus();
    fireEvent.change(area, { target: { value: 'a red fox in snow' } });
    now += 5_000;
    fireEvent.change(area, { target: { value: 'a red fox in snow at night' } });
    expect(fireEvent.keyDown(area, { key: 'z', ...mod })).toBe(false);
    expect(area.value).toBe('a red fox in snow');
    fireEvent.keyDown(area, { key: 'z', ...mod });
    expect(area.value).toBe('a red fox');
    // Nothing of the field's is left to undo: the graph keeps its last step.
    fireEvent.keyDown(area, { key: 'z', ...mod });
    fireEvent.keyDown(area, { key: 'z', ...mod });
    expect(doc().nodes).toHaveLength(nodes);
    expect(textOf('p')).toBe('a red fox');
    // Redo in the field brings the typing back, burst by burst (Ctrl+Shift+Z, Ctrl+Y).
    fireEvent.keyDown(area, { key: 'z', shiftKey: true, ...mod });
    expect(area.value).toBe('a red fox in snow');
    fireEvent.keyDown(area, { key: 'y', ctrlKey: true });
    expect(area.value).toBe('a red fox in snow at night');
  });

  it("a field does not undo another field's typing, nor a step of its own node's that is not text", () => {
    render(<App />);
    const area = screen.getByTestId('prompt-text-p') as HTMLTextAreaElement;
    fireEvent.change(area, { target: { value: 'typed in the prompt' } });
    now += 5_000;
    const fileName = screen.getByTestId('filename-x') as HTMLInputElement;
    fireEvent.keyDown(fileName, { key: 'z', ctrlKey: true });
    expect(textOf('p')).toBe('typed in the prompt');
    // The export's checkbox is a graph step of node x; the file-name field leaves it alone.
    fireEvent.click(screen.getByTestId('embed-x'));
    fireEvent.keyDown(fileName, { key: 'z', ctrlKey: true });
    expect(nodeById(doc(), 'x')?.params.embedWorkflow).toBe(false);
  });

  it('on a checkbox in a node (no text to undo) it is graph undo', () => {
    render(<App />);
    addNodeStep();
    const nodes = doc().nodes.length;
    const box = screen.getByTestId('embed-x');
    expect(fireEvent.keyDown(box, { key: 'z', ctrlKey: true })).toBe(false);
    expect(doc().nodes).toHaveLength(nodes - 1);
  });

  it('on the canvas it is graph undo, and Ctrl+Shift+Z redoes', () => {
    render(<App />);
    addNodeStep();
    const nodes = doc().nodes.length;
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    expect(doc().nodes).toHaveLength(nodes - 1);
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true, shiftKey: true });
    expect(doc().nodes).toHaveLength(nodes);
  });

  it('the workflow name field undoes its own renaming only', () => {
    render(<App />);
    addNodeStep();
    const nodes = doc().nodes.length;
    const name = screen.getByTestId('workflow-name') as HTMLInputElement;
    fireEvent.change(name, { target: { value: 'Renamed' } });
    fireEvent.keyDown(name, { key: 'z', ctrlKey: true });
    expect(doc().name).toBe('Test');
    fireEvent.keyDown(name, { key: 'z', ctrlKey: true });
    expect(doc().nodes).toHaveLength(nodes);
  });
});
