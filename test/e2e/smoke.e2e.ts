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

  it('breaks no rule of its own Content-Security-Policy while it opens and checks a workflow', async () => {
    const context = await newContext(browser);
    // Registered before any of the app's scripts: a violation during start-up counts too.
    await context.addInitScript({
      content: `globalThis.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (event) =>
          globalThis.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));`,
    });
    const page = await context.newPage();
    await page.goto(inject('appUrl'));
    // The first visit opens a template; its nodes' params are parsed (zod) for the estimate.
    await page.waitForSelector('.react-flow__node');
    await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
    const violations = await page.evaluate(
      () => (globalThis as { __cspViolations?: string[] }).__cspViolations,
    );
    expect(violations).toEqual([]);
    await context.close();
  });
});
