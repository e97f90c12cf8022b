// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { useShortcuts } from '../../src/editor/canvas/use-shortcuts';
import { editComponent, setInnerParam } from '../../src/editor/components/component-commands';
import { Palette } from '../../src/editor/panels/Palette';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { useViewStore } from '../../src/editor/store/view-store';
import { flushDiagnostics, renderCanvas, resetStores, sampleWorkflow } from './helpers';

const doc = () => useDocumentStore.getState().doc;
const select = (ids: string[]) =>
  act(() => useViewStore.setState({ selectedNodes: new Set(ids), selectedEdges: new Set<string>() }));

beforeEach(() => resetStores(sampleWorkflow()));

/** The window shortcuts (Ctrl/⌘+G) as the app shell installs them. */
function Shortcuts() {
  useShortcuts();
  return null;
}
const renderEditor = () =>
  renderCanvas(
    <>
      <Shortcuts />
      <Palette />
    </>,
  );

describe('components in the editor', () => {
  it('Ctrl+G makes a component of the selection in one undo step, wired the same way', async () => {
    renderEditor();
    select(['g', 'e']);
    fireEvent.keyDown(window, { key: 'g', ctrlKey: true });
    const made = doc();
    expect(made.components?.map((c) => c.name)).toEqual(['Component 1']);
    expect(made.nodes.map((n) => n.id)).toEqual(['p', 'refs', 'component1', 'x']);
    expect(made.edges.map((e) => `${e.source}.${e.sourcePort}>${e.target}.${e.targetPort}`)).toEqual([
      'p.text>component1.prompt',
      'component1.image>x.images',
    ]);
    expect([...useViewStore.getState().selectedNodes]).toEqual(['component1']);
    // The body: name, inputs, outputs.
    expect((await screen.findByTestId('node-title-component1')).textContent).toBe('Component 1');
    expect(
      screen.getByTestId('node-component1').querySelector('[data-testid="port-in-prompt"]'),
    ).toBeTruthy();
    expect(
      screen.getByTestId('node-component1').querySelector('[data-testid="port-out-image"]'),
    ).toBeTruthy();
    expect(screen.getByTestId('component-summary-component1').textContent).toBe('2 nodes inside');

    commands.undo();
    expect(doc()).toEqual(sampleWorkflow());
    commands.redo();
    expect(doc()).toEqual(made);
  });

  it('the toolbar-less path refuses an empty selection and Ungroup restores the nodes (one undo step)', async () => {
    renderEditor();
    select([]);
    fireEvent.keyDown(window, { key: 'g', ctrlKey: true });
    expect(doc().components ?? []).toEqual([]);
    select(['g', 'e']);
    fireEvent.keyDown(window, { key: 'g', ctrlKey: true });
    const grouped = doc();
    await userEvent.click(await screen.findByTestId('component-ungroup-component1'));
    expect(
      doc()
        .nodes.map((n) => n.id)
        .sort(),
    ).toEqual(['e', 'g', 'p', 'refs', 'x']);
    expect(
      new Set(doc().edges.map((e) => `${e.source}.${e.sourcePort}>${e.target}.${e.targetPort}`)),
    ).toEqual(
      new Set(sampleWorkflow().edges.map((e) => `${e.source}.${e.sourcePort}>${e.target}.${e.targetPort}`)),
    );
    expect([...useViewStore.getState().selectedNodes].sort()).toEqual(['e', 'g']);
    commands.undo();
    expect(doc()).toEqual(grouped);
  });

  it('an edit of the component reaches every instance in one undo step', async () => {
    renderEditor();
    select(['g', 'e']);
    fireEvent.keyDown(window, { key: 'g', ctrlKey: true });
    // A second instance from the palette's Components section.
    await userEvent.click(await screen.findByTestId('palette-component-component1'));
    const instances = doc().nodes.filter((n) => n.type === 'component');
    expect(instances).toHaveLength(2);
    const before = doc();
    setInnerParam('component1', 'e', 'instruction', 'make it green');
    editComponent('component1', 'Rename component', (c) => ({ ...c, name: 'Scene maker' }));
    expect(doc().components?.[0]?.nodes.find((n) => n.id === 'e')?.params.instruction).toBe('make it green');
    for (const instance of instances)
      expect((await screen.findByTestId(`node-title-${instance.id}`)).textContent).toBe('Scene maker');
    commands.undo();
    commands.undo();
    expect(doc()).toEqual(before);
  });

  it('an unconnected input shows an editable value on the node; errors inside show on the instance', async () => {
    renderEditor();
    select(['g', 'e']);
    fireEvent.keyDown(window, { key: 'g', ctrlKey: true });
    await userEvent.click(await screen.findByTestId('palette-component-component1'));
    const second = doc().nodes.find((n) => n.type === 'component' && n.id !== 'component1')?.id ?? '';
    await flushDiagnostics();
    expect((await screen.findByTestId(`node-error-${second}`)).textContent).toMatch(
      /input "prompt"|has no value/,
    );
    const field = await screen.findByTestId(`component-input-${second}-prompt`);
    await userEvent.type(field, 'a kite');
    expect(doc().nodes.find((n) => n.id === second)?.params.inputs).toEqual({ prompt: 'a kite' });
    await flushDiagnostics();
    expect(screen.queryByTestId(`node-error-${second}`)).toBeNull();
    // The connected instance shows no field for its connected input.
    expect(screen.queryByTestId('component-input-component1-prompt')).toBeNull();
  });
});
