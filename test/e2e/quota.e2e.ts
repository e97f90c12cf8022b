/**
 * Scenario 7: the browser's storage quota runs out. The user is told clearly what could not be
 * saved (after the store tried to make room), and the workflow itself stays saved.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { screenshot, watchErrors } from './browser';
import { configureGemini, dismissHint, nodeOutputImages, runAndWait, statusOf } from './helpers/app';
import { setUpAppSuite } from './helpers/suite';

const appUrl = inject('appUrl');
const fakeUrl = inject('fakeGeminiUrl');

const suite = setUpAppSuite();

const usage = (page: Page) => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);

/**
 * Chromium applies a quota override only to an origin whose storage it has not opened yet in
 * this profile. So: measure, in a throwaway profile, what a first visit stores and what a run adds.
 */
async function measure(): Promise<{ firstVisit: number; afterRun: number }> {
  const probe = await suite.open();
  try {
    await probe.page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
    const firstVisit = await usage(probe.page);
    await configureGemini(probe.page, { baseUrl: fakeUrl });
    await runAndWait(probe.page);
    await probe.page.waitForTimeout(500);
    return { firstVisit, afterRun: await usage(probe.page) };
  } finally {
    await probe.context.close();
  }
}

/** Names of the workflows stored, read in the page through IndexedDB itself. */
const storedWorkflowNames = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const request = indexedDB.open('peel');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const read = request.result.transaction('workflows').objectStore('workflows').getAll();
          read.onsuccess = () => {
            request.result.close();
            resolve(read.result.map((row: { name: string }) => row.name));
          };
        };
      }),
  );

describe('storage quota', () => {
  it('scenario 7: with a tiny quota the user gets a clear message and the workflow stays saved', async () => {
    const sizes = await measure();
    expect(sizes.afterRun).toBeGreaterThan(sizes.firstVisit);
    const context = await suite.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    suite.adopt({ context, page, errors: watchErrors(page) });
    const cdp = await context.newCDPSession(page);
    const origin = new URL(appUrl).origin;
    // Room for the first visit's workflow, not for the run's outputs.
    await cdp.send('Storage.overrideQuotaForOrigin', {
      origin,
      quotaSize: sizes.firstVisit + Math.floor((sizes.afterRun - sizes.firstVisit) / 2),
    });
    await page.goto(appUrl);
    await page.getByTestId('node-gen').waitFor({ state: 'visible', timeout: 15_000 });
    await dismissHint(page);
    await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
    const name = await page.getByTestId('workflow-name').inputValue();
    expect(await storedWorkflowNames(page)).toEqual([name]);

    await configureGemini(page, { baseUrl: fakeUrl });
    await runAndWait(page);
    // The run itself worked and shows its image; only keeping it failed.
    expect(await statusOf(page, 'gen')).toBe('done');
    await expect.poll(() => nodeOutputImages(page, 'gen').count()).toBeGreaterThan(0);
    // Either the store made room (it says what it removed) or it could not (it says what was not
    // saved); which one depends on how Chromium accounts the writes. Both say the workflow is safe.
    const notice = page
      .getByTestId('storage-notice')
      .filter({ hasText: /to make room|could not save/i })
      .first();
    await notice.waitFor({ state: 'visible', timeout: 15_000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toMatch(
      /removed \d+ cached outputs? and \d+ unused images? \(.+\) to make room|could not save/i,
    );
    expect(text).toMatch(/workflows were kept|Saved workflows are not affected/);

    // The storage panel says how much is used.
    await page.getByTestId('more-menu').click();
    await page.getByTestId('storage-button').click();
    await page.getByTestId('storage-panel').waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId('storage-usage').textContent()).toMatch(/Using .* of /);
    await screenshot(page, 'scenario-7');

    // The workflow is still saved: a reload opens it, graph and name.
    await page.reload();
    await page.getByTestId('node-gen').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.getByTestId('workflow-name').inputValue()).toBe(name);
    expect(await storedWorkflowNames(page)).toEqual([name]);
  });
});
