// @vitest-environment jsdom
import './setup-dom';
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { bootEditor, type Editor, uniqueDbName } from './persistence-harness';

let editor: Editor | undefined;
afterEach(async () => {
  await editor?.close();
  editor = undefined;
});

describe('a schema upgrade from another tab', () => {
  it('closes this tab’s connection (so the upgrade is not blocked) and asks to reload', async () => {
    const dbName = uniqueDbName();
    editor = await bootEditor({ dbName });
    expect(screen.queryByTestId('version-banner')).toBeNull();
    // Another tab opens the same database at a newer version.
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName, 10_000);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      // Our connection must close on versionchange; if it did not, this would stay blocked.
      request.onblocked = () => reject(new Error('the upgrade was blocked by the editor tab'));
    });
    upgraded.close();
    await waitFor(() => expect(screen.getByTestId('version-banner').textContent).toMatch(/reload this tab/));
  });
});
