// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../unit/persistence/helpers';
import { bootEditor, type Editor, inspect, settle, uniqueDbName } from './persistence-harness';

const SECRET = 'AIzaSy-component-secret-456';
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

async function storedAnywhere(text: string): Promise<boolean> {
  const store = await inspect(dbName);
  const dump = await dumpDatabase(store.db);
  store.close();
  const inLocalStorage = Object.keys(localStorage).some(
    (key) => key.includes(text) || (localStorage.getItem(key) ?? '').includes(text),
  );
  return dump.includes(text) || inLocalStorage;
}

async function typeKey(e: Editor) {
  fireEvent.click(screen.getByTestId('settings-button'));
  await userEvent.type(screen.getByTestId('api-key-input'), SECRET);
  expect(e.settings.useSettingsStore.getState().apiKey).toBe(SECRET);
}

describe('the API key', () => {
  it('is kept in memory only unless "remember" is ticked: nothing stored, gone after a reload', async () => {
    editor = await bootEditor({ dbName });
    await typeKey(editor);
    // Edits and a save happen meanwhile: the key must stay out of every row.
    fireEvent.change(screen.getByTestId('workflow-name'), { target: { value: 'Keyed' } });
    editor.hideTarget.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(await storedAnywhere(SECRET)).toBe(false);
    await editor.close();
    editor = await bootEditor({ dbName });
    expect(editor.settings.useSettingsStore.getState().apiKey).toBe('');
  });

  it('is stored in IndexedDB once "remember" is ticked, restored after a reload, erased when unticked', async () => {
    editor = await bootEditor({ dbName });
    await typeKey(editor);
    await userEvent.click(screen.getByTestId('remember-key'));
    await waitFor(async () => expect(await storedAnywhere(SECRET)).toBe(true));
    const store = await inspect(dbName);
    expect(await store.settings.loadApiKey()).toBe(SECRET);
    store.close();
    // Never in localStorage, where the page's other scripts could read it.
    expect(Object.values(localStorage).some((value) => String(value).includes(SECRET))).toBe(false);
    await editor.close();

    editor = await bootEditor({ dbName });
    expect(editor.settings.useSettingsStore.getState().apiKey).toBe(SECRET);
    fireEvent.click(screen.getByTestId('settings-button'));
    await userEvent.click(screen.getByTestId('remember-key'));
    await waitFor(async () => expect(await storedAnywhere(SECRET)).toBe(false));
    expect(editor.settings.useSettingsStore.getState().apiKey).toBe(SECRET);
    await editor.close();
    editor = await bootEditor({ dbName });
    expect(editor.settings.useSettingsStore.getState().apiKey).toBe('');
  });

  it('a key an older version left in localStorage moves into IndexedDB and leaves localStorage', async () => {
    localStorage.setItem('peel.apiKey', SECRET);
    localStorage.setItem('peel.settings', JSON.stringify({ rememberKey: true }));
    editor = await bootEditor({ dbName });
    expect(editor.settings.useSettingsStore.getState().apiKey).toBe(SECRET);
    expect(localStorage.getItem('peel.apiKey')).toBeNull();
    await settle();
    const store = await inspect(dbName);
    expect(await store.settings.loadApiKey()).toBe(SECRET);
    store.close();
  });
});
