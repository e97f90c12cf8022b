// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/editor/App';
import { SettingsPanel } from '../../src/editor/panels/SettingsPanel';
import { NEEDS_KEY_MESSAGE } from '../../src/editor/run/run-controller';
import { initialSettings, updateSettings, useSettingsStore } from '../../src/editor/settings/settings-store';
import { useDocumentStore } from '../../src/editor/store/document-store';
import { useRunStore } from '../../src/editor/store/run-store';
import { useViewStore, view } from '../../src/editor/store/view-store';
import { resetStores } from './helpers';

const SECRET = 'AIzaSy-test-secret-key-123';
const storedAnywhere = (text: string) =>
  Object.keys(localStorage).some(
    (key) => (localStorage.getItem(key) ?? '').includes(text) || key.includes(text),
  );

beforeEach(() => {
  localStorage.clear();
  useSettingsStore.setState(initialSettings());
  resetStores();
});

describe('settings panel', () => {
  it('masks the key and keeps it in memory only while "remember" is off (the default)', async () => {
    act(() => view.openPanel('settings'));
    render(<SettingsPanel />);
    const input = screen.getByTestId('api-key-input') as HTMLInputElement;
    expect(input.type).toBe('password');
    expect((screen.getByTestId('remember-key') as HTMLInputElement).checked).toBe(false);
    await userEvent.type(input, SECRET);
    expect(input.value).toBe(SECRET);
    expect(useSettingsStore.getState().apiKey).toBe(SECRET);
    expect(storedAnywhere(SECRET)).toBe(false);
    expect(screen.getByText(/Kept in memory only/)).toBeTruthy();
  });

  it('never puts the key in localStorage, remembered or not (IndexedDB holds it: persistence-key test)', async () => {
    act(() => view.openPanel('settings'));
    render(<SettingsPanel />);
    const input = screen.getByTestId('api-key-input') as HTMLInputElement;
    await userEvent.type(input, SECRET);
    // The key really arrived (so its absence below means something)...
    expect(input.value).toBe(SECRET);
    expect(useSettingsStore.getState().apiKey).toBe(SECRET);
    await userEvent.click(screen.getByTestId('remember-key'));
    expect(useSettingsStore.getState().rememberKey).toBe(true);
    // ...the preferences were written to localStorage (the place the key must not go)...
    expect(Object.keys(localStorage).length).toBeGreaterThan(0);
    // ...and the check would see it there.
    localStorage.setItem('probe', `x${SECRET}x`);
    expect(storedAnywhere(SECRET)).toBe(true);
    localStorage.removeItem('probe');
    expect(storedAnywhere(SECRET)).toBe(false);
    await userEvent.click(screen.getByTestId('remember-key'));
    expect(storedAnywhere(SECRET)).toBe(false);
    expect(initialSettings().apiKey).toBe('');
  });

  it('keeps the key out of the document', async () => {
    act(() => view.openPanel('settings'));
    render(<SettingsPanel />);
    await userEvent.type(screen.getByTestId('api-key-input'), SECRET);
    expect((screen.getByTestId('api-key-input') as HTMLInputElement).value).toBe(SECRET);
    expect(useSettingsStore.getState().apiKey).toBe(SECRET);
    expect(JSON.stringify(useDocumentStore.getState())).not.toContain(SECRET);
  });

  it('edits the other settings', async () => {
    act(() => view.openPanel('settings'));
    render(<SettingsPanel />);
    fireEvent.change(screen.getByTestId('concurrency-input'), { target: { value: '2' } });
    fireEvent.change(screen.getByTestId('budget-input'), { target: { value: '0.5' } });
    fireEvent.change(screen.getByTestId('base-url-input'), { target: { value: 'http://127.0.0.1:9999' } });
    fireEvent.click(screen.getByTestId('preview-switch'));
    expect(useSettingsStore.getState()).toMatchObject({
      concurrency: 2,
      budgetUsd: 0.5,
      baseUrl: 'http://127.0.0.1:9999',
      provider: 'preview',
    });
    expect(initialSettings()).toMatchObject({ concurrency: 2, budgetUsd: 0.5, provider: 'preview' });
  });
});

describe('running', () => {
  it('without a key in Gemini mode opens the settings asking for one', async () => {
    render(<App />);
    await userEvent.click(screen.getByTestId('run-button'));
    // The run machinery and the settings panel are fetched on first use (run-actions.ts, lazy-panels.tsx).
    await waitFor(() => expect(useViewStore.getState().panel).toBe('settings'), { timeout: 10_000 });
    expect((await screen.findByTestId('settings-reason', {}, { timeout: 10_000 })).textContent).toBe(
      NEEDS_KEY_MESSAGE,
    );
    expect(useRunStore.getState().runId).toBeNull();
  });

  it('in preview mode runs without a key, shows progress, outputs and cost, and leaves history alone', async () => {
    updateSettings({ provider: 'preview' });
    render(<App />);
    await waitFor(() =>
      expect(screen.getByTestId('estimate').textContent).toBe('Next run free (preview) · 2 calls'),
    );
    const history = useDocumentStore.getState().past;
    await userEvent.click(screen.getByTestId('run-button'));
    await waitFor(() => expect(useRunStore.getState().lastStatus).toBe('ok'), { timeout: 5000 });
    expect(screen.getByTestId('node-status-g').getAttribute('data-status')).toBe('done');
    expect(screen.getByTestId('node-status-e').getAttribute('data-status')).toBe('done');
    expect(screen.getByTestId('last-run').textContent).toContain('2 calls');
    await waitFor(() =>
      expect(screen.getByTestId('output-g-0').querySelector('img')?.getAttribute('src')).toMatch(/^blob:/),
    );
    expect(screen.getByTestId('exports-x').textContent).toMatch(/Test-1\.png/);
    expect(useDocumentStore.getState().past).toBe(history);
    // The second run is served from the cache.
    await waitFor(() => expect(screen.getByTestId('estimate').textContent).toContain('0 calls · 2 cached'));
  });
});
