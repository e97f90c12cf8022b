// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkConnection } from '../../src/editor/canvas/connection-rules';
import { LOD_START, useLodStore } from '../../src/editor/canvas/level-of-detail';
import { useShortcuts } from '../../src/editor/canvas/use-shortcuts';
import { setOutputSource } from '../../src/editor/components/boundary';
import { makeComponentFromSelection } from '../../src/editor/components/component-commands';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { scopedView, useEditScopeStore } from '../../src/editor/store/edit-scope';
import { useViewStore } from '../../src/editor/store/view-store';
import { renderCanvas, resetStores, sampleWorkflow } from './helpers';

const FIND = { timeout: 5000 };
const doc = () => useDocumentStore.getState().doc;
const component = (id = compId) => doc().components?.find((c) => c.id === id);
const wires = (edges: { source: string; sourcePort: string; target: string; targetPort: string }[]) =>
  edges.map((e) => `${e.source}.${e.sourcePort}>${e.target}.${e.targetPort}`);

function Shortcuts() {
  useShortcuts();
  return null;
}

/** The instance and component made from g and e ("Scene maker"). */
let inst = '';
let compId = '';
function make(ids: string[], name: string): { instance: string; componentId: string } {
  let instance = '';
  act(() => {
    const made = makeComponentFromSelection(ids, name);
    if (!('instanceId' in made)) throw new Error(made.message);
    instance = made.instanceId;
  });
  const params = doc().nodes.find((n) => n.id === instance)?.params;
  return { instance, componentId: String(params?.component) };
}

beforeEach(() => {
  resetStores(sampleWorkflow());
  ({ instance: inst, componentId: compId } = make(['g', 'e'], 'Scene maker'));
});

