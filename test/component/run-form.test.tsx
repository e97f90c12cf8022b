// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/editor/App';
import { useRunFormStore } from '../../src/editor/panels/run-form/run-form-store';
import { setRunProviderOverride } from '../../src/editor/panels/run-form/run-with-inputs';
import { updateSettings } from '../../src/editor/settings/settings-store';
import { useDocumentStore } from '../../src/editor/store/document-store';
import { useRunStore } from '../../src/editor/store/run-store';
import { sha256Hex } from '../../src/engine/image/hash';
import { makeTestPng } from '../../src/engine/image/test-images';
import { type ScriptedProvider, scriptedProvider } from '../helpers/scripted-provider';
import { preloadEditorParts, resetStores, workflowOf } from './helpers';
import { formWorkflow } from './io-helpers';

let provider: ScriptedProvider;
beforeAll(() => preloadEditorParts());
beforeEach(() => {
  localStorage.clear();
  updateSettings({ provider: 'gemini', apiKey: '' });
  useRunFormStore.setState({ values: {}, running: false, estimate: null, outcome: null, problems: [] });
  provider = scriptedProvider();
  setRunProviderOverride(provider);
});
afterEach(() => setRunProviderOverride(null));

describe('run form', () => {
  it('lists the exposed inputs and runs with them, leaving the document and history untouched', async () => {
    resetStores(formWorkflow('a cat in a hat'));
    const before = useDocumentStore.getState();
    render(<App />);
    fireEvent.click(screen.getByTestId('run-form-button'));
    const subject = screen.getByTestId('run-form-input-subject') as HTMLTextAreaElement;
    expect(subject.value).toBe('a cat in a hat');
    fireEvent.change(subject, { target: { value: 'a dog on the moon' } });
    const picked = makeTestPng({ rgba: [0, 0, 255, 255] });
    fireEvent.change(screen.getByTestId('run-form-input-style'), {
      target: { files: [new File([picked as BlobPart], 'blue.png', { type: 'image/png' })] },
    });
    await waitFor(() => expect(useRunFormStore.getState().values.style).toBeDefined());
    await waitFor(() => expect(screen.getByTestId('run-form-estimate').textContent).toMatch(/1 call · ≈ \$/));

    fireEvent.click(screen.getByTestId('run-form-run'));
    const outcome = await screen.findByTestId('run-form-outcome', {}, { timeout: 5000 });
    expect(outcome.textContent).toMatch(/Done: 1 call, 0 cached, cost \$\d/);
    expect(screen.getAllByTestId('run-form-results-image')).toHaveLength(1);

    expect(provider.requests).toHaveLength(1);
    expect(provider.requests[0]?.prompt).toBe('a dog on the moon');
    expect(provider.requests[0]?.references.map((image) => image.hash)).toEqual([sha256Hex(picked)]);
    // The graph is as it was: same document object, same history, no node statuses.
    expect(useDocumentStore.getState().doc).toBe(before.doc);
    expect(useDocumentStore.getState().past).toBe(before.past);
    expect(useRunStore.getState().nodes).toEqual({});
  });

  it('runs again from the cache for the same values, and says when nothing is exposed', async () => {
    resetStores(formWorkflow('a lighthouse at dusk'));
    render(<App />);
    fireEvent.click(screen.getByTestId('run-form-button'));
    fireEvent.click(screen.getByTestId('run-form-run'));
    await screen.findByTestId('run-form-outcome', {}, { timeout: 5000 });
    fireEvent.click(screen.getByTestId('run-form-run'));
    await waitFor(() =>
      expect(screen.getByTestId('run-form-cost').textContent).toContain('0 calls, 1 cached'),
    );
    expect(provider.requests).toHaveLength(1);

    act(() =>
      resetStores(workflowOf([{ id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'x' } }])),
    );
    fireEvent.click(screen.getByTestId('run-form-button'));
    await waitFor(() => expect(screen.getByTestId('run-form-empty')).toBeTruthy());
  });
});
