// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SettingsPanel } from '../../src/editor/panels/SettingsPanel';
import { initialSettings, updateSettings, useSettingsStore } from '../../src/editor/settings/settings-store';
import { view } from '../../src/editor/store/view-store';
import { catalogModel, setModelOverrides } from '../../src/engine/catalog';
import { estimateCallUsd } from '../../src/engine/cost';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { resetStores } from './helpers';

let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(() => fake.close());
beforeEach(() => {
  localStorage.clear();
  fake.reset();
  useSettingsStore.setState(initialSettings());
  resetStores();
  act(() => view.openPanel('settings'));
});
afterEach(() => setModelOverrides(undefined));

const upload = (text: string, name = 'models.json') =>
  fireEvent.change(screen.getByTestId('import-model-overrides'), {
    target: { files: [new File([text], name, { type: 'application/json' })] },
  });

describe('Settings: models', () => {
  it('Check models lists the key’s models and marks new image models as price unknown', async () => {
    fake.addModels(['gemini-3.2-flash-image']);
    act(() => updateSettings({ apiKey: 'test-key-123', baseUrl: fake.url }));
    render(<SettingsPanel />);
    fireEvent.click(screen.getByTestId('check-models'));
    const result = await screen.findByTestId('check-models-result', {}, { timeout: 5000 });
    expect(result.textContent).toContain('gemini-3.1-flash-image: usable with this key');
    expect(result.textContent).toContain('gemini-3.2-flash-image: new, not in Peel');
    expect(result.textContent).toContain('price unknown');
  });

  it('Import overrides is a button (keyboard users reach it) that opens the file picker', () => {
    render(<SettingsPanel />);
    const button = screen.getByRole('button', { name: 'Import overrides…' });
    button.focus();
    expect(document.activeElement).toBe(button);
    const input = screen.getByTestId('import-model-overrides') as HTMLInputElement;
    let opened = 0;
    input.addEventListener('click', () => {
      opened++;
    });
    fireEvent.click(button);
    expect(opened).toBe(1);
    expect(input.type).toBe('file');
  });

  it('imports an override file that changes the estimate; a bad one changes nothing and says why', async () => {
    render(<SettingsPanel />);
    const before = estimateCallUsd({ model: 'gemini-3.1-flash-image', promptChars: 40, inputImages: 0 });
    upload(
      JSON.stringify({ models: { 'gemini-3.1-flash-image': { prices: { imageOutPerMillion: 1 } } } }),
      'bad.json',
    );
    const problems = await screen.findByTestId('model-overrides-problems');
    expect(problems.textContent).toContain(
      'bad.json: models.gemini-3.1-flash-image.prices: Unrecognized key',
    );
    expect(estimateCallUsd({ model: 'gemini-3.1-flash-image', promptChars: 40, inputImages: 0 })).toBe(
      before,
    );

    upload(
      JSON.stringify({
        read: '2026-12-01',
        models: { 'gemini-3.1-flash-image': { prices: { imageOutputPerMillion: 6 } } },
      }),
    );
    await screen.findByTestId('model-overrides-active');
    expect(catalogModel('gemini-3.1-flash-image')?.prices?.source.note).toBe('price from your override');
    const after = estimateCallUsd({ model: 'gemini-3.1-flash-image', promptChars: 40, inputImages: 0 }) ?? 1;
    expect(after).toBeLessThan((before ?? 0) / 5);
    expect(localStorage.getItem('peel.modelOverrides')).toContain('imageOutputPerMillion');
    fireEvent.click(screen.getByTestId('clear-model-overrides'));
    await waitFor(() =>
      expect(estimateCallUsd({ model: 'gemini-3.1-flash-image', promptChars: 40, inputImages: 0 })).toBe(
        before,
      ),
    );
  });
});
