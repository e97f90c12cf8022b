/**
 * Markup and script links in names, labels and prompts stay inert text in the real app, whether
 * typed, pasted as a node clip, or imported from a workflow file: no dialog, no <img src="x">,
 * no javascript: anchor, and the text readable as typed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  appErrors,
  closeSettings,
  node,
  type OpenedApp,
  openSettings,
  renameNode,
  runAndWait,
  waitForStatus,
} from './helpers/app';
import { waitUntil } from './helpers/fake';
import { setUpAppSuite } from './helpers/suite';

const IMG = '<img src=x onerror=alert(1)>';
const JS_LINK = 'javascript:alert(2)';
const ANCHOR = '<a href="javascript:alert(3)">click me</a>';
const MARKDOWN = '[click](javascript:alert(4))';
const EVIL = `${IMG} ${JS_LINK} ${ANCHOR} ${MARKDOWN}`;

let opened: OpenedApp | undefined;
let dialogs: string[] = [];
const suite = setUpAppSuite();

async function openWatched(): Promise<OpenedApp> {
  dialogs = [];
  opened = await suite.open();
  opened.page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  return opened;
}

/** Everything that would betray markup being interpreted instead of shown. */
async function activeContent(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const image of document.querySelectorAll('img')) {
      const src = image.getAttribute('src') ?? '';
      if (src === 'x' || !/^(blob:|data:image\/|https?:)/.test(src)) found.push(`img src=${src}`);
    }
    for (const anchor of document.querySelectorAll('a[href]')) {
      const href = anchor.getAttribute('href') ?? '';
      if (/^\s*javascript:/i.test(href)) found.push(`a href=${href}`);
    }
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes)
        if (/^on/i.test(attribute.name)) found.push(`${element.tagName} ${attribute.name}`);
    }
    if ((window as unknown as { __xss?: unknown }).__xss !== undefined) found.push('script ran');
    return found;
  });
}

async function expectInert(page: Page): Promise<void> {
  // Give any onerror handler a chance to fire before concluding it did not.
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(await activeContent(page)).toEqual([]);
}

describe('hostile text stays text', () => {
  it('typed into the workflow name, a node label and a prompt, then run (preview) and exported', async () => {
    const { page, errors } = await openWatched();
    await page.getByTestId('workflow-name').fill(`${IMG} ${JS_LINK}`);
    await renameNode(page, 'prompt', ANCHOR);
    await renameNode(page, 'gen', MARKDOWN);
    await page.getByTestId('prompt-text-prompt').fill(EVIL);
    await expectInert(page);

    // The typed text is there, character for character, in visible fields.
    await expect(page.getByTestId('workflow-name').inputValue()).resolves.toBe(`${IMG} ${JS_LINK}`);
    await expect(page.getByTestId('node-title-prompt').textContent()).resolves.toBe(ANCHOR);
    await expect(page.getByTestId('node-title-gen').textContent()).resolves.toBe(MARKDOWN);
    await expect(page.getByTestId('prompt-text-prompt').inputValue()).resolves.toBe(EVIL);
    expect(await page.getByTestId('prompt-text-prompt').isVisible()).toBe(true);

    // A run makes export file names from the workflow name: shown as text, thumbnail from a blob.
    const panel = await openSettings(page);
    await panel.getByTestId('preview-switch').check();
    await closeSettings(page);
    await runAndWait(page);
    await waitForStatus(page, 'out', 'done');
    const exportsList = page.getByTestId('exports-out');
    await exportsList.waitFor();
    // One exported file: its name is a button's text, its thumbnail a blob (or data) image.
    const names = await exportsList.locator('button').allTextContents();
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/\.(png|jpg|webp)$/);
    await exportsList.locator('img').first().waitFor();
    const thumbs = await exportsList
      .locator('img')
      .evaluateAll((images) => images.map((image) => image.getAttribute('src') ?? ''));
    expect(thumbs).toHaveLength(1);
    for (const src of thumbs) expect(src).toMatch(/^(blob:|data:)/);
    await expectInert(page);
    expect(appErrors(errors)).toEqual([]);
  });

  it('pasted as a node clip (untrusted clipboard JSON)', async () => {
    const { page } = await openWatched();
    const clip = {
      format: 'peel.clipboard',
      nodes: [
        {
          id: 'evil',
          type: 'prompt',
          label: IMG,
          position: { x: 0, y: 300 },
          params: { text: EVIL },
        },
        {
          id: 'evil-gen',
          type: 'generate',
          label: JS_LINK,
          position: { x: 340, y: 300 },
          params: { model: 'gemini-3.1-flash-image', avoid: ANCHOR },
        },
      ],
      edges: [{ source: 'evil', sourcePort: 'text', target: 'evil-gen', targetPort: 'prompt' }],
    };
    const before = await page.locator('.react-flow__node').count();
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    }, JSON.stringify(clip));
    await waitUntil(
      async () => (await page.locator('.react-flow__node').count()) === before + 2,
      'the paste',
    );
    const titles = await page
      .locator('span[data-testid^="node-title-"]')
      .evaluateAll((titles) => titles.map((title) => title.textContent ?? ''));
    expect(titles).toEqual(expect.arrayContaining([IMG, JS_LINK]));
    const prompts = await page
      .locator('[data-testid^="prompt-text-"]')
      .evaluateAll((areas) => areas.map((area) => (area as HTMLTextAreaElement).value));
    expect(prompts).toContain(EVIL);
    const avoids = await page
      .locator('[data-testid^="avoid-"]')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(avoids).toContain(ANCHOR);
    await expectInert(page);
  });

  it('imported from a workflow file (name, description, labels, prompt, file name, extra)', async () => {
    const { page } = await openWatched();
    const workflow = {
      format: 'peel.workflow',
      version: 1,
      name: `${IMG} ${JS_LINK}`,
      description: `${ANCHOR} ${MARKDOWN}`,
      nodes: [
        { id: 'p', type: 'prompt', label: IMG, position: { x: 0, y: 0 }, params: { text: EVIL } },
        {
          id: 'g',
          type: 'generate',
          label: ANCHOR,
          position: { x: 340, y: 0 },
          params: { model: 'gemini-3.1-flash-image', avoid: JS_LINK },
        },
        {
          id: 'o',
          type: 'export',
          label: MARKDOWN,
          position: { x: 680, y: 0 },
          params: { filename: `${IMG}-{n}`, embedWorkflow: true },
        },
      ],
      edges: [
        { source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' },
        { source: 'g', sourcePort: 'images', target: 'o', targetPort: 'images' },
      ],
      extra: { homepage: JS_LINK, html: IMG },
    };
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'evil.peel.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(workflow)),
    });
    await node(page, 'p').waitFor();
    await expect(page.getByTestId('workflow-name').inputValue()).resolves.toBe(`${IMG} ${JS_LINK}`);
    await expect(page.getByTestId('node-title-p').textContent()).resolves.toBe(IMG);
    await expect(page.getByTestId('node-title-g').textContent()).resolves.toBe(ANCHOR);
    await expect(page.getByTestId('node-title-o').textContent()).resolves.toBe(MARKDOWN);
    await expect(page.getByTestId('prompt-text-p').inputValue()).resolves.toBe(EVIL);
    await expect(page.getByTestId('avoid-g').inputValue()).resolves.toBe(JS_LINK);
    await expect(page.getByTestId('filename-o').inputValue()).resolves.toBe(`${IMG}-{n}`);
    await expectInert(page);
  });
});
