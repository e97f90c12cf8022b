/**
 * Many values in the real app (issue 14): the "Brief to variations" template runs (1 text call,
 * 5 variations, 1 edit), its nodes show their elements, a click on Pick's strip chooses a
 * variation (one more call: the edit of that one), after a reload the element strips are back
 * from run history, and everything runs again from the cache with zero calls.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  appErrors,
  canvasEdgeCount,
  canvasNodeIds,
  configureGemini,
  dismissHint,
  dragLink,
  handle,
  openTemplate,
  runAndWait,
  statusOf,
} from './helpers/app';
import { countGenerateRequests, waitUntil } from './helpers/fake';
import { setUpAppSuite } from './helpers/suite';

const fakeUrl = inject('fakeGeminiUrl');
const suite = setUpAppSuite();

async function reloadAndWait(page: Page, expectNode: string): Promise<void> {
  // "Saved" covers the finished run's history: before it, a reload shows elements interrupted.
  await page.waitForSelector('[data-testid="save-status"][data-state="saved"]', { timeout: 15_000 });
  await page.reload();
  await page.getByTestId(`node-${expectNode}`).waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForSelector('[data-testid="save-status"][data-state="saved"]', { timeout: 15_000 });
  await dismissHint(page);
}

/** Zooms in on a node until `testId` shows: zoomed out, node bodies are compact. */
async function zoomOnto(page: Page, nodeId: string, testId: string): Promise<void> {
  for (let i = 0; i < 12 && (await page.getByTestId(testId).count()) === 0; i++) {
    const box = await page.getByTestId(`node-${nodeId}`).boundingBox();
    await page.mouse.move((box?.x ?? 0) + 20, (box?.y ?? 0) + 20);
    await page.mouse.wheel(0, -200);
    await page.waitForTimeout(150);
  }
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
    // The strips come back from run history, before any run and with no call.
    await expect
      .poll(() => page.getByTestId('elements-progress-variations').textContent())
      .toBe('5 elements');
    expect(await page.locator('[data-testid="element-strip-variations"] .element-thumb').count()).toBe(5);
    expect(
      await page.locator('[data-testid="element-strip-variations"] .element-thumb.status-cached').count(),
    ).toBe(5);
    expect(await page.locator('[data-testid="element-strip-pick"] .element-thumb').count()).toBe(5);
    expect(await countGenerateRequests(fakeUrl)).toBe(8);
    await configureGemini(page, { baseUrl: fakeUrl });
    await runAndWait(page, 60_000);
    expect(await countGenerateRequests(fakeUrl)).toBe(8);
    expect(await statusOf(page, 'variations')).toBe('cached');
    expect(await page.getByTestId('elements-progress-variations').textContent()).toBe('5 elements');
    expect(appErrors(opened.errors)).toEqual([]);
  });

  it('builds "Product × scenes" from the palette: 2 products × 3 scenes = 6 calls, pick one by clicking, reload, 0 calls', async () => {
    const opened = await suite.open();
    const { page } = opened;
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await waitUntil(async () => (await canvasNodeIds(page)).length === 0, 'an empty canvas');
    const before = await countGenerateRequests(fakeUrl);
    for (const type of ['referenceSet', 'list', 'template', 'generate', 'pick']) {
      await page.getByTestId('palette-search').fill(type === 'referenceSet' ? 'reference' : type);
      await page.getByTestId(`palette-item-${type}`).click();
    }
    await page.getByTestId('palette-search').fill('');
    // Pick's view is its own chunk: until it has arrived, the canvas holds the node back (it is in
    // the document already), so a fresh page may show it a moment after the click.
    await expect
      .poll(async () => (await canvasNodeIds(page)).sort())
      .toEqual(['gen', 'list', 'pick', 'refs', 'template']);

    await page.getByTestId('ref-file-refs').setInputFiles([
      { name: 'mug.png', mimeType: 'image/png', buffer: Buffer.from(PNG_A, 'base64') },
      { name: 'lamp.png', mimeType: 'image/png', buffer: Buffer.from(PNG_B, 'base64') },
    ]);
    await page.getByTestId('ref-thumb-refs-1').waitFor();
    await page.getByTestId('ref-each-refs').check();
    await page.getByTestId('list-items-list').fill('on a beach\non a desk\nin a forest');
    await page.getByTestId('template-text-template').fill('the product in the reference image {scene}');
    await page.getByTestId('layout-button').click();
    await page.waitForTimeout(400);
    await dragLink(page, handle(page, 'list', 'out', 'items'), handle(page, 'template', 'in', 'scene'));
    await dragLink(page, handle(page, 'template', 'out', 'text'), handle(page, 'gen', 'in', 'prompt'));
    await dragLink(page, handle(page, 'refs', 'out', 'images'), handle(page, 'gen', 'in', 'references'));
    await dragLink(page, handle(page, 'gen', 'out', 'image'), handle(page, 'pick', 'in', 'items'));
    await waitUntil(async () => (await canvasEdgeCount(page)) === 4, '4 edges');

    await configureGemini(page, { baseUrl: fakeUrl });
    await runAndWait(page, 60_000);
    expect(await statusOf(page, 'gen')).toBe('done');
    expect(await countGenerateRequests(fakeUrl)).toBe(before + 6);
    await expect.poll(() => page.getByTestId('elements-progress-gen').textContent()).toBe('6 elements');

    await zoomOnto(page, 'pick', 'element-pick-4');
    await page.getByTestId('element-pick-4').click();
    expect(await page.getByTestId('pick-index-pick').inputValue()).toBe('4');
    await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
    await reloadAndWait(page, 'pick');
    await zoomOnto(page, 'pick', 'pick-index-pick');
    expect(await page.getByTestId('pick-index-pick').inputValue()).toBe('4');
    expect((await canvasNodeIds(page)).sort()).toEqual(['gen', 'list', 'pick', 'refs', 'template']);
    await configureGemini(page, { baseUrl: fakeUrl });
    await runAndWait(page, 60_000);
    expect(await countGenerateRequests(fakeUrl)).toBe(before + 6);
    expect(await statusOf(page, 'gen')).toBe('cached');
    expect(appErrors(opened.errors)).toEqual([]);
  });
});

/** Two small distinct PNGs (a product photo each, for the reference set). */
const PNG_A =
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAARUlEQVR42u3WMQ0AIBAEQZRQ418KSmi+xwJQwJPMZQVMeSVipKoAAQEBAX0J6rXtBgQEBPQadBYQEFAWUNzbtyAXFmi1CT06gHdbB4BcAAAAAElFTkSuQmCC';
const PNG_B =
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAn0lEQVR42u3YMQ6AIAwF0H8ID+EhvH9cPImLM5ODcS2llKaQT/5I0jdAaMH9lFQBQQQRRBBBy4LKtcuJA1UpPSyMo9hYCNA0mRCj0ZsQplGaEKnRmGYDuWuqJgto+5dQUt5jBMmVhHqaPQSFgVzOkDNo6EUjiCCCvpyHKs4gwdQJWui1Z4M2Y0+dcerIOJdlnFwzzvZJfz/4YUUQQS15AbJpWqlgmM/mAAAAAElFTkSuQmCC';
