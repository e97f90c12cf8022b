import { describe, expect, inject, it } from 'vitest';
import {
  appErrors,
  clickRun,
  configureGemini,
  nodeError,
  nodeOutputImages,
  nodeStatus,
  type OpenedApp,
  statusOf,
  waitForRunEnd,
  waitForStatus,
} from './helpers/app';
import { addFaults, countGenerateRequests, generateRequests } from './helpers/fake';
import { setUpAppSuite } from './helpers/suite';

const fakeUrl = inject('fakeGeminiUrl');

let opened: OpenedApp | undefined;
const suite = setUpAppSuite();

/** The first document is the text-to-image template: prompt -> gen -> out. */
async function openConfigured(apiKey?: string): Promise<OpenedApp> {
  opened = await suite.open();
  await configureGemini(opened.page, { baseUrl: fakeUrl, ...(apiKey ? { apiKey } : {}) });
  return opened;
}

describe('faults from Gemini, shown on the node', () => {
  it('a 429 storm: the node shows it is waiting, then succeeds after the retries', async () => {
    await addFaults(fakeUrl, { kind: 'rateLimit', times: 3, retryDelaySeconds: 1 });
    const { page, errors } = await openConfigured();
    const started = Date.now();
    await clickRun(page);
    await waitForStatus(page, 'gen', 'waiting', 10_000);
    await expect(nodeStatus(page, 'gen').textContent()).resolves.toMatch(
      /waiting: rate limited, retrying in \d+ s/,
    );
    await waitForStatus(page, 'gen', 'done', 30_000);
    // Three refusals, each honoured for at least its 1 s RetryInfo, then one answer.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    expect(await countGenerateRequests(fakeUrl)).toBe(4);
    await expect(nodeOutputImages(page, 'gen').count()).resolves.toBeGreaterThan(0);
    await waitForRunEnd(page);
    await expect(page.getByTestId('last-run').textContent()).resolves.toMatch(/Last run ok/);
    expect(await nodeError(page, 'gen').count()).toBe(0);
    expect(appErrors(errors)).toEqual([]);
  });

  it('a safety block is a readable message on the node, asked once, never retried', async () => {
    await addFaults(fakeUrl, { kind: 'imageSafety' });
    const { page, errors } = await openConfigured();
    await clickRun(page);
    await waitForStatus(page, 'gen', 'failed');
    await expect(nodeError(page, 'gen').textContent()).resolves.toMatch(
      /Blocked by Gemini's safety filter \(IMAGE_SAFETY\)/,
    );
    // The export downstream did not run, and says so.
    await waitForStatus(page, 'out', 'skipped');
    await waitForRunEnd(page);
    expect(await countGenerateRequests(fakeUrl)).toBe(1);
    expect(await nodeOutputImages(page, 'gen').count()).toBe(0);
    expect(appErrors(errors)).toEqual([]);
  });

  it('a rejected key asks for a new one, and the key text never appears in the page', async () => {
    const wrongKey = 'wrong-key-e2e-5f3a9c7d1b';
    const { page } = await openConfigured(wrongKey);
    await clickRun(page);
    await waitForStatus(page, 'gen', 'failed');
    await waitForRunEnd(page);
    // The request went out with the wrong key, once; the run stopped there.
    const sent = await generateRequests(fakeUrl);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.apiKey).toBe(wrongKey);
    // Readable on the node and in the run notice: the key was refused, enter a new one.
    await expect(nodeError(page, 'gen').textContent()).resolves.toMatch(
      /API key rejected: the key is not valid/,
    );
    const alert = page.getByTestId('run-error');
    await alert.waitFor({ state: 'visible' });
    await expect(alert.textContent()).resolves.toMatch(/Enter a new key/);
    // The settings panel opens by itself, asking for a new key.
    await page.getByTestId('settings-panel').waitFor({ state: 'visible' });
    await expect(page.getByTestId('settings-panel').textContent()).resolves.toMatch(/API key rejected/);
    await page.getByTestId('api-key-input').waitFor({ state: 'visible' });
    await expect(page.getByTestId('api-key-input').getAttribute('type')).resolves.toBe('password');
    // Nowhere in the text, titles or markup except the masked key field itself.
    const leaks = await page.evaluate((key) => {
      const found: string[] = [];
      if ((document.body.textContent ?? '').includes(key)) found.push('innerText');
      for (const element of document.querySelectorAll('*')) {
        if (element.getAttribute('data-testid') === 'api-key-input') continue;
        for (const attribute of element.attributes)
          if (attribute.value.includes(key)) found.push(`${element.tagName}[${attribute.name}]`);
        if (
          (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) &&
          element.value.includes(key)
        )
          found.push(`${element.tagName}.value`);
      }
      if (document.title.includes(key)) found.push('title');
      return found;
    }, wrongKey);
    expect(leaks).toEqual([]);
    expect(await statusOf(page, 'out')).toMatch(/skipped|cancelled|idle/);
  });
});
