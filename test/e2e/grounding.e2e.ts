/**
 * A grounded, thinking run in the real app against the fake Gemini server: Google's search
 * suggestions render inside their sandboxed frame under the built app's CSP, the sources are
 * links, the thoughts open from a collapsed section, and the viewer keeps the sources with the image.
 */
import { describe, expect, inject, it } from 'vitest';
import { screenshot } from './browser';
import {
  appErrors,
  configureGemini,
  fitView,
  node,
  openTemplate,
  runAndWait,
  waitForStatus,
} from './helpers/app';
import { setUpAppSuite } from './helpers/suite';

const fakeUrl = inject('fakeGeminiUrl');
const suite = setUpAppSuite();

describe('grounding sources and thoughts on the node', () => {
  it('shows the suggestions chip in its frame, the sources as links, the thoughts and the viewer', async () => {
    const { page, errors } = await suite.open();
    await configureGemini(page, { baseUrl: fakeUrl });
    await openTemplate(page, 'text-to-image', 'gen');
    const gen = node(page, 'gen');
    await gen.getByTestId('model-features-gen').locator('summary').click();
    await gen.getByTestId('googleSearch-gen').check();
    await gen.getByTestId('showThoughts-gen').check();
    await runAndWait(page);
    await waitForStatus(page, 'gen', 'done');
    await fitView(page);

    const sources = page.getByTestId('answer-extras-gen-grounding-0-sources');
    await sources.waitFor({ state: 'visible' });
    const link = sources.locator('a').first();
    expect(await link.getAttribute('href')).toBe(
      'https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-1',
    );
    expect(await link.getAttribute('target')).toBe('_blank');
    // Google's chip renders inside the sandboxed frame (its links reach Google's results page).
    const chip = page
      .frameLocator('[data-testid="answer-extras-gen-grounding-0-suggestions"]')
      .locator('a.chip');
    await chip.waitFor({ state: 'visible' });
    expect(await chip.getAttribute('href')).toMatch(/^https:\/\/www\.google\.com\/search\?q=/);

    const thoughts = page.getByTestId('answer-extras-gen-thoughts');
    await thoughts.locator('summary').click();
    const interim = thoughts.locator('img');
    await expect.poll(() => interim.count()).toBe(1);
    await expect
      .poll(() => interim.first().evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    expect(await thoughts.textContent()).toContain('Planning the image');
    await screenshot(page, 'grounding-node');

    await page.getByTestId('output-gen-0').click();
    const viewer = page.getByTestId('viewer');
    await viewer.getByTestId('viewer-answer-extras-grounding-0-sources').waitFor({ state: 'visible' });
    // The dialog still fits the window with the sources under the image.
    const box = await viewer.boundingBox();
    const size = page.viewportSize();
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(size?.height ?? 0);
    await screenshot(page, 'grounding-viewer');
    expect(appErrors(errors)).toEqual([]);
  });
});
