// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/editor/App';
import { SettingsPanel } from '../../src/editor/panels/SettingsPanel';
import { initialSettings, updateSettings, useSettingsStore } from '../../src/editor/settings/settings-store';
import { useRunStore } from '../../src/editor/store/run-store';
import { useViewStore, view } from '../../src/editor/store/view-store';
import { resetStores } from './helpers';

beforeEach(() => {
  localStorage.clear();
  useSettingsStore.setState(initialSettings());
  resetStores();
});

describe('settings: base URL in clear text, timeout per attempt', () => {
  it('warns when the base URL is plain http to another machine, and only then', () => {
    act(() => view.openPanel('settings'));
    render(<SettingsPanel />);
    expect(screen.queryByTestId('base-url-cleartext-warning')).toBeNull();
    act(() => updateSettings({ baseUrl: 'http://proxy.example.com:8080' }));
    expect(screen.getByTestId('base-url-cleartext-warning').textContent).toMatch(
      /plain http:\/\/ to another machine: your key would travel unencrypted/,
    );
    for (const safe of ['https://proxy.example.com', 'http://127.0.0.1:8787', 'http://localhost:5173', '']) {
      act(() => updateSettings({ baseUrl: safe }));
      expect(screen.queryByTestId('base-url-cleartext-warning')).toBeNull();
    }
    // The preview provider sends no key anywhere.
    act(() => updateSettings({ baseUrl: 'http://proxy.example.com', provider: 'preview' }));
    expect(screen.queryByTestId('base-url-cleartext-warning')).toBeNull();
  });

  it('edits the timeout per attempt, shows the call budget, keeps it across reloads', () => {
    act(() => view.openPanel('settings'));
    render(<SettingsPanel />);
    const input = screen.getByTestId('attempt-timeout-input') as HTMLInputElement;
    expect(input.value).toBe('120');
    expect(screen.getByText(/A call and its retries stop after 4 min/)).toBeTruthy();
    fireEvent.change(input, { target: { value: '10' } });
    expect(useSettingsStore.getState().attemptTimeoutSeconds).toBe(10);
    expect(screen.getByText(/A call and its retries stop after 50 s/)).toBeTruthy();
    fireEvent.change(input, { target: { value: '0' } });
    expect(useSettingsStore.getState().attemptTimeoutSeconds).toBe(10);
    expect(initialSettings().attemptTimeoutSeconds).toBe(10);
  });
});

describe('the budget cap in the editor', () => {
  it('a run estimated over the cap does not start: the figures are shown and every node is skipped', async () => {
    updateSettings({ apiKey: 'k-test-budget', budgetUsd: 0.01 });
    render(<App />);
    await waitFor(
      () => expect(screen.getByTestId('estimate').textContent).toMatch(/^Next run ≈ \$[0-9.]+ · 2 calls/),
      {
        timeout: 10_000,
      },
    );
    await userEvent.click(screen.getByTestId('run-button'));
    await waitFor(() => expect(useRunStore.getState().lastStatus).toBe('failed'), { timeout: 5000 });
    const said = JSON.stringify(useViewStore.getState());
    expect(said).toMatch(
      /not started: this run is estimated at \$0\.\d\d for 2 model calls, over the \$0\.01 budget cap/,
    );
    expect(screen.getByTestId('node-status-g').getAttribute('data-status')).toBe('skipped');
  });
});
