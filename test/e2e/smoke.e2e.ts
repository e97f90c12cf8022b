import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newContext, watchErrors } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('the built app', () => {
  it('loads in Chromium with no page errors', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(inject('appUrl'));
    await expect(page.title()).resolves.toBe('Peel');
    await page.waitForSelector('#root > *');
    expect(errors).toEqual([]);
    await context.close();
  });
});
