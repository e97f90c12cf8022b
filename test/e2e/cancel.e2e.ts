/**
 * Cancel mid-run in the real app: the in-flight request is aborted on the wire, what finished
 * stays on its node, and nothing is written after the cancel.
 */
import type { Page, Request } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  appErrors,
  clickRun,
  configureGemini,
  nodeOutputImages,
  type OpenedApp,
  openTemplate,
  statusOf,
  waitForRunEnd,
  waitForStatus,
} from './helpers/app';
import { addFaults, clearFaults, countGenerateRequests, setLatency, waitUntil } from './helpers/fake';
import { setUpAppSuite } from './helpers/suite';

const fakeUrl = inject('fakeGeminiUrl');

let opened: OpenedApp | undefined;
const suite = setUpAppSuite();

/** Requests for a model call that the browser gave up on (aborted), as the page saw them. */
function watchAbortedCalls(page: Page): Request[] {
  const failed: Request[] = [];
  page.on('requestfailed', (request) => {
    if (/generateContent/i.test(request.url())) failed.push(request);
  });
  return failed;
}

async function outputSources(page: Page, id: string): Promise<string[]> {
  return nodeOutputImages(page, id).evaluateAll((images) =>
    images.map((image) => (image as HTMLImageElement).src),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('cancel mid-run', () => {
  it('Cancel aborts the slow call on the wire; the finished node keeps its images; the late answer writes nothing', async () => {
    // Every answer takes 2.5 s: gen finishes, then edit1 is in flight when we cancel.
    await setLatency(fakeUrl, 2_500);
    opened = await suite.open();
    const { page, errors } = opened;
    await configureGemini(page, { baseUrl: fakeUrl });
    await openTemplate(page, 'generate-edit-edit', 'edit2');
    const aborted = watchAbortedCalls(page);
    await clickRun(page);
    await waitForStatus(page, 'gen', 'done', 15_000);
    await waitForStatus(page, 'edit1', 'running');
    await waitUntil(async () => (await countGenerateRequests(fakeUrl)) === 2, 'edit1 to call Gemini');
    const genImages = await outputSources(page, 'gen');
    expect(genImages.length).toBeGreaterThan(0);

    await page.getByTestId('cancel-button').click();
    await waitForStatus(page, 'edit1', 'cancelled', 5_000);
    await waitForRunEnd(page, 5_000);
    await waitUntil(() => aborted.length === 1, 'the browser to abort the edit1 request', 5_000);
    expect(aborted[0]?.failure()?.errorText).toMatch(/ERR_ABORTED|cancel/i);

    // Past the moment the server would have answered: nothing new on any node, no new call.
    await sleep(3_500);
    expect(await statusOf(page, 'edit1')).toBe('cancelled');
    expect(await nodeOutputImages(page, 'edit1').count()).toBe(0);
    expect(await statusOf(page, 'edit2')).not.toMatch(/done|running|failed/);
    expect(await statusOf(page, 'out')).not.toMatch(/done|running/);
    expect(await statusOf(page, 'gen')).toBe('done');
    expect(await outputSources(page, 'gen')).toEqual(genImages);
    expect(await countGenerateRequests(fakeUrl)).toBe(2);
    await expect(page.getByTestId('last-run').textContent()).resolves.toMatch(/Last run cancelled/);
    await expect(page.getByTestId('estimate').textContent()).resolves.toMatch(
      /^Next run ≈ \$[0-9.]+ · 2 calls · 1 cached/,
    );
    expect(appErrors(errors)).toEqual([]);
  });

  it('Ctrl+. cancels a hung branch; the finished branch stays, and the next run pays only for what was cancelled', async () => {
    // product-scenes: genStreet and genBeach run side by side; the street call never answers.
    await addFaults(fakeUrl, { kind: 'hang', matchPromptIncludes: 'wet city street' });
    opened = await suite.open();
    const { page, errors } = opened;
    await configureGemini(page, { baseUrl: fakeUrl });
    await openTemplate(page, 'product-scenes', 'genBeach');
    const aborted = watchAbortedCalls(page);
    await clickRun(page);
    await waitForStatus(page, 'genBeach', 'done');
    await waitForStatus(page, 'genStreet', 'running');
    const beachImages = await outputSources(page, 'genBeach');
    expect(beachImages.length).toBeGreaterThan(0);

    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+.');
    await waitForStatus(page, 'genStreet', 'cancelled', 5_000);
    await waitForRunEnd(page, 5_000);
    await waitUntil(() => aborted.length === 1, 'the browser to abort the hung request', 5_000);
    await sleep(1_000);
    expect(await countGenerateRequests(fakeUrl)).toBe(2);
    expect(await nodeOutputImages(page, 'genStreet').count()).toBe(0);
    expect(await outputSources(page, 'genBeach')).toEqual(beachImages);

    // Run again with the fault gone: the beach comes from the cache, only the street is paid for.
    await clearFaults(fakeUrl);
    await clickRun(page);
    await waitForStatus(page, 'genStreet', 'done');
    await waitForRunEnd(page);
    expect(await statusOf(page, 'genBeach')).toBe('cached');
    expect(await countGenerateRequests(fakeUrl)).toBe(3);
    expect(await outputSources(page, 'genBeach')).toEqual(beachImages);
    expect(appErrors(errors)).toEqual([]);
  });
});
