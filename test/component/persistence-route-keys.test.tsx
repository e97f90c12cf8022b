// @vitest-environment jsdom
/** The Vertex AI and OpenRouter keys get the Gemini key's treatment (persistence-key.test.tsx). */
import './setup-dom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../unit/persistence/helpers';
import { bootEditor, type Editor, inspect, settle, uniqueDbName } from './persistence-harness';

const VERTEX_SECRET = 'vertex-component-secret-789';
const OPENROUTER_SECRET = 'sk-or-v1-component-secret-321';
let editor: Editor | undefined;
let dbName: string;

beforeEach(() => {
  localStorage.clear();
  dbName = uniqueDbName();
});
afterEach(async () => {
  await editor?.close();
  editor = undefined;
});

async function storedAnywhere(text: string): Promise<{ db: boolean; localStorage: boolean }> {
  const store = await inspect(dbName);
  const dump = await dumpDatabase(store.db);
  store.close();
  const inLocalStorage = Object.keys(localStorage).some(
    (key) => key.includes(text) || (localStorage.getItem(key) ?? '').includes(text),
  );
  return { db: dump.includes(text), localStorage: inLocalStorage };
}

async function typeRouteKeys(e: Editor) {
  fireEvent.click(screen.getByTestId('settings-button'));
  await userEvent.selectOptions(screen.getByTestId('route-select'), 'vertex');
  expect(screen.getByTestId('vertex-browser-note').textContent).toMatch(/express-mode API key/);
  await userEvent.type(screen.getByTestId('vertex-key-input'), VERTEX_SECRET);
  await userEvent.selectOptions(screen.getByTestId('route-select'), 'openrouter');
  await userEvent.type(screen.getByTestId('openrouter-key-input'), OPENROUTER_SECRET);
  const state = e.settings.useSettingsStore.getState();
  expect([state.route, state.vertexApiKey, state.openrouterKey]).toEqual([
    'openrouter',
    VERTEX_SECRET,
    OPENROUTER_SECRET,
  ]);
}

describe('the Vertex AI and OpenRouter keys', () => {
  it('stay in memory unless "remember" is ticked; the route itself is remembered', async () => {
    editor = await bootEditor({ dbName });
    await typeRouteKeys(editor);
    editor.hideTarget.dispatchEvent(new Event('pagehide'));
    await settle();
    for (const secret of [VERTEX_SECRET, OPENROUTER_SECRET]) {
      expect(await storedAnywhere(secret)).toEqual({ db: false, localStorage: false });
    }
    await editor.close();
    editor = await bootEditor({ dbName });
    const state = editor.settings.useSettingsStore.getState();
    expect([state.route, state.vertexApiKey, state.openrouterKey]).toEqual(['openrouter', '', '']);
  });

  it('are stored in IndexedDB (never localStorage) once remembered, restored, and erased when unticked', async () => {
    editor = await bootEditor({ dbName });
    await typeRouteKeys(editor);
    await userEvent.click(screen.getByTestId('remember-key'));
    await waitFor(async () => expect((await storedAnywhere(OPENROUTER_SECRET)).db).toBe(true));
    expect(await storedAnywhere(VERTEX_SECRET)).toEqual({ db: true, localStorage: false });
    expect((await storedAnywhere(OPENROUTER_SECRET)).localStorage).toBe(false);
    await editor.close();
    editor = await bootEditor({ dbName });
    await waitFor(() =>
      expect(editor?.settings.useSettingsStore.getState().openrouterKey).toBe(OPENROUTER_SECRET),
    );
    expect(editor.settings.useSettingsStore.getState().vertexApiKey).toBe(VERTEX_SECRET);
    fireEvent.click(screen.getByTestId('settings-button'));
    await userEvent.click(screen.getByTestId('remember-key'));
    await waitFor(async () => expect((await storedAnywhere(OPENROUTER_SECRET)).db).toBe(false));
    expect((await storedAnywhere(VERTEX_SECRET)).db).toBe(false);
  });
});
