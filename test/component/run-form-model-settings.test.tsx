// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/editor/App';
import { useRunFormStore } from '../../src/editor/panels/run-form/run-form-store';
import { setRunProviderOverride } from '../../src/editor/panels/run-form/run-with-inputs';
import { updateSettings } from '../../src/editor/settings/settings-store';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { type ScriptedProvider, scriptedProvider } from '../helpers/scripted-provider';
import { preloadEditorParts, resetStores, workflowOf } from './helpers';

// Views, panels and the run machinery load on demand in the app (first paint); here, up front.
beforeAll(() => preloadEditorParts());

/** prompt → generate, the generate node's options exposed as "look". */
const exposedModel = (model: string, params: Record<string, unknown> = {}) =>
  workflowOf(
    [
      { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'a harbour at dawn' } },
      {
        id: 'g',
        type: 'generate',
        position: { x: 400, y: 0 },
        params: { model, ...params },
        exposeAs: 'look',
      },
    ],
    [{ id: 'e1', source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' }],
  );

const ALL = [
  'googleSearch',
  'imageSearch',
  'thinkingLevel',
  'showThoughts',
  'temperature',
  'topP',
  'seed',
  'systemInstruction',
  'safetyThreshold',
  'responseModalities',
];

const control = (name: string) => screen.queryByTestId(`${name}-run-form-look`);
const shownControls = () => ALL.filter((name) => control(name) !== null);

let provider: ScriptedProvider;
beforeEach(() => {
  localStorage.clear();
  updateSettings({ provider: 'gemini', apiKey: '' });
  useRunFormStore.setState({ values: {}, running: false, estimate: null, outcome: null, problems: [] });
  provider = scriptedProvider();
  setRunProviderOverride(provider);
});
afterEach(() => setRunProviderOverride(null));

function openForm(): HTMLElement {
  render(<App />);
  fireEvent.click(screen.getByTestId('run-form-button'));
  return screen.getByTestId('run-form-input-look');
}

describe('run form: an exposed model node offers its model options', () => {
  it('Nano Banana 2 offers every option, with its own thinking levels', () => {
    resetStores(exposedModel('gemini-3.1-flash-image'));
    const field = openForm();
    expect(field.tagName).toBe('FIELDSET');
    expect(shownControls()).toEqual(ALL);
    const levels = [...(control('thinkingLevel') as HTMLSelectElement).options].map((option) => option.value);
    expect(levels).toEqual(['', 'MINIMAL', 'HIGH']);
    expect((control('temperature') as HTMLInputElement).type).toBe('number');
    expect((control('googleSearch') as HTMLInputElement).type).toBe('checkbox');
    expect(control('systemInstruction')?.tagName).toBe('TEXTAREA');
  });

  it('only what the chosen model offers: no thinking level or image search on 3 Pro, no grounding on Flash-Lite', () => {
    resetStores(exposedModel('gemini-3-pro-image'));
    openForm();
    expect(shownControls()).toEqual(ALL.filter((name) => name !== 'thinkingLevel' && name !== 'imageSearch'));

    // The node's model changes: the form follows the catalog for the new one.
    act(() => commands.setParam('g', 'model', 'gemini-3.1-flash-lite-image'));
    expect(shownControls()).toEqual(
      ALL.filter((name) => !['thinkingLevel', 'imageSearch', 'googleSearch', 'showThoughts'].includes(name)),
    );
  });

  it('starts from the node’s own values; the run carries the form’s values; the document stays as it was', async () => {
    resetStores(
      exposedModel('gemini-3.1-flash-image', { temperature: 1.2, systemInstruction: 'Flat colours.' }),
    );
    const before = useDocumentStore.getState().doc;
    openForm();
    expect((control('temperature') as HTMLInputElement).value).toBe('1.2');
    await waitFor(() => expect(screen.getByTestId('run-form-estimate').textContent).toMatch(/1 call · ≈ \$/));
    const plain = screen.getByTestId('run-form-estimate').textContent;

    fireEvent.change(control('temperature') as HTMLInputElement, { target: { value: '0.3' } });
    fireEvent.click(control('googleSearch') as HTMLInputElement);
    fireEvent.change(control('thinkingLevel') as HTMLSelectElement, { target: { value: 'HIGH' } });
    fireEvent.change(control('systemInstruction') as HTMLTextAreaElement, { target: { value: '' } });
    // Grounding and thinking cost money: the estimate says so before the run.
    await waitFor(() => expect(screen.getByTestId('run-form-estimate').textContent).not.toBe(plain));

    fireEvent.click(screen.getByTestId('run-form-run'));
    await screen.findByTestId('run-form-outcome', {}, { timeout: 5000 });
    expect(provider.requests).toHaveLength(1);
    const options = provider.requests[0]?.options;
    expect(options?.temperature).toBe(0.3);
    expect(options?.googleSearch).toEqual({ imageSearch: false });
    expect(options?.thinkingLevel).toBe('HIGH');
    // Cleared in the form: not sent, though the workflow has one.
    expect(options?.systemInstruction).toBeUndefined();
    expect(useDocumentStore.getState().doc).toBe(before);
  });

  it('"use the workflow’s settings" drops the form’s changes', () => {
    resetStores(exposedModel('gemini-3.1-flash-image'));
    const field = openForm();
    fireEvent.change(control('seed') as HTMLInputElement, { target: { value: '42' } });
    expect(useRunFormStore.getState().values.look).toEqual({ kind: 'settings', settings: { seed: 42 } });
    fireEvent.click(within(field).getByText("use the workflow's settings"));
    expect(useRunFormStore.getState().values.look).toBeUndefined();
    expect((control('seed') as HTMLInputElement).value).toBe('');
  });
});
