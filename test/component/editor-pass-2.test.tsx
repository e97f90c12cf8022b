// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { addFrame } from '../../src/editor/annotations/add-annotation';
import { withFrameContents } from '../../src/editor/annotations/frame-contents';
import { makeRoomAround } from '../../src/editor/canvas/make-room';
import { estimatedNodeSize } from '../../src/editor/canvas/overlaps';
import { useShortcuts } from '../../src/editor/canvas/use-shortcuts';
import { Palette } from '../../src/editor/panels/Palette';
import { SearchPopup } from '../../src/editor/panels/SearchPopup';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { nodeCommands } from '../../src/editor/store/node-commands';
import { useViewStore, view } from '../../src/editor/store/view-store';
import { renderCanvas, resetStores, sampleWorkflow, workflowOf } from './helpers';

const doc = () => useDocumentStore.getState().doc;
const nodeOf = (id: string) => doc().nodes.find((node) => node.id === id);

function Shortcuts() {
  useShortcuts();
  return null;
}

beforeEach(() => resetStores());

describe('bypass', () => {
  it('Ctrl+B bypasses the selection: saved on the node, dimmed and labelled, one undo step; again runs it', () => {
    renderCanvas(<Shortcuts />);
    act(() => view.select(['e']));
    fireEvent.keyDown(window, { key: 'b', ctrlKey: true });
    expect(nodeOf('e')?.bypass).toBe(true);
    expect(screen.getByTestId('node-e').dataset.bypassed).toBe('true');
    expect(screen.getByTestId('node-e').className).toContain('bypassed');
    expect(screen.getByTestId('bypass-tag-e').textContent).toBe('Bypassed');
    expect(useDocumentStore.getState().past).toHaveLength(1);
    fireEvent.keyDown(window, { key: 'b', ctrlKey: true });
    expect(nodeOf('e')?.bypass).toBeUndefined();
    expect(screen.queryByTestId('bypass-tag-e')).toBeNull();
    act(() => commands.undo());
    expect(nodeOf('e')?.bypass).toBe(true);
    // The tag un-bypasses with a click.
    fireEvent.click(screen.getByTestId('bypass-tag-e'));
    expect(nodeOf('e')?.bypass).toBeUndefined();
  });
});

describe('collapse and resize', () => {
  it('the collapse toggle hides the body but keeps every port handle, so edges stay wired', () => {
    const { container } = renderCanvas();
    const edgesBefore = doc().edges.length;
    expect(screen.getByTestId('node-g').querySelector('.node-body')).not.toBeNull();
    fireEvent.click(screen.getByTestId('collapse-g'));
    expect(nodeOf('g')?.collapsed).toBe(true);
    const node = screen.getByTestId('node-g');
    expect(node.querySelector('.node-body')).toBeNull();
    expect(screen.getByTestId('collapse-g').getAttribute('aria-expanded')).toBe('false');
    const handles = [...container.querySelectorAll('[data-nodeid="g"].react-flow__handle')].map((h) =>
      h.getAttribute('data-handleid'),
    );
    expect(handles).toEqual(expect.arrayContaining(['prompt', 'references', 'image', 'images', 'text']));
    expect(doc().edges).toHaveLength(edgesBefore);
    fireEvent.click(screen.getByTestId('collapse-g'));
    expect(nodeOf('g')?.collapsed).toBeUndefined();
  });

  it('expanding a collapsed node moves what now sits under it, in the same undo step', () => {
    renderCanvas();
    act(() => nodeCommands.toggleCollapsed(['p']));
    // Something placed in the room the collapsed prompt left free.
    act(() => commands.moveNodes([{ id: 'refs', position: { x: 0, y: 96 } }]));
    act(() => nodeCommands.toggleCollapsed(['p']));
    const prompt = nodeOf('p');
    const refs = nodeOf('refs');
    const height = estimatedNodeSize(
      prompt ?? { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: {} },
    ).height;
    expect(prompt?.collapsed).toBeUndefined();
    expect(refs?.position.y).toBeGreaterThanOrEqual(height);
    act(() => commands.undo());
    expect(nodeOf('p')?.collapsed).toBe(true);
    expect(nodeOf('refs')?.position).toEqual({ x: 0, y: 96 });
  });

  it('Alt+C collapses the selection', () => {
    renderCanvas(<Shortcuts />);
    act(() => view.select(['p', 'x']));
    fireEvent.keyDown(window, { key: 'c', code: 'KeyC', altKey: true });
    expect([nodeOf('p')?.collapsed, nodeOf('x')?.collapsed]).toEqual([true, true]);
  });

  it('a resize is one undo step, sizes the canvas node, and the release pushes covered nodes away', () => {
    const { container } = renderCanvas();
    act(() => {
      nodeCommands.resizeNode('g', { width: 300, height: 500 }, { resizing: true });
      nodeCommands.resizeNode('g', { width: 520, height: 600 }, { resizing: true });
    });
    const grown = { width: 520, height: 600 };
    const moves = makeRoomAround(doc(), 'g', grown, {});
    // g (x 400) grew to 520 wide: e (x 800) is now covered and moves right of it.
    expect(moves.get('e')?.x).toBeGreaterThanOrEqual(400 + 520);
    act(() => nodeCommands.resizeNode('g', grown, { resizing: false, moves }));
    expect(nodeOf('g')?.size).toEqual(grown);
    expect(useDocumentStore.getState().past).toHaveLength(1);
    const wrapper = container.querySelector('.react-flow__node[data-id="g"]') as HTMLElement;
    expect(wrapper.style.width).toBe('520px');
    expect(wrapper.style.height).toBe('600px');
    // Nothing the grown node covers is left: every pushed node clears it, and pushes its own neighbours.
    const x = nodeOf('x');
    const e = nodeOf('e');
    expect(e && x && x.position.x >= e.position.x + 280).toBe(true);
    act(() => commands.undo());
    expect(nodeOf('g')?.size).toBeUndefined();
    expect(nodeOf('e')?.position).toEqual({ x: 800, y: 0 });
  });
});

