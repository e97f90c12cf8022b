/**
 * Scenario 7: the browser's storage quota runs out. The user is told clearly what could not be
 * saved (after the store tried to make room), and the workflow itself stays saved.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { screenshot, watchErrors } from './browser';
import { configureGemini, dismissHint, nodeOutputImages, runAndWait, statusOf } from './helpers/app';
import { storedWorkflowNames } from './helpers/stored';
import { setUpAppSuite } from './helpers/suite';

const appUrl = inject('appUrl');
const fakeUrl = inject('fakeGeminiUrl');

const suite = setUpAppSuite();

const usage = (page: Page) => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);

/**
 * Usage once it stops changing: a write shows in the estimate some time after it commits, and
 * the database compacts what it wrote a little later.
 */
async function settledUsage(page: Page): Promise<number> {
  let previous = await usage(page);
  for (let attempt = 0; attempt < 40; attempt += 1) {
    await page.waitForTimeout(250);
    const current = await usage(page);
    if (current === previous) return current;
    previous = current;
  }
  return previous;
}

/**
 * Chromium applies a quota override only to an origin whose storage it has not opened yet in
 * this profile. So: measure, in a throwaway profile, what a first visit and the settings store,
 * and what a run adds. (Since Chromium 150 `navigator.storage.estimate()` reports the real disk
 * quota even while an override is active; the override is still enforced on writes.)
 */
async function measure(): Promise<{ configured: number; afterRun: number }> {
  const probe = await suite.open();
  try {
    await probe.page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
    await configureGemini(probe.page, { baseUrl: fakeUrl });
    const configured = await settledUsage(probe.page);
    await runAndWait(probe.page);
    return { configured, afterRun: await settledUsage(probe.page) };
  } finally {
    await probe.context.close();
  }
}

/** Bytes of quota left once the workflow and settings are stored. */
const ROOM_AFTER_SETTINGS = 2048;

describe('storage quota', () => {
  it('scenario 7: with a tiny quota the user gets a clear message and the workflow stays saved', async () => {
    const sizes = await measure();
    // A run stores its image, its cache entry and its record: at least four times the room left
    // below. Usage comes in 4 KB pages: Debian's Chromium 156.0.8078.114 counts such a run as
    // exactly two (8,192 bytes), also for the code that passed the stricter "more than" before.
    expect(sizes.afterRun - sizes.configured).toBeGreaterThanOrEqual(4 * ROOM_AFTER_SETTINGS);
    const context = await suite.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    suite.adopt({ context, page, errors: watchErrors(page) });
    const cdp = await context.newCDPSession(page);
    const origin = new URL(appUrl).origin;
    // Room for the first visit's workflow and the settings, not for the run's outputs. Chromium
    // checks a write against usage it updates lazily, so half the run's size let whole runs fit.
    await cdp.send('Storage.overrideQuotaForOrigin', {
      origin,
      quotaSize: sizes.configured + ROOM_AFTER_SETTINGS,
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
