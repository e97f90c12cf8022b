// @vitest-environment jsdom
import './setup-dom';
import { act, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Toolbar } from '../../src/editor/panels/Toolbar';
import { commands } from '../../src/editor/store/document-store';
import { TipProvider } from '../../src/editor/ui/Tip';
import { node } from '../helpers/workflows';
import { renderCanvas, resetStores, workflowOf } from './helpers';

/**
 * Opening a workflow changes the name the toolbar shows, and nothing else in it: only the name
 * field renders again, not every button and tooltip (the whole toolbar did, for each workflow
 * opened and each letter of a rename). Tooltip renders are counted through the Tip component.
 */
const tipRenders = vi.hoisted(() => ({ count: 0, labels: [] as string[] }));
vi.mock('../../src/editor/ui/Tip', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/editor/ui/Tip')>();
  return {
    ...original,
    Tip: (props: Parameters<typeof original.Tip>[0]) => {
      tipRenders.count += 1;
      tipRenders.labels.push(typeof props.label === 'string' ? props.label : 'element');
      return original.Tip(props);
    },
  };
});

beforeEach(() => resetStores(workflowOf([])));

describe('the toolbar when a workflow opens', () => {
  it('renders only its name field again', async () => {
    renderCanvas(
      <TipProvider>
        <Toolbar />
      </TipProvider>,
    );
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    const settled = tipRenders.count;
    tipRenders.labels = [];
    expect(settled).toBeGreaterThan(5);
    act(() => {
      commands.loadWorkflow({ ...workflowOf([node('p', 'prompt', { text: 'a cat' })]), name: 'Opened' });
    });
    expect((screen.getByTestId('workflow-name') as HTMLInputElement).value).toBe('Opened');
    // The re-roll button prices the selection against the document: it alone renders again.
    expect(tipRenders.labels).toEqual(['Re-roll the selected nodes (ignore the cache once)']);
  });
});