describe('frames and notes', () => {
  it('Ctrl+Alt+G frames the selection; moving the frame carries the nodes inside it, not the others', () => {
    renderCanvas(<Shortcuts />);
    act(() => view.select(['p', 'refs']));
    fireEvent.keyDown(window, { key: 'g', code: 'KeyG', ctrlKey: true, altKey: true });
    const frame = doc().nodes[0];
    expect(frame?.type).toBe('frame');
    expect(screen.getByTestId(`frame-${frame?.id}`)).toBeTruthy();
    if (!frame) throw new Error('no frame');
    const moves = withFrameContents(
      doc(),
      [{ id: frame.id, position: { x: frame.position.x + 100, y: frame.position.y + 50 } }],
      {},
    );
    expect(new Map(moves.map((move) => [move.id, move.position]))).toEqual(
      new Map([
        [frame.id, { x: frame.position.x + 100, y: frame.position.y + 50 }],
        ['p', { x: 100, y: 50 }],
        ['refs', { x: 100, y: 350 }],
      ]),
    );
  });

  it('a note shows its text as text (no HTML) and typing edits params.text', async () => {
    resetStores(workflowOf([]));
    renderCanvas(<Palette />);
    await userEvent.click(screen.getByTestId('palette-annotation-note'));
    const note = doc().nodes[0];
    expect(note).toMatchObject({ type: 'note', params: { color: 'yellow', text: '' } });
    const area = screen.getByTestId(`note-text-${note?.id}`) as HTMLTextAreaElement;
    await userEvent.type(area, '<b>bold?</b>');
    expect(nodeOf(note?.id ?? '')?.params.text).toBe('<b>bold?</b>');
    expect(area.value).toBe('<b>bold?</b>');
    expect(screen.getByTestId(`note-${note?.id}`).querySelector('b')).toBeNull();
    // Annotations make no diagnostics: the engine ignores them.
    expect(screen.queryByTestId(`node-error-${note?.id}`)).toBeNull();
  });

  it('an empty frame from the palette lands centred in the view', async () => {
    resetStores(workflowOf([]));
    renderCanvas(<Palette />);
    act(() => addFrame({ x: 500, y: 300 }));
    const frame = doc().nodes[0];
    expect(frame?.size).toBeDefined();
    expect((frame?.position.x ?? 0) + (frame?.size?.width ?? 0) / 2).toBe(500);
    expect((frame?.position.y ?? 0) + (frame?.size?.height ?? 0) / 2).toBe(300);
  });
});

describe('placement by centre', () => {
  it('a node picked in the search popup is centred on the spot, and moves off a node already there', async () => {
    resetStores(sampleWorkflow());
    renderCanvas(<SearchPopup />);
    const spot = { x: 3000, y: 3000 };
    act(() => useViewStore.setState({ search: { screen: { x: 10, y: 10 }, flow: spot } }));
    await userEvent.type(screen.getByTestId('search-popup-input'), 'prompt{Enter}');
    const added = doc().nodes.at(-1);
    const size = estimatedNodeSize(added ?? { id: '', type: 'prompt', position: spot, params: {} });
    expect(added?.position).toEqual({ x: spot.x - size.width / 2, y: spot.y - size.height / 2 });
    // Again at the same spot: centred there would cover the first one, so it goes next to it.
    act(() => useViewStore.setState({ search: { screen: { x: 10, y: 10 }, flow: spot } }));
    await userEvent.type(screen.getByTestId('search-popup-input'), 'prompt{Enter}');
    const second = doc().nodes.at(-1);
    expect(second?.id).not.toBe(added?.id);
    const a = added?.position ?? { x: 0, y: 0 };
    const b = second?.position ?? { x: 0, y: 0 };
    const apart = b.x >= a.x + size.width || b.y >= a.y + size.height;
    expect(apart).toBe(true);
  });
});
