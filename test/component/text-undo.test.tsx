// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/editor/App';
import { updateSettings } from '../../src/editor/settings/settings-store';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { resetStores } from './helpers';

/**
 * Ctrl/⌘+Z in a text field belongs to the text (the browser's own undo, which jsdom does not
 * have: what is asserted here is that the shortcut leaves the key to the field and the graph
 * alone). Outside text fields it stays graph undo. The typing itself is covered in Chromium by
 * test/e2e/text-undo.e2e.ts.
 */
const doc = () => useDocumentStore.getState().doc;

beforeEach(() => {
  localStorage.clear();
  updateSettings({ provider: 'gemini', apiKey: '', budgetUsd: null });
  resetStores();
});

/** A graph step the user made before focusing a field: a node added. */
function addNodeStep(): void {
  act(() => commands.addNode({ type: 'prompt', position: { x: 0, y: 600 }, params: { text: 'later' } }));
}

describe('Ctrl/⌘+Z in and out of text fields', () => {
  it.each([
    ['Ctrl', { ctrlKey: true }],
    ['⌘', { metaKey: true }],
  ])('%s+Z in a node text area leaves the key to the field: the graph keeps its last step', (_, mod) => {
    render(<App />);
    addNodeStep();
    const nodes = doc().nodes.length;
    const area = screen.getByTestId('prompt-text-p');
    area.focus();
    const notHandled = fireEvent.keyDown(area, { key: 'z', ...mod });
    expect(notHandled).toBe(true); // not preventDefault-ed: the browser's text undo runs
    expect(doc().nodes).toHaveLength(nodes);
    // Redo is the field's too.
    expect(fireEvent.keyDown(area, { key: 'z', shiftKey: true, ...mod })).toBe(true);
    expect(fireEvent.keyDown(area, { key: 'y', ctrlKey: true })).toBe(true);
    expect(doc().nodes).toHaveLength(nodes);
  });

  it('in a one-line text input (the export file name) too', () => {
    render(<App />);
    addNodeStep();
    const nodes = doc().nodes.length;
    const input = screen.getByTestId('filename-x');
    fireEvent.keyDown(input, { key: 'z', ctrlKey: true });
    expect(doc().nodes).toHaveLength(nodes);
  });

  it('on a checkbox in a node (no text to undo) it is graph undo', () => {
    render(<App />);
    addNodeStep();
    const nodes = doc().nodes.length;
    const box = screen.getByTestId('embed-x');
    const notHandled = fireEvent.keyDown(box, { key: 'z', ctrlKey: true });
    expect(notHandled).toBe(false);
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
});
