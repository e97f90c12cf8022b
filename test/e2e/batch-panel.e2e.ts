/**
 * Scenario 10: the batch panel runs 3 CSV rows against the (fake) Gemini API into a results grid;
 * cancelled after the first row and reloaded, running again makes no call for the finished row.
 */
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { extractWorkflowText } from '../../src/engine/image/embedded-workflow';
import { screenshot } from './browser';
import { appErrors, configureGemini, dismissHint, type OpenedApp, openSettings } from './helpers/app';
import { generateRequests, promptOf, setLatency } from './helpers/fake';
import { setUpAppSuite } from './helpers/suite';

const fakeUrl = inject('fakeGeminiUrl');

let opened: OpenedApp | undefined;
const suite = setUpAppSuite();

const PROMPTS = [
  'scenario ten: a fox in fog',
  'scenario ten: a heron at dawn',
  'scenario ten: a moth by a lamp',
];
// The text-to-image template exposes its prompt as "prompt".
const CSV = `prompt\n${PROMPTS.map((prompt) => `"${prompt}"`).join('\n')}\n`;

const rowStatus = (page: Page, row: number) =>
  page.getByTestId(`batch-row-${row}`).getAttribute('data-status');

async function prompts(): Promise<string[]> {
  return (await generateRequests(fakeUrl)).map(promptOf);
}

/** Gemini against the fake server, one call at a time; then the batch panel with the CSV. */
async function prepareBatch(page: Page): Promise<void> {
  await configureGemini(page, { baseUrl: fakeUrl, keepOpen: true });
  const settings = await openSettings(page);
  await settings.getByTestId('concurrency-input').fill('1');
  await page.getByTestId('batch-button').click();
  await page.getByTestId('batch-csv-input').setInputFiles({
    name: 'rows.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  });
  await page.getByTestId('batch-preview').waitFor({ state: 'visible' });
}

describe('scenario 10: batch panel', () => {
  it('3 rows fill the results grid; after a cancel and a reload, finished rows make no calls', async () => {
    opened = await suite.open();
    const { page } = opened;
    await prepareBatch(page);
    await expect(page.getByTestId('batch-preview').locator('tbody tr').count()).resolves.toBe(3);
    await expect
      .poll(() => page.getByTestId('batch-estimate').textContent())
      .toMatch(/^3 rows · estimate 3 calls · ≈ \$\d/);

    // Slow answers so the cancel lands after row 1 and before row 3.
    await setLatency(fakeUrl, 700);
    await page.getByTestId('batch-run').click();
    await expect.poll(() => rowStatus(page, 1), { timeout: 20_000 }).toBe('ok');
    await page.getByTestId('batch-cancel').click();
    await page.getByTestId('batch-run').waitFor({ state: 'visible' });
    expect(await rowStatus(page, 3)).toBe('cancelled');
    const beforeReload = await prompts();
    expect(beforeReload.filter((prompt) => prompt.includes(PROMPTS[0] as string))).toHaveLength(1);
    await setLatency(fakeUrl, 0);

    // Reload: the cache survives (IndexedDB); the finished row is not paid for again.
    await page.reload();
    await page.locator('.react-flow__node').first().waitFor({ state: 'visible', timeout: 15_000 });
    await dismissHint(page);
    await prepareBatch(page);
    await expect.poll(() => page.getByTestId('batch-estimate').textContent()).toContain('2 calls, 1 cached');
    await page.getByTestId('batch-run').click();
    await expect
      .poll(async () => [await rowStatus(page, 1), await rowStatus(page, 2), await rowStatus(page, 3)], {
        timeout: 30_000,
      })
      .toEqual(['ok', 'ok', 'ok']);
    const afterReload = (await prompts()).slice(beforeReload.length);
    expect(afterReload.some((prompt) => prompt.includes(PROMPTS[0] as string))).toBe(false);
    expect(afterReload.filter((prompt) => prompt.includes(PROMPTS[2] as string))).toHaveLength(1);
    await expect(page.getByTestId('batch-row-status-1').textContent()).resolves.toContain('(cached)');
    await expect(page.getByTestId('batch-grid').locator('img').count()).resolves.toBe(3);
    await screenshot(page, 'scenario-10');
    // The finished batch opened its contact sheet (one card per image); Escape closes it.
    const sheet = page.getByTestId('contact-sheet');
    await sheet.waitFor({ state: 'visible' });
    await expect(sheet.locator('img').count()).resolves.toBe(3);
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });

    // Download all: one image per row, each with its row's workflow, and a run.json.
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('batch-zip').click()]);
    const zip = unzipSync(new Uint8Array(await readFile(await file.path())));
    const names = Object.keys(zip).sort();
    expect(names.filter((name) => /\.(png|jpg)$/.test(name))).toHaveLength(3);
    const runJson = JSON.parse(new TextDecoder().decode(zip['run.json']));
    expect(runJson.rows).toHaveLength(3);
    expect(runJson.totals.cachedNodes).toBeGreaterThanOrEqual(1);
    // Each image carries its row's workflow (PNG iTXt or JPEG APP9, read back by the engine).
    const embedded = extractWorkflowText(zip[names[0] as string] as Uint8Array);
    expect(embedded.ok && embedded.value?.includes('peel.workflow')).toBe(true);
    expect(appErrors(opened.errors)).toEqual([]);
  });
});
