/**
 * Access routes in the editor: a workflow runs on Vertex AI (express-mode key) and on OpenRouter
 * against the fake server, switching route reuses the outputs (no new call), and "Sign in with
 * OpenRouter" completes its PKCE flow against the fake's consent page and key exchange.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  appErrors,
  closeSettings,
  nodeOutputImages,
  openSettings,
  openTemplate,
  runAndWait,
  waitForStatus,
} from './helpers/app';
import { fakeRequests } from './helpers/fake';
import { setUpAppSuite } from './helpers/suite';

const fakeUrl = inject('fakeGeminiUrl');
const suite = setUpAppSuite();

const VERTEX_KEY = 'test-vertex-key-789';
const OR_KEY = 'test-or-key-321';

interface RouteRequest {
  path: string;
  model?: string;
  apiKey?: string;
  bearer?: string;
  route?: string;
  headers?: Record<string, string>;
}
const modelCalls = async (): Promise<RouteRequest[]> =>
  ((await fakeRequests(fakeUrl)) as RouteRequest[]).filter(
    (r) => r.route === 'vertex' || r.route === 'openrouter',
  );

async function openAdvanced(page: Page) {
  const panel = await openSettings(page);
  const preview = panel.getByTestId('preview-switch');
  if (await preview.isChecked()) await preview.uncheck();
  const advanced = panel.locator('details');
  if (!(await advanced.evaluate((element) => (element as HTMLDetailsElement).open)))
    await advanced.locator('summary').click();
  return panel;
}

async function useVertex(page: Page) {
  const panel = await openAdvanced(page);
  await panel.getByTestId('route-select').selectOption('vertex');
  await expect(panel.getByTestId('vertex-browser-note').textContent()).resolves.toMatch(
    /express-mode API key/,
  );
  await panel.getByTestId('vertex-key-input').fill(VERTEX_KEY);
  await panel.getByTestId('vertex-base-url-input').fill(fakeUrl);
  await closeSettings(page);
}

async function useOpenRouter(page: Page, key = OR_KEY) {
  const panel = await openAdvanced(page);
  await panel.getByTestId('route-select').selectOption('openrouter');
  if (key) await panel.getByTestId('openrouter-key-input').fill(key);
  await panel.getByTestId('openrouter-base-url-input').fill(`${fakeUrl}/api/v1`);
  await panel.getByTestId('openrouter-auth-url-input').fill(`${fakeUrl}/auth`);
}

describe('access routes in the editor', () => {
  it('runs on Vertex AI with an express key; switching to OpenRouter then reuses the output', async () => {
    const { page, errors } = await suite.open();
    await useVertex(page);
    await runAndWait(page);
    await waitForStatus(page, 'gen', 'done');
    await expect(nodeOutputImages(page, 'gen').count()).resolves.toBeGreaterThan(0);
    const calls = await modelCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toMatch(/^\/v1\/publishers\/google\/models\/[^/]+:generateContent$/);
    expect(calls[0]?.apiKey).toBe(VERTEX_KEY);

    await useOpenRouter(page);
    await closeSettings(page);
    await runAndWait(page);
    await waitForStatus(page, 'gen', ['cached', 'done']);
    expect(await modelCalls()).toHaveLength(1);
    expect(appErrors(errors)).toEqual([]);
  });

  it('runs on OpenRouter with a key: chat completions, bearer key, attribution headers', async () => {
    const { page, errors } = await suite.open();
    await useOpenRouter(page);
    await closeSettings(page);
    await runAndWait(page);
    await waitForStatus(page, 'gen', 'done');
    const calls = await modelCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe('/api/v1/chat/completions');
    expect(calls[0]?.bearer).toBe(OR_KEY);
    expect(calls[0]?.model).toMatch(/^google\//);
    expect(calls[0]?.headers?.['x-title']).toBe('Peel');
    expect(appErrors(errors)).toEqual([]);
  });

  it('on OpenRouter an Edit says the conversation was not kept', async () => {
    const { page } = await suite.open();
    await openTemplate(page, 'generate-edit-edit', 'edit1');
    await useOpenRouter(page);
    await closeSettings(page);
    await runAndWait(page);
    await waitForStatus(page, 'edit1', 'done');
    await expect(page.getByTestId('node-notes-edit1').textContent()).resolves.toBe(
      'conversation not kept on this route',
    );
    await expect(page.getByTestId('node-notes-gen').count()).resolves.toBe(0);
  });

  it('"Sign in with OpenRouter" gets a key through PKCE and the run uses it', async () => {
    const { page } = await suite.open();
    await useOpenRouter(page, '');
    await page.getByTestId('openrouter-signin').click();
    // The fake's consent page approves at once and sends the browser back with ?code=.
    await page.waitForURL((url) => !url.pathname.startsWith('/auth') && !url.searchParams.has('code'), {
      timeout: 15_000,
    });
    await page.locator('.react-flow__node').first().waitFor({ state: 'visible', timeout: 15_000 });
    const panel = await openSettings(page);
    await expect(panel.getByTestId('route-select').inputValue()).resolves.toBe('openrouter');
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="openrouter-key-input"]') as HTMLInputElement | null)?.value !==
        '',
    );
    await expect(panel.getByTestId('openrouter-key-input').inputValue()).resolves.toBe(OR_KEY);
    await closeSettings(page);
    await runAndWait(page);
    await waitForStatus(page, 'gen', 'done');
    expect((await modelCalls())[0]?.bearer).toBe(OR_KEY);
  });
});
