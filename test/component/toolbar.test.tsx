// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/editor/App';
import { updateSettings } from '../../src/editor/settings/settings-store';
import { setTheme } from '../../src/editor/settings/theme';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { useViewStore } from '../../src/editor/store/view-store';
import { flushDiagnostics, resetStores } from './helpers';

const doc = () => useDocumentStore.getState().doc;

beforeEach(() => {
  localStorage.clear();
  setTheme('system');
  updateSettings({ provider: 'gemini', apiKey: '', budgetUsd: null });
  resetStores();
});

describe('toolbar and editor friction', () => {
  it('an invalid graph says "N problems" instead of an estimate; a click selects the first', async () => {
    render(<App />);
    act(() => commands.setParam('p', 'text', ''));
    act(() => commands.setParam('e', 'instruction', ''));
    await flushDiagnostics();
    const problems = screen.getByTestId('problems-button');
    expect(problems.textContent).toMatch(/^⚠ \d+ problems?$/);
    expect(screen.queryByTestId('estimate-text')).toBeNull();
    fireEvent.click(problems);
    expect(useViewStore.getState().selectedNodes.size).toBe(1);
  });

  it('warns before a run whose estimate passes the budget cap', async () => {
    updateSettings({ budgetUsd: 0.01 });
    render(<App />);
    await flushDiagnostics();
    expect(screen.getByTestId('budget-warning').textContent).toContain('$0.01 budget');
  });

  it('the theme button cycles system, light, dark and marks the page', () => {
    render(<App />);
    const button = screen.getByTestId('theme-button');
    expect(document.documentElement.dataset.theme).toBeUndefined();
    fireEvent.click(button);
    expect(document.documentElement.dataset.theme).toBe('light');
    fireEvent.click(button);
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('peel.theme')).toBe('dark');
    fireEvent.click(button);
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('Ctrl+N opens a blank workflow (a load: no undo entry)', () => {
    render(<App />);
    fireEvent.keyDown(document.body, { key: 'n', ctrlKey: true });
    expect(doc().nodes).toEqual([]);
    expect(doc().name).toBe('Untitled');
    expect(useDocumentStore.getState().past).toHaveLength(0);
  });

  it('F2 renames the selected node; Enter commits one undo step, Escape cancels', () => {
    render(<App />);
    act(() => useViewStore.setState({ selectedNodes: new Set(['g']) }));
    fireEvent.keyDown(document.body, { key: 'F2' });
    const input = screen.getByTestId('node-title-input-g') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'Hero' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByTestId('node-title-g').textContent).toBe('Hero');
    expect(useDocumentStore.getState().past).toHaveLength(1);
    fireEvent.doubleClick(screen.getByTestId('node-title-g'));
    fireEvent.change(screen.getByTestId('node-title-input-g'), { target: { value: 'Nope' } });
    fireEvent.keyDown(screen.getByTestId('node-title-input-g'), { key: 'Escape' });
    expect(screen.getByTestId('node-title-g').textContent).toBe('Hero');
  });

  it('Enter in the palette search adds the top match, placed clear of other nodes', async () => {
    render(<App />);
    const search = screen.getByTestId('palette-search');
    fireEvent.change(search, { target: { value: 'export' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() => expect(doc().nodes.filter((node) => node.type === 'export')).toHaveLength(3));
    const added = doc()
      .nodes.filter((node) => node.type === 'export')
      .slice(1);
    expect(added[0]?.position).not.toEqual(added[1]?.position);
  });

  it('files dragged over the canvas show a drop hint, gone when they leave', () => {
    render(<App />);
    const canvas = screen.getByTestId('canvas');
    const dataTransfer = { types: ['Files'], files: [], dropEffect: 'none', getData: () => '' };
    expect(screen.queryByTestId('drop-hint')).toBeNull();
    fireEvent.dragOver(canvas, { dataTransfer });
    expect(screen.getByTestId('drop-hint').textContent).toContain('Drop a workflow file');
    fireEvent.dragLeave(canvas, { dataTransfer, relatedTarget: null });
    expect(screen.queryByTestId('drop-hint')).toBeNull();
  });

  it('a refused link says why in a tip at the pointer (and the app keeps running)', async () => {
    render(<App />);
    act(() =>
      useViewStore.setState({
        refusal: { x: 100, y: 120, reason: 'a text output cannot feed a image[] input' },
      }),
    );
    expect((await screen.findByTestId('refusal-tip')).textContent).toBe(
      'a text output cannot feed a image[] input',
    );
    expect(screen.getByTestId('canvas')).toBeTruthy();
  });
});
