// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/editor/App';
import { useRunFormStore } from '../../src/editor/panels/run-form/run-form-store';
import { setRunProviderOverride } from '../../src/editor/panels/run-form/run-with-inputs';
import { updateSettings } from '../../src/editor/settings/settings-store';
import { useDocumentStore } from '../../src/editor/store/document-store';
import { type ScriptedProvider, scriptedProvider } from '../helpers/scripted-provider';
import { preloadEditorParts, resetStores, workflowOf } from './helpers';

// Views, panels and the run machinery load on demand in the app (first paint); here, up front.
beforeAll(() => preloadEditorParts());

const model = 'gemini-3.1-flash-image';
let provider: ScriptedProvider;

beforeEach(() => {
  localStorage.clear();
  updateSettings({ provider: 'gemini', apiKey: '' });
  useRunFormStore.setState({ values: {}, running: false, estimate: null, outcome: null, problems: [] });
  provider = scriptedProvider();
  setRunProviderOverride(provider);
});
afterEach(() => setRunProviderOverride(null));

describe('run form: an exposed Pick', () => {
  it('offers its index and runs with the chosen one; the document keeps its own index', async () => {
    resetStores(
      workflowOf(
        [
          {
            id: 'prompts',
            type: 'list',
            position: { x: 0, y: 0 },
            params: { items: ['form cat', 'form dog', 'form owl'] },
          },
          { id: 'gen', type: 'generate', position: { x: 400, y: 0 }, params: { model } },
          { id: 'pick', type: 'pick', position: { x: 800, y: 0 }, params: { index: 1 }, exposeAs: 'best' },
          {
            id: 'ed',
            type: 'edit',
            position: { x: 1200, y: 0 },
            params: { model, instruction: 'form warmer', continueConversation: false },
          },
        ],
        [
          { id: 'e1', source: 'prompts', sourcePort: 'items', target: 'gen', targetPort: 'prompt' },
          { id: 'e2', source: 'gen', sourcePort: 'image', target: 'pick', targetPort: 'items' },
          { id: 'e3', source: 'pick', sourcePort: 'item', target: 'ed', targetPort: 'image' },
        ],
      ),
    );
    render(<App />);
    fireEvent.click(screen.getByTestId('run-form-button'));
    const field = screen.getByTestId('run-form-input-best') as HTMLInputElement;
    expect(field.value).toBe('1');
    fireEvent.change(field, { target: { value: '3' } });
    expect(useRunFormStore.getState().values.best).toEqual({ kind: 'index', index: 3 });
    fireEvent.click(screen.getByTestId('run-form-run'));
    await waitFor(() => expect(useRunFormStore.getState().outcome?.status).toBe('ok'), { timeout: 10_000 });
    const edit = provider.requests.find((request) => request.prompt === 'form warmer');
    // The run used the form's index (the CLI test checks which image the edit receives).
    const outcome = useRunFormStore.getState().outcome;
    expect(outcome?.workflow.nodes.find((node) => node.id === 'pick')?.params.index).toBe(3);
    expect(edit?.references).toHaveLength(1);
    expect(useDocumentStore.getState().doc.nodes.find((node) => node.id === 'pick')?.params.index).toBe(1);
  });
});
