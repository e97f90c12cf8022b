// @vitest-environment jsdom
import './setup-dom';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeComponentFromSelection } from '../../src/editor/components/component-commands';
import { SearchPopup } from '../../src/editor/panels/SearchPopup';
import { useDocumentStore } from '../../src/editor/store/document-store';
import { editScope } from '../../src/editor/store/edit-scope';
import { useViewStore } from '../../src/editor/store/view-store';
import { renderCanvas, resetStores, sampleWorkflow } from './helpers';

const FIND = { timeout: 5000 };
const doc = () => useDocumentStore.getState().doc;
let componentId = '';

beforeEach(() => {
  resetStores(sampleWorkflow());
  act(() => {
    const made = makeComponentFromSelection(['g', 'e'], 'Scene maker');
    if (!('instanceId' in made)) throw new Error(made.message);
  });
  componentId = String(doc().components?.[0]?.id);
});

const openSearch = (pending?: { nodeId: string; port: string; side: 'source' | 'target' }) =>
  act(() =>
    useViewStore.setState({
      search: { screen: { x: 100, y: 100 }, flow: { x: 0, y: 600 }, ...(pending ? { pending } : {}) },
    }),
  );

const instances = () =>
  doc().nodes.filter((n) => n.type === 'component' && n.params.component === componentId).length;

describe('components in the search popup', () => {
  it('lists the workflow components under "Components"; Enter adds an instance (one undo step)', async () => {
    renderCanvas(<SearchPopup />);
    openSearch();
    const input = await screen.findByTestId('search-popup-input', {}, FIND);
    await userEvent.type(input, 'scene');
    expect(screen.getByTestId('search-components-heading').textContent).toBe('Components');
    expect(screen.getByTestId(`search-component-${componentId}`).textContent).toContain('Scene maker');
    const steps = useDocumentStore.getState().past.length;
    await userEvent.keyboard('{Enter}');
    expect(instances()).toBe(2);
    expect(useDocumentStore.getState().past.length).toBe(steps + 1);
    expect(screen.queryByTestId('search-popup')).toBeNull();
  });

  it('a link released from a text output offers the component and connects its text input', async () => {
    renderCanvas(<SearchPopup />);
    openSearch({ nodeId: 'p', port: 'text', side: 'source' });
    const before = new Set(doc().nodes.map((n) => n.id));
    await userEvent.click(await screen.findByTestId(`search-component-${componentId}`, {}, FIND));
    const added = doc().nodes.filter((n) => !before.has(n.id));
    expect(added.map((n) => n.params.component)).toEqual([componentId]);
    expect(
      doc().edges.some((e) => e.source === 'p' && e.target === added[0]?.id && e.targetPort === 'prompt'),
    ).toBe(true);
  });

  it('inside the component itself it is not offered (no component containing itself)', async () => {
    renderCanvas(<SearchPopup />);
    act(() => editScope.enter(componentId));
    openSearch();
    const input = await screen.findByTestId('search-popup-input', {}, FIND);
    await userEvent.type(input, 'scene');
    expect(screen.queryByTestId(`search-component-${componentId}`)).toBeNull();
  });
});
