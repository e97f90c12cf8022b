/**
 * Scenario 1 ("never lose work, never pay twice"): template, key, run, images on the nodes;
 * reload: graph and images are back, and re-running makes zero requests. Then a reload in the
 * middle of a generation: the node shows "interrupted" and nothing is sent again.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { screenshot } from './browser';
import {
  appErrors,
  canvasNodeIds,
  clickRun,
  configureGemini,
  dismissHint,
  nodeOutputImages,
  type OpenedApp,
  openTemplate,
  runAndWait,
  statusOf,
  waitForStatus,
} from './helpers/app';
import { addFaults, countGenerateRequests, waitUntil } from './helpers/fake';
import { storedRows } from './helpers/stored';
import { setUpAppSuite } from './helpers/suite';

const fakeUrl = inject('fakeGeminiUrl');

let opened: OpenedApp | undefined;
const suite = setUpAppSuite();

/** After a reload: the saved workflow is on the canvas and storage has answered. */
async function reloadAndWait(page: Page, expectNode: string): Promise<void> {
  await page.reload();
  await page.getByTestId(`node-${expectNode}`).waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForSelector('[data-testid="save-status"][data-state="saved"]', { timeout: 15_000 });
  await dismissHint(page);
}

/** Rows of the runs store. */
const storedRuns = (page: Page) =>
  storedRows<{ status: string; nodes: Record<string, { status: string }> }>(page, 'runs');

describe('reload', () => {
  it('scenario 1: the graph and its images survive a reload, and re-running costs zero requests', async () => {
    opened = await suite.open();
    const { page } = opened;
    await openTemplate(page, 'text-to-image', 'gen');
    await configureGemini(page, { baseUrl: fakeUrl });
    await runAndWait(page);
    expect(await statusOf(page, 'gen')).toBe('done');
    await expect.poll(() => nodeOutputImages(page, 'gen').first().getAttribute('src')).toMatch(/^blob:/);
    const requests = await countGenerateRequests(fakeUrl);
    expect(requests).toBe(1);
    await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
    const nodesBefore = await canvasNodeIds(page);

    await reloadAndWait(page, 'gen');
    expect(await canvasNodeIds(page)).toEqual(nodesBefore);
    expect(await statusOf(page, 'gen')).toBe('done');
    // The image comes back from IndexedDB (a Blob, shown through an object URL), and has pixels.
    const image = nodeOutputImages(page, 'gen').first();
    await expect.poll(() => image.getAttribute('src')).toMatch(/^blob:/);
    await expect
      .poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    await screenshot(page, 'scenario-1');

    // The key was not remembered (the default): enter it again, then run: all from the cache.
    await configureGemini(page, { baseUrl: fakeUrl });
    await runAndWait(page);
    expect(await statusOf(page, 'gen')).toBe('cached');
    expect(await countGenerateRequests(fakeUrl)).toBe(requests);
    expect(appErrors(opened.errors)).toEqual([]);
  });

  it('a reload mid-generation shows the node as interrupted and re-submits nothing', async () => {
    opened = await suite.open();
    const { page } = opened;
    await configureGemini(page, { baseUrl: fakeUrl });
    // The model never answers this call: the page goes away while it is in flight.
    await addFaults(fakeUrl, { kind: 'hang', times: 1 });
    await clickRun(page);
    await waitForStatus(page, 'gen', 'running');
    await waitUntil(async () => (await countGenerateRequests(fakeUrl)) === 1, 'the call to reach the server');
    await waitUntil(
      async () => (await storedRuns(page)).some((run) => run.nodes.gen?.status === 'running'),
      'the run record to say gen is running',
    );

    await reloadAndWait(page, 'gen');
    await page.waitForSelector('[data-testid="node-status-gen"][data-status="interrupted"]', {
      timeout: 15_000,
    });
    expect(await page.getByTestId('node-status-gen').getAttribute('title')).toContain(
      'Nothing was re-submitted',
    );
    expect((await storedRuns(page)).map((run) => run.status)).toEqual(['interrupted']);
    // The app is idle and ready: nothing was sent again.
    await page.getByTestId('run-button').waitFor({ state: 'visible' });
    expect(await countGenerateRequests(fakeUrl)).toBe(1);
    expect(appErrors(opened.errors)).toEqual([]);
  });
});
