/**
 * Many values in the real app (issue 14): the "Brief to variations" template runs (1 text call,
 * 5 variations, 1 edit), its nodes show their elements, a click on Pick's strip chooses a
 * variation (one more call: the edit of that one), and after a reload everything runs again
 * from the cache with zero calls.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { appErrors, configureGemini, dismissHint, openTemplate, runAndWait, statusOf } from './helpers/app';
import { countGenerateRequests } from './helpers/fake';
import { setUpAppSuite } from './helpers/suite';

const fakeUrl = inject('fakeGeminiUrl');
const suite = setUpAppSuite();

async function reloadAndWait(page: Page, expectNode: string): Promise<void> {
  await page.reload();
  await page.getByTestId(`node-${expectNode}`).waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForSelector('[data-testid="save-status"][data-state="saved"]', { timeout: 15_000 });
  await dismissHint(page);
}

describe('lists and many values', () => {
  it('runs "Brief to variations", picks a variation by clicking it, and reloads to zero calls', async () => {
    const opened = await suite.open();
    const { page } = opened;
    await openTemplate(page, 'brief-to-variations', 'variations');
    await configureGemini(page, { baseUrl: fakeUrl });
    await runAndWait(page, 60_000);
    expect(await statusOf(page, 'variations')).toBe('done');
    await expect
      .poll(() => page.getByTestId('elements-progress-variations').textContent())
      .toBe('5 elements');
    // 1 text call, 5 variations, the edit of the picked one.
    expect(await countGenerateRequests(fakeUrl)).toBe(7);

    await page.getByTestId('element-pick-3').click();
    expect(await page.getByTestId('pick-index-pick').inputValue()).toBe('3');
    await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
    await runAndWait(page, 60_000);
    expect(await statusOf(page, 'refine')).toBe('done');
    expect(await countGenerateRequests(fakeUrl)).toBe(8);

    await reloadAndWait(page, 'pick');
    expect(await page.getByTestId('pick-index-pick').inputValue()).toBe('3');
    await configureGemini(page, { baseUrl: fakeUrl });
    await runAndWait(page, 60_000);
    expect(await countGenerateRequests(fakeUrl)).toBe(8);
    expect(await statusOf(page, 'variations')).toBe('cached');
    expect(await page.getByTestId('elements-progress-variations').textContent()).toBe('5 elements');
    expect(appErrors(opened.errors)).toEqual([]);
  });
});
