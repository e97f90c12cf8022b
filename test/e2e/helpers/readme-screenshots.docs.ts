/**
 * Screenshots of the real editor for the README, written to docs/. Skipped unless asked for, so
 * ordinary e2e runs never rewrite committed images:
 *   npm run docs:screenshots
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, inject, it } from 'vitest';
import { launchBrowser } from '../browser';
import {
  configureGemini,
  fitView,
  type OpenedApp,
  openApp,
  openTemplate,
  panePoint,
  runAndWait,
  waitForStatus,
} from './app';
import { resetFake } from './fake';

const DOCS = resolve(__dirname, '../../../docs');
const VIEWPORT = { width: 1280, height: 800 };
const appUrl = inject('appUrl');
const fakeUrl = inject('fakeGeminiUrl');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(DOCS, { recursive: true });
});
afterAll(() => browser?.close());
beforeEach(() => resetFake(fakeUrl));

/** product-scenes, run against the fake Gemini: both branches done, thumbnails on the nodes. */
async function ranTemplate(colorScheme: 'light' | 'dark'): Promise<OpenedApp> {
  const opened = await openApp(browser, appUrl, { colorScheme, viewport: VIEWPORT });
  const { page } = opened;
  await configureGemini(page, { baseUrl: fakeUrl });
  await openTemplate(page, 'product-scenes', 'genBeach');
  await runAndWait(page);
  await waitForStatus(page, 'genStreet', 'done');
  await waitForStatus(page, 'genBeach', 'done');
  // Tidy lays the nodes out by their measured size, now that they show their outputs.
  await page.getByTestId('layout-button').click();
  await page.waitForTimeout(400);
  await fitView(page);
  await settle(page);
  return opened;
}

async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, VIEWPORT.height - 1);
  await page.waitForTimeout(400);
}

describe('README screenshots', () => {
  it('docs/editor.png: a template after a run, outputs on the nodes', async () => {
    const { context, page } = await ranTemplate('light');
    await page.screenshot({ path: join(DOCS, 'editor.png') });
    await context.close();
  });

  it('docs/editor-dark.png: the same in the dark colour scheme', async () => {
    const { context, page } = await ranTemplate('dark');
    await page.screenshot({ path: join(DOCS, 'editor-dark.png') });
    await context.close();
  });

  it('docs/editor-search.png: the search popup after a double-click on the canvas', async () => {
    const { context, page } = await openApp(browser, appUrl, { viewport: VIEWPORT });
    await fitView(page);
    const at = await panePoint(page, 0.1, 0.7);
    await page.mouse.dblclick(at.x, at.y);
    await page.getByTestId('search-popup-input').fill('image');
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(DOCS, 'editor-search.png') });
    await context.close();
  });
});
