import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { launchBrowser } from '../browser';
import { type OpenedApp, type OpenOptions, openApp } from './app';
import { resetFake } from './fake';

export interface AppSuite {
  /** The file's one Chromium (for tests that open contexts themselves). */
  readonly browser: Browser;
  /** Opens the app in a fresh context; it is closed after the test. */
  open(options?: OpenOptions): Promise<OpenedApp>;
  /** An app the test opened itself (its own context): closed after the test too. */
  adopt(app: OpenedApp): OpenedApp;
}

/**
 * The lifecycle every scenario file shares: one browser per file, the fake Gemini server reset
 * before each test, and every app a test opened closed after it.
 */
export function setUpAppSuite(): AppSuite {
  const appUrl = inject('appUrl');
  const fakeUrl = inject('fakeGeminiUrl');
  let browser: Browser | undefined;
  const opened: OpenedApp[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  beforeEach(() => resetFake(fakeUrl));
  afterEach(async () => {
    for (const app of opened.splice(0)) await app.context.close();
  });
  const started = (): Browser => {
    if (!browser) throw new Error('the browser starts in beforeAll; use the suite inside a test');
    return browser;
  };
  return {
    get browser() {
      return started();
    },
    adopt(app) {
      opened.push(app);
      return app;
    },
    async open(options) {
      const app = await openApp(started(), appUrl, options);
      opened.push(app);
      return app;
    },
  };
}
