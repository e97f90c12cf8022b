/**
 * Scenario 8: two tabs on the same workflow never overwrite each other silently: the second opens
 * read-only with a banner and can take over. And an edit made 100 ms before the tab closes is kept.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, watchErrors } from './browser';
import { appErrors, dismissHint } from './helpers/app';

const appUrl = inject('appUrl');

let browser: Browser;
let context: BrowserContext | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());
afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** A new tab in the same browser profile (same IndexedDB, same locks); its errors go to `errors`. */
async function openTab(ctx: BrowserContext, errors: string[][]): Promise<Page> {
  const page = await ctx.newPage();
  errors.push(watchErrors(page));
  await page.goto(appUrl);
  await page.locator('.react-flow__node').first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForSelector('[data-testid="save-status"]:not([data-state="opening"])', { timeout: 15_000 });
  await dismissHint(page);
  return page;
}

const nameOf = (page: Page) => page.getByTestId('workflow-name').inputValue();
const saved = (page: Page) =>
  page.waitForSelector('[data-testid="save-status"][data-state="saved"]', { timeout: 10_000 });

describe('two tabs', () => {
  it('scenario 8: the second tab is read-only with a banner, can take over, and nothing is overwritten', async () => {
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const errors: string[][] = [];
    const first = await openTab(context, errors);
    await saved(first);
    await first.getByTestId('workflow-name').fill('Edited in the first tab');
    await saved(first);

    const second = await openTab(context, errors);
    const banner = second.getByTestId('readonly-banner');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.textContent()).toContain('Open in another tab — editing here is paused');
    expect(await second.getByTestId('save-status').getAttribute('data-state')).toBe('read-only');
    expect(await nameOf(second)).toBe('Edited in the first tab');
    expect(await first.getByTestId('readonly-banner').count()).toBe(0);

    // The first tab keeps editing; the second one, read-only, cannot write over it.
    await first.getByTestId('workflow-name').fill('Still the first tab');
    await saved(first);

    await second.getByTestId('take-over').click();
    await banner.waitFor({ state: 'hidden' });
    // Taking over loads what the first tab saved, never this tab's stale copy.
    await expect.poll(() => nameOf(second)).toBe('Still the first tab');
    await first.getByTestId('readonly-banner').waitFor({ state: 'visible' });
    expect(await first.getByTestId('readonly-banner').textContent()).toContain('took over');

    await second.getByTestId('workflow-name').fill('Now the second tab');
    await saved(second);
    // A third look from a fresh tab (read-only, since the second writes) shows the second's edit.
    const third = await openTab(context, errors);
    await expect.poll(() => nameOf(third)).toBe('Now the second tab');
    await third.getByTestId('readonly-banner').waitFor({ state: 'visible' });
    expect(appErrors(errors.flat())).toEqual([]);
  });

  it('an edit made 100 ms before the tab closes is there when the workflow is opened again', async () => {
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const errors: string[][] = [];
    const page = await openTab(context, errors);
    await saved(page);
    await page.getByTestId('workflow-name').fill('Typed just before closing');
    await page.waitForTimeout(100);
    await page.close();

    const again = await openTab(context, errors);
    expect(await nameOf(again)).toBe('Typed just before closing');
    await saved(again);
    expect(await again.getByTestId('readonly-banner').count()).toBe(0);
    expect(appErrors(errors.flat())).toEqual([]);
  });
});