describe('opening a component', () => {
  it('shows the inner nodes, edges and boundary; the breadcrumb and Esc go back', async () => {
    renderCanvas(<Shortcuts />);
    await userEvent.click(await screen.findByTestId(`component-open-${inst}`, {}, FIND));
    const crumb = await screen.findByTestId('component-breadcrumb', {}, FIND);
    expect(crumb.textContent).toBe('Workflow›Scene maker');
    expect(await screen.findByTestId('node-g', {}, FIND)).toBeTruthy();
    expect(screen.getByTestId('node-e')).toBeTruthy();
    expect(screen.queryByTestId('node-p')).toBeNull();
    expect(screen.queryByTestId(`node-${inst}`)).toBeNull();
    // Inputs and outputs as markers, with their names.
    expect((screen.getByTestId('component-input-name-prompt') as HTMLInputElement).value).toBe('prompt');
    expect((screen.getByTestId('component-output-name-image') as HTMLInputElement).value).toBe('image');
    // Edges inside: the $in edge and g→e both reach React Flow.
    await waitFor(() => {
      const ids = [...document.querySelectorAll('.react-flow__edge')].map((el) =>
        el.getAttribute('data-testid'),
      );
      expect(ids.length).toBeGreaterThanOrEqual(3);
    }, FIND);

    fireEvent.keyDown(window, { key: 'Escape' });
    expect(await screen.findByTestId('node-p', {}, FIND)).toBeTruthy();
    expect(screen.queryByTestId('component-breadcrumb')).toBeNull();

    await userEvent.click(await screen.findByTestId(`component-open-${inst}`, {}, FIND));
    await userEvent.click(await screen.findByTestId('breadcrumb-0', {}, FIND));
    expect(await screen.findByTestId(`node-${inst}`, {}, FIND)).toBeTruthy();
    expect(useEditScopeStore.getState().path).toEqual([]);
  });

  it('an edit inside changes the definition (every instance), one undo step of the workflow', async () => {
    renderCanvas(<Shortcuts />);
    await userEvent.click(await screen.findByTestId(`component-open-${inst}`, {}, FIND));
    const before = doc();
    const steps = useDocumentStore.getState().past.length;
    // jsdom lays nothing out (every node measures 0 px), so the fit on opening lands far out (every
    // node a placeholder); once it has, show full bodies as zooming in would. (The test used to
    // catch the field in the frames before the fit.)
    await waitFor(
      () => expect(screen.getByTestId('node-e').hasAttribute('data-placeholder')).toBe(true),
      FIND,
    );
    act(() => useLodStore.setState(LOD_START, true));
    const field = await screen.findByTestId('instruction-e', {}, FIND);
    fireEvent.change(field, { target: { value: 'make it gold' } });
    expect(component()?.nodes.find((n) => n.id === 'e')?.params.instruction).toBe('make it gold');
    // The workflow's own nodes are untouched: no stray top-level "e".
    expect(doc().nodes.map((n) => n.id)).toEqual(before.nodes.map((n) => n.id));
    expect(useDocumentStore.getState().past.length).toBe(steps + 1);

    // A node added inside lands in the definition with an id free there.
    act(() => {
      commands.addNode({ type: 'prompt', position: { x: 0, y: 400 }, params: { text: 'inner' } });
    });
    expect(component()?.nodes.map((n) => n.type)).toContain('prompt');
    expect(
      doc()
        .nodes.filter((n) => n.type === 'prompt')
        .map((n) => n.id),
    ).toEqual(['p']);

    act(() => commands.undo());
    act(() => commands.undo());
    expect(doc()).toEqual(before);
  });

  it('nested components: the breadcrumb shows the chain and a crumb goes back one level', async () => {
    const outer = make(['p', inst], 'Outer');
    renderCanvas(<Shortcuts />);
    await userEvent.click(await screen.findByTestId(`component-open-${outer.instance}`, {}, FIND));
    await userEvent.click(await screen.findByTestId(`component-open-${inst}`, {}, FIND));
    const crumb = await screen.findByTestId('component-breadcrumb', {}, FIND);
    await waitFor(() => expect(crumb.textContent).toBe('Workflow›Outer›Scene maker'), FIND);
    expect(await screen.findByTestId('node-g', {}, FIND)).toBeTruthy();
    await userEvent.click(screen.getByTestId('breadcrumb-1'));
    expect(await screen.findByTestId(`node-${inst}`, {}, FIND)).toBeTruthy();
    expect(useEditScopeStore.getState().path).toEqual([outer.componentId]);
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(useEditScopeStore.getState().path).toEqual([]), FIND);
  });

  it('renaming an input renames it in the definition and on every instance, in one undo step', async () => {
    renderCanvas(<Shortcuts />);
    const before = doc();
    await userEvent.click(await screen.findByTestId(`component-open-${inst}`, {}, FIND));
    const name = await screen.findByTestId('component-input-name-prompt', {}, FIND);
    await userEvent.clear(name);
    await userEvent.type(name, 'scene{Enter}');
    expect(component()?.inputs.map((i) => i.name)).toEqual(['scene']);
    expect(wires(component()?.edges ?? [])).toContain('$in.scene>g.prompt');
    expect(wires(doc().edges)).toContain(`p.text>${inst}.scene`);
    act(() => commands.undo());
    expect(doc()).toEqual(before);
  });

  it('leaves the component when it disappears (undo of Make component)', async () => {
    renderCanvas(<Shortcuts />);
    await userEvent.click(await screen.findByTestId(`component-open-${inst}`, {}, FIND));
    await screen.findByTestId('component-breadcrumb', {}, FIND);
    act(() => commands.undo());
    await waitFor(() => expect(useEditScopeStore.getState().path).toEqual([]), FIND);
    expect(await screen.findByTestId('node-g', {}, FIND)).toBeTruthy();
    expect(useViewStore.getState().selectedNodes.size).toBe(0);
  });

  it('renames an output from the component node itself (double-click the name), every instance following', async () => {
    renderCanvas(<Shortcuts />);
    const before = doc();
    await userEvent.dblClick(await screen.findByTestId('component-output-label-image', {}, FIND));
    const field = await screen.findByTestId('component-output-name-image', {}, FIND);
    await userEvent.clear(field);
    await userEvent.type(field, 'hero{Enter}');
    expect(component()?.outputs.map((o) => o.name)).toEqual(['hero']);
    expect(wires(doc().edges)).toContain(`${inst}.hero>x.images`);
    expect(await screen.findByTestId('component-output-label-hero', {}, FIND)).toBeTruthy();
    act(() => commands.undo());
    expect(doc()).toEqual(before);
  });

  it('inside, links start at the inputs marker and end at the outputs marker, type-checked', async () => {
    renderCanvas(<Shortcuts />);
    await userEvent.click(await screen.findByTestId(`component-open-${inst}`, {}, FIND));
    await screen.findByTestId('component-breadcrumb', {}, FIND);
    const inside = () => scopedView(doc());
    const fromInput = { source: '$in', sourceHandle: 'prompt', target: 'e', targetHandle: 'instruction' };
    expect(checkConnection(inside(), fromInput).ok).toBe(true);
    expect(
      checkConnection(inside(), {
        source: '$in',
        sourceHandle: 'prompt',
        target: 'e',
        targetHandle: 'image',
      }),
    ).toEqual({ ok: false, reason: 'a text output cannot feed a image input' });
    act(() =>
      commands.connect({ source: '$in', sourcePort: 'prompt', target: 'e', targetPort: 'instruction' }),
    );
    expect(wires(component()?.edges ?? [])).toContain('$in.prompt>e.instruction');
    expect(
      checkConnection(inside(), { source: 'g', sourceHandle: 'image', target: '$out', targetHandle: 'image' })
        .ok,
    ).toBe(true);
    act(() => {
      setOutputSource(compId, 'image', { node: 'g', port: 'image' });
    });
    expect(component()?.outputs[0]?.from).toEqual({ node: 'g', port: 'image' });
  });

  it('Ctrl+G inside an opened component changes nothing and says why', async () => {
    renderCanvas(<Shortcuts />);
    await userEvent.click(await screen.findByTestId(`component-open-${inst}`, {}, FIND));
    await screen.findByTestId('component-breadcrumb', {}, FIND);
    const before = doc();
    act(() => useViewStore.setState({ selectedNodes: new Set(['g', 'e']) }));
    fireEvent.keyDown(window, { key: 'g', ctrlKey: true });
    expect(doc()).toBe(before);
    expect(useViewStore.getState().toast).toContain('go back (Esc) first');
  });
});
