// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { NODE_TYPES } from '../../nodes/registry';
import { NODE_DRAG_MIME } from '../../src/editor/canvas/node-catalog';
import { Palette } from '../../src/editor/panels/Palette';
import { SearchPopup } from '../../src/editor/panels/SearchPopup';
import { updateSettings } from '../../src/editor/settings/settings-store';
import { useDocumentStore } from '../../src/editor/store/document-store';
import { useViewStore } from '../../src/editor/store/view-store';
import { renderCanvas, resetStores, workflowOf } from './helpers';

const nodes = () => useDocumentStore.getState().doc.nodes;

beforeEach(() => resetStores(workflowOf([])));

describe('node palette', () => {
  it('lists every node type and filters as you type, hiding the nodes that do not match', async () => {
    const shown = () =>
      screen
        .queryAllByTestId(/^palette-item-/)
        .map((item) => item.dataset.testid?.replace('palette-item-', ''));
    renderCanvas(<Palette />);
    expect(shown().sort()).toEqual([...NODE_TYPES].sort());
    await userEvent.type(screen.getByTestId('palette-search'), 'image');
    // "image" is in the model nodes' descriptions but not the Prompt's ("Text for a Generate or Edit node.").
    expect(shown()).toEqual(expect.arrayContaining(['edit', 'export', 'generate', 'referenceSet']));
    expect(shown().length).toBeLessThan(NODE_TYPES.length);
    expect(screen.queryByTestId('palette-item-prompt')).toBeNull();
    await userEvent.clear(screen.getByTestId('palette-search'));
    await userEvent.type(screen.getByTestId('palette-search'), 'refer');
    // The name match first, then Generate ("optional reference images").
    expect(shown()).toEqual(['referenceSet', 'generate']);
    await userEvent.clear(screen.getByTestId('palette-search'));
    await userEvent.type(screen.getByTestId('palette-search'), 'zzz');
    expect(shown()).toEqual([]);
    expect(screen.getByText(/No node matches/)).toBeTruthy();
  });

  it('adds a node with its defaults on click, as one undoable command, and selects it', async () => {
    updateSettings({ defaultModel: 'gemini-3-pro-image' });
    renderCanvas(<Palette />);
    await userEvent.click(screen.getByTestId('palette-item-generate'));
    expect(nodes()).toHaveLength(1);
    expect(nodes()[0]).toMatchObject({
      id: 'gen',
      type: 'generate',
      params: { model: 'gemini-3-pro-image', variations: 1 },
    });
    expect(useDocumentStore.getState().past).toHaveLength(1);
    expect(useViewStore.getState().selectedNodes.has('gen')).toBe(true);
    expect(screen.getByTestId('node-gen')).toBeTruthy();
    updateSettings({ defaultModel: 'gemini-3.1-flash-image' });
  });

  it('drops a dragged palette item onto the canvas', () => {
    renderCanvas(<Palette />);
    const store = new Map<string, string>();
    const dataTransfer = {
      setData: (type: string, value: string) => store.set(type, value),
      getData: (type: string) => store.get(type) ?? '',
      get types() {
        return [...store.keys()];
      },
      effectAllowed: 'all',
      dropEffect: 'none',
    };
    fireEvent.dragStart(screen.getByTestId('palette-item-prompt'), { dataTransfer });
    expect(store.get(NODE_DRAG_MIME)).toBe('prompt');
    fireEvent.dragOver(screen.getByTestId('canvas'), { dataTransfer });
    fireEvent.drop(screen.getByTestId('canvas'), { dataTransfer, clientX: 100, clientY: 100 });
    expect(nodes().map((node) => node.type)).toEqual(['prompt']);
  });
});

describe('search popup', () => {
  it('opens on double-click on the empty canvas, filters, and adds with Enter', async () => {
    const { container } = renderCanvas(<SearchPopup />);
    const pane = container.querySelector('.react-flow__pane') as HTMLElement;
    fireEvent.doubleClick(pane, { clientX: 200, clientY: 150 });
    const popup = screen.getByTestId('search-popup');
    expect(within(popup).getAllByRole('button')).toHaveLength(NODE_TYPES.length);
    await userEvent.type(screen.getByTestId('search-popup-input'), 'export');
    expect(within(popup).getAllByRole('button')).toHaveLength(1);
    await userEvent.keyboard('{Enter}');
    expect(nodes().map((node) => node.type)).toEqual(['export']);
    expect(screen.queryByTestId('search-popup')).toBeNull();
  });

  it('closes with Escape without adding anything', async () => {
    renderCanvas(<SearchPopup />);
    act(() => useViewStore.setState({ search: { screen: { x: 0, y: 0 }, flow: { x: 0, y: 0 } } }));
    await userEvent.type(screen.getByTestId('search-popup-input'), '{Escape}');
    expect(screen.queryByTestId('search-popup')).toBeNull();
    expect(nodes()).toHaveLength(0);
  });
});
