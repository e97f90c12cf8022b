// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_RESIZE_BURST_MS } from '../../src/editor/canvas/keyboard-resize';
import { estimatedNodeSize } from '../../src/editor/canvas/overlaps';
import { useShortcuts } from '../../src/editor/canvas/use-shortcuts';
import { NODE_SIZE_LIMITS, NOTE_SIZE_LIMITS } from '../../src/editor/node-ui/size-limits';
import { HelpPanel } from '../../src/editor/panels/HelpPanel';
import { commands, setHistoryClock, useDocumentStore } from '../../src/editor/store/document-store';
import { nodeCommands } from '../../src/editor/store/node-commands';
import { useViewStore, view } from '../../src/editor/store/view-store';
import type { WorkflowNode } from '../../src/engine/workflow';
import { renderCanvas, resetStores } from './helpers';

/** Issue #17: the resize handle's keyboard twin (Alt+Shift+arrows, 8 px; with Ctrl/⌘, 1 px). */

const doc = () => useDocumentStore.getState().doc;
const nodeOf = (id: string) => doc().nodes.find((node) => node.id === id);
const past = () => useDocumentStore.getState().past.length;

function Shortcuts() {
  useShortcuts();
  return null;
}

let now = 0;
beforeEach(() => {
  resetStores();
  now = 1_000_000;
  setHistoryClock(() => now);
});
afterEach(() => setHistoryClock(() => Date.now()));

const press = (key: string, extra: { ctrlKey?: boolean } = {}, target: Element | Window = window) =>
  fireEvent.keyDown(target, { key, altKey: true, shiftKey: true, ...extra });

describe('keyboard resize', () => {
  it('Alt+Shift+arrows grow and shrink the selected node by 8 px, Ctrl/⌘ too by 1 px; a burst is one undo step', () => {
    renderCanvas(<Shortcuts />);
    act(() => view.select(['g']));
    expect(nodeOf('g')?.size).toBeUndefined();
    // From the size on screen (measured, else estimated): 8 px wider, as tall.
    const shown = useViewStore.getState().measured.g ?? estimatedNodeSize(nodeOf('g') as WorkflowNode);
    const start = { width: Math.round(shown.width), height: Math.round(shown.height) };
    press('ArrowRight');
    expect(nodeOf('g')?.size).toEqual({ width: start.width + 8, height: start.height });
    now += 200;
    press('ArrowDown');
    now += 200;
    press('ArrowRight', { ctrlKey: true });
    now += 200;
    press('ArrowUp', { ctrlKey: true });
    expect(nodeOf('g')?.size).toEqual({ width: start.width + 9, height: start.height + 7 });
    expect(past()).toBe(1);
    // Other nodes keep their size.
    expect(nodeOf('e')?.size).toBeUndefined();

    // A pause ends the burst: the next press is its own step.
    now += KEY_RESIZE_BURST_MS + 1;
    press('ArrowLeft');
    expect(nodeOf('g')?.size?.width).toBe(start.width + 1);
    expect(past()).toBe(2);
    act(() => commands.undo());
    expect(nodeOf('g')?.size?.width).toBe(start.width + 9);
    act(() => commands.undo());
    expect(nodeOf('g')?.size).toBeUndefined();
  });

  it('keeps within the node limits, and frames and notes within theirs', () => {
    renderCanvas(<Shortcuts />);
    act(() => view.select(['g']));
    for (let i = 0; i < 60; i++) press('ArrowLeft');
    for (let i = 0; i < 60; i++) press('ArrowUp');
    expect(nodeOf('g')?.size).toEqual({
      width: NODE_SIZE_LIMITS.minWidth,
      height: NODE_SIZE_LIMITS.minHeight,
    });
    act(() => nodeCommands.resizeNode('g', { width: 1595, height: 1598 }, { resizing: false }));
    press('ArrowRight');
    press('ArrowDown');
    expect(nodeOf('g')?.size).toEqual({
      width: NODE_SIZE_LIMITS.maxWidth,
      height: NODE_SIZE_LIMITS.maxHeight,
    });

    let note = '';
    act(() => {
      note = nodeCommands.addAnnotation({
        type: 'note',
        position: { x: 0, y: 900 },
        size: { width: 150, height: 90 },
      });
      view.select([note]);
    });
    press('ArrowLeft');
    press('ArrowLeft');
    expect(nodeOf(note)?.size).toEqual({ width: NOTE_SIZE_LIMITS.minWidth, height: 90 });
  });

  it('takes the keys before React Flow: the focused node is resized, not moved; text fields keep their keys', () => {
    renderCanvas(<Shortcuts />);
    act(() => view.select(['g']));
    const element = screen.getByTestId('node-g').closest('.react-flow__node') as HTMLElement;
    const position = nodeOf('g')?.position;
    press('ArrowRight', {}, element);
    expect(nodeOf('g')?.position).toEqual(position);
    expect(nodeOf('g')?.size).toBeDefined();
    // The same key without Alt+Shift still moves it (React Flow's own keyboard move).
    fireEvent.keyDown(element, { key: 'ArrowRight' });
    expect(nodeOf('g')?.position).not.toEqual(position);

    const before = nodeOf('g')?.size;
    const field = screen.getByTestId('node-p').querySelector('textarea, input');
    if (!field) throw new Error('the prompt node has a text field');
    press('ArrowRight', {}, field);
    expect(nodeOf('g')?.size).toEqual(before);
  });

  it('is listed in Help with the other shortcuts', () => {
    act(() => view.openPanel('help'));
    render(<HelpPanel />);
    const help = screen.getByTestId('help-panel');
    expect(help.textContent).toContain('Alt + Shift + arrow keys');
    expect(help.textContent).toContain('Resize the selected nodes by 8 px');
    expect(help.textContent).toContain('Resize the selected nodes by 1 px');
  });
});
