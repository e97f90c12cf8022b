// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { nodeById } from '../../src/editor/store/node-index';
import type { Workflow } from '../../src/engine/workflow';
import { renderCanvas, resetStores, workflowOf } from './helpers';

const model = 'gemini-3.1-flash-image';
const params = (id: string) => nodeById(useDocumentStore.getState().doc, id)?.params ?? {};

/** Prompts (a list) and photos (a reference set, each) meeting at a Generate, then an Edit. */
function meeting(each: boolean): Workflow {
  return workflowOf(
    [
      { id: 'prompts', type: 'list', position: { x: 0, y: 0 }, params: { items: ['a cat', 'a dog'] } },
      {
        id: 'photos',
        type: 'referenceSet',
        position: { x: 0, y: 400 },
        params: {
          images: [
            { name: 'a.png', mimeType: 'image/png', hash: 'a'.repeat(64) },
            { name: 'b.png', mimeType: 'image/png', hash: 'b'.repeat(64) },
          ],
          each,
        },
      },
      { id: 'gen', type: 'generate', position: { x: 400, y: 0 }, params: { model } },
      { id: 'asks', type: 'list', position: { x: 400, y: 400 }, params: { items: ['warmer', 'cooler'] } },
      {
        id: 'ed',
        type: 'edit',
        position: { x: 800, y: 0 },
        params: { model, continueConversation: false },
      },
      { id: 'solo', type: 'prompt', position: { x: 800, y: 400 }, params: { text: 'one prompt' } },
      { id: 'plain', type: 'generate', position: { x: 1200, y: 400 }, params: { model } },
    ],
    [
      { id: 'e1', source: 'prompts', sourcePort: 'items', target: 'gen', targetPort: 'prompt' },
      { id: 'e2', source: 'photos', sourcePort: 'images', target: 'gen', targetPort: 'references' },
      { id: 'e3', source: 'gen', sourcePort: 'image', target: 'ed', targetPort: 'image' },
      { id: 'e4', source: 'asks', sourcePort: 'items', target: 'ed', targetPort: 'instruction' },
      { id: 'e5', source: 'solo', sourcePort: 'text', target: 'plain', targetPort: 'prompt' },
    ],
  );
}

describe('the Combine selector where two many values meet', () => {
  beforeEach(() => resetStores(meeting(true)));

  it('appears on Generate and Edit when two inputs are many, not on a node with single values', () => {
    renderCanvas();
    const onGenerate = screen.getByTestId('combine-gen') as HTMLSelectElement;
    expect(onGenerate.value).toBe('cross');
    expect([...onGenerate.options].map((option) => option.textContent)).toEqual([
      'every pairing (cross)',
      'element by element (zip)',
    ]);
    // The Edit reads a mapped Generate and a list: two many inputs.
    expect(screen.getByTestId('combine-ed')).toBeTruthy();
    expect(screen.queryByTestId('combine-plain')).toBeNull();
  });

  it('choosing zip sets the param in one undo step; undo brings cross back', () => {
    renderCanvas();
    const before = useDocumentStore.getState().past.length;
    fireEvent.change(screen.getByTestId('combine-gen'), { target: { value: 'zip' } });
    expect(params('gen').combine).toBe('zip');
    expect(useDocumentStore.getState().past).toHaveLength(before + 1);
    expect((screen.getByTestId('combine-gen') as HTMLSelectElement).value).toBe('zip');
    act(() => commands.undo());
    expect(params('gen').combine).toBeUndefined();
    expect((screen.getByTestId('combine-gen') as HTMLSelectElement).value).toBe('cross');
    // Cross is the default: choosing it again leaves no param behind.
    fireEvent.change(screen.getByTestId('combine-gen'), { target: { value: 'zip' } });
    fireEvent.change(screen.getByTestId('combine-gen'), { target: { value: 'cross' } });
    expect(Object.hasOwn(params('gen'), 'combine')).toBe(false);
  });

  it('goes away when only one input stays many, but stays while zip is chosen so it can be undone', () => {
    renderCanvas();
    act(() => commands.setParam('photos', 'each', false));
    expect(screen.queryByTestId('combine-gen')).toBeNull();
    act(() => commands.setParam('photos', 'each', true));
    fireEvent.change(screen.getByTestId('combine-gen'), { target: { value: 'zip' } });
    act(() => commands.setParam('photos', 'each', false));
    expect((screen.getByTestId('combine-gen') as HTMLSelectElement).value).toBe('zip');
  });
});
