/**
 * What the app stored, read in the page through IndexedDB itself (its own connection, closed
 * after the read), so e2e tests check real Chromium storage, not the app's view of it.
 */
import type { Page } from 'playwright-core';

/** Every row of one object store of the app's database. */
export function storedRows<Row>(page: Page, store: string): Promise<Row[]> {
  return page.evaluate(
    (name) =>
      new Promise<Row[]>((resolve, reject) => {
        const request = indexedDB.open('peel');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const read = db.transaction(name).objectStore(name).getAll();
          read.onsuccess = () => {
            db.close();
            resolve(read.result as Row[]);
          };
          read.onerror = () => reject(read.error);
        };
      }),
    store,
  );
}

/** Names of the saved workflows, sorted. */
export async function storedWorkflowNames(page: Page): Promise<string[]> {
  return (await storedRows<{ name: string }>(page, 'workflows')).map((row) => row.name).sort();
}
