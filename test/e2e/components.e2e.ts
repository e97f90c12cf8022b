/**
 * Issue #15 in the browser: make a component from the product-scenes template, use it twice with
 * different inputs, run, reload: the re-run makes 0 calls.
 */
import { describe, expect, inject, it } from 'vitest';
import {
  appErrors,
  configureGemini,
  dismissHint,
  node,
  type OpenedApp,
  openTemplate,
  runAndWait,
} from './helpers/app';
import { countGenerateRequests } from './helpers/fake';
import { setUpAppSuite } from './helpers/suite';

const fakeUrl = inject('fakeGeminiUrl');
let opened: OpenedApp | undefined;
const suite = setUpAppSuite();

describe('components', () => {
  it('make a component of the template, use it twice, run, reload: 0 calls', async () => {
    opened = await suite.open();
    const { page } = opened;
    await openTemplate(page, 'product-scenes', 'genStreet');
    await configureGemini(page, { baseUrl: fakeUrl });
    await runAndWait(page);
    const beforeGrouping = await countGenerateRequests(fakeUrl);
    expect(beforeGrouping).toBe(2);

    // Select the street Generate and make a component of it (Ctrl+G).
    await page.getByTestId('node-title-genStreet').click();
    await page.keyboard.press('Control+g');
    await node(page, 'component1').waitFor({ state: 'visible' });
    expect(await page.getByTestId('node-title-component1').textContent()).toBe('Component 1');
    // Grouping costs nothing: the inner node keeps its cache key.
    await runAndWait(page);
    expect(await countGenerateRequests(fakeUrl)).toBe(beforeGrouping);

    // A second instance from the palette, with its own prompt typed on the node.
    await page.getByTestId('palette-component-component1').click();
    await node(page, 'component').waitFor({ state: 'visible' });
    await page.getByTestId('component-input-component-prompt').fill('the product on a mountain top at dawn');
    await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
    await runAndWait(page);
    const afterSecond = await countGenerateRequests(fakeUrl);
    expect(afterSecond).toBe(beforeGrouping + 1);

    await page.reload();
    await node(page, 'component').waitFor({ state: 'visible', timeout: 15_000 });
    await page.waitForSelector('[data-testid="save-status"][data-state="saved"]', { timeout: 15_000 });
    await dismissHint(page);
    expect(await page.getByTestId('component-input-component-prompt').inputValue()).toBe(
      'the product on a mountain top at dawn',
    );
    await configureGemini(page, { baseUrl: fakeUrl });
    await runAndWait(page);
    expect(await countGenerateRequests(fakeUrl)).toBe(afterSecond);
    expect(appErrors(opened.errors)).toEqual([]);
  });
});
