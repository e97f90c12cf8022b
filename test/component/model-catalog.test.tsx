// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { RetiredModelsBanner } from '../../src/editor/node-ui/RetiredModelsBanner';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { nodeById } from '../../src/editor/store/node-index';
import type { Workflow } from '../../src/engine/workflow';
import { renderCanvas, resetStores, sampleWorkflow } from './helpers';

const model = (id: string) => nodeById(useDocumentStore.getState().doc, id)?.params.model;
const history = () => useDocumentStore.getState().past.length;

function withModels(generate: string, edit: string): Workflow {
  const doc = sampleWorkflow();
  for (const node of doc.nodes) {
    if (node.id === 'g') node.params = { ...node.params, model: generate };
    if (node.id === 'e') node.params = { ...node.params, model: edit };
  }
  return doc;
}

beforeEach(() => resetStores());

describe('a retired model on a node', () => {
  it('shows "retired on DATE" and switches to the replacement in one click, one undo step', () => {
    resetStores(withModels('gemini-2.5-flash-image', 'gemini-3.1-flash-image'));
    renderCanvas();
    expect(screen.getByTestId('model-retired-g').textContent).toContain(
      'gemini-2.5-flash-image was retired on 2026-10-02',
    );
    expect(screen.queryByTestId('model-retired-e')).toBeNull();
    // The file's value stays selected (labelled retired) until the user switches.
    expect((screen.getByTestId('model-select-g') as HTMLSelectElement).value).toBe('gemini-2.5-flash-image');
    const before = history();
    fireEvent.click(screen.getByTestId('model-switch-g'));
    expect(screen.queryByTestId('model-switch-g')).toBeNull();
    expect(model('g')).toBe('gemini-3.1-flash-image');
    expect(history()).toBe(before + 1);
    commands.undo();
    expect(model('g')).toBe('gemini-2.5-flash-image');
    expect(history()).toBe(before);
    commands.redo();
    expect(model('g')).toBe('gemini-3.1-flash-image');
  });

  it('the banner switches every retired model at once, undone in one step', () => {
    resetStores(withModels('gemini-3-pro-image-preview', 'gemini-3.1-flash-image-preview'));
    renderCanvas(<RetiredModelsBanner />);
    expect(screen.getByTestId('retired-models-banner').textContent).toContain('2 nodes use retired models');
    const before = history();
    fireEvent.click(screen.getByTestId('retired-models-switch-all'));
    expect([model('g'), model('e')]).toEqual(['gemini-3-pro-image', 'gemini-3.1-flash-image']);
    expect(screen.queryByTestId('retired-models-banner')).toBeNull();
    expect(history()).toBe(before + 1);
    commands.undo();
    expect([model('g'), model('e')]).toEqual([
      'gemini-3-pro-image-preview',
      'gemini-3.1-flash-image-preview',
    ]);
  });
});

describe('model options follow the catalog', () => {
  const shown = (id: string) =>
    ['googleSearch', 'imageSearch', 'thinkingLevel', 'showThoughts', 'systemInstruction', 'seed'].filter(
      (field) => screen.queryByTestId(`${field}-${id}`) !== null,
    );

  it('shows only the fields each model offers', () => {
    resetStores(withModels('gemini-3.1-flash-image', 'gemini-3-pro-image'));
    const { unmount } = renderCanvas();
    expect(shown('g')).toEqual([
      'googleSearch',
      'imageSearch',
      'thinkingLevel',
      'showThoughts',
      'systemInstruction',
      'seed',
    ]);
    // 3 Pro Image: grounding but no image search, and no thinking level to choose.
    expect(shown('e')).toEqual(['googleSearch', 'showThoughts', 'systemInstruction', 'seed']);
    unmount();
    resetStores(withModels('gemini-3.1-flash-lite-image', 'gemini-9-unknown-image'));
    renderCanvas();
    expect(shown('g')).toEqual(['systemInstruction', 'seed']);
    // An unknown model: Peel cannot tell what it accepts, so it offers nothing.
    expect(shown('e')).toEqual([]);
    expect(screen.queryByTestId('model-features-e')).toBeNull();
  });

  it('an option edits the node param as a command', () => {
    renderCanvas();
    fireEvent.click(screen.getByTestId('googleSearch-g'));
    expect(nodeById(useDocumentStore.getState().doc, 'g')?.params.googleSearch).toBe(true);
    fireEvent.change(screen.getByTestId('thinkingLevel-g'), { target: { value: 'HIGH' } });
    expect(nodeById(useDocumentStore.getState().doc, 'g')?.params.thinkingLevel).toBe('HIGH');
    fireEvent.click(screen.getByTestId('googleSearch-g'));
    expect('googleSearch' in (nodeById(useDocumentStore.getState().doc, 'g')?.params ?? {})).toBe(false);
  });
});
