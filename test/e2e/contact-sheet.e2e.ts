/**
 * The contact sheet a CLI batch writes (OUT/index.html), opened from the file system in Chromium:
 * no request leaves file://, every image loads, hostile input shows as text, filter and search work.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { contactSheetBatch, HOSTILE } from '../helpers/contact-sheet-batch';
import { launchBrowser, screenshot } from './browser';

let browser: Browser;
let fake: FakeGemini;
beforeAll(async () => {
  browser = await launchBrowser();
  fake = await startFakeGemini();
});
afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

describe('contact sheet (file://)', () => {
  it('opens with no network request, shows every image, escapes hostile text, filters and searches', async () => {
    const { out, code } = await contactSheetBatch(fake);
    expect(code).toBe(1);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    const images = page.locator('#images img');
    await expect.poll(() => images.count()).toBe(7);
    // Lazy images load as they scroll into view; every one decodes.
    for (let i = 0; i < 7; i++) await images.nth(i).scrollIntoViewIfNeeded();
    await expect
      .poll(() => images.evaluateAll((all) => all.every((img) => (img as HTMLImageElement).naturalWidth > 0)))
      .toBe(true);
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    // The markup in a CSV cell is text on the page, and it ran nothing.
    expect(await page.title()).toBe('Spring catalogue: contact sheet');
    expect(await page.locator('body').textContent()).toContain(HOSTILE);
    expect(errors).toEqual([]);
    // docs/contact-sheet.png is this screenshot (test/artifacts/contact-sheet.png), copied by hand.
    await screenshot(page, 'contact-sheet');

    await page.locator('#status').selectOption('failed');
    expect(await page.locator('#images figure:not([hidden])').count()).toBe(1);
    expect(await page.locator('#failures li.failure:not([hidden])').count()).toBe(1);
    await page.locator('#status').selectOption('all');
    await page.locator('#search').fill('blue mug');
    expect(await page.locator('#images figure:not([hidden])').count()).toBe(2);
    expect(await page.locator('#count').textContent()).toBe('2 images shown');
    await context.close();
  });
});
