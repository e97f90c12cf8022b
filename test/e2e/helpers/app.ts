/**
 * Page helpers shared by the e2e scenarios: open the built app, point it at the fake Gemini
 * server, load templates, run, wait for node states, drag links between handles.
 * Generic on purpose: other suites import them too.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { watchErrors } from '../browser';

export const TEST_KEY = 'test-key-123';

export type NodeStatus =
  | 'idle'
  | 'queued'
  | 'running'
  | 'waiting'
  | 'cached'
  | 'done'
  | 'failed'
  | 'skipped'
  | 'cancelled';

export interface OpenedApp {
  context: BrowserContext;
  page: Page;
  /** Page errors and console errors, as they happen. */
  errors: string[];
}

export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Keep the first-visit hint (default: dismissed, it covers part of the canvas). */
  keepHint?: boolean;
}

/** A fresh browser context (own IndexedDB, localStorage), the app loaded and its first document shown. */
export async function openApp(
  browser: Browser,
  appUrl: string,
  options: OpenOptions = {},
): Promise<OpenedApp> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 900 },
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(appUrl);
  await page.locator('.react-flow__node').first().waitFor({ state: 'visible', timeout: 15_000 });
  if (!options.keepHint) await dismissHint(page);
  return { context, page, errors };
}

export async function dismissHint(page: Page): Promise<void> {
  const button = page.getByTestId('dismiss-hint');
  if (await button.isVisible().catch(() => false)) await button.click();
}

/** Console noise the browser itself prints for HTTP errors the app handles (429, 400, ...). */
export function appErrors(errors: string[]): string[] {
  return errors.filter((message) => !/Failed to load resource|net::ERR_/i.test(message));
}

export async function openSettings(page: Page): Promise<Locator> {
  const panel = page.getByTestId('settings-panel');
  if (!(await panel.isVisible().catch(() => false))) await page.getByTestId('settings-button').click();
  await panel.waitFor({ state: 'visible' });
  return panel;
}

export async function closeSettings(page: Page): Promise<void> {
  const panel = page.getByTestId('settings-panel');
  if (await panel.isVisible().catch(() => false)) {
    await panel.getByRole('button', { name: 'Close settings' }).click();
    await panel.waitFor({ state: 'hidden' });
  }
}

/** Gemini provider (preview off), the given key and API base URL, via the settings panel. */
export async function configureGemini(
  page: Page,
  options: { baseUrl: string; apiKey?: string; keepOpen?: boolean },
): Promise<void> {
  const panel = await openSettings(page);
  const preview = panel.getByTestId('preview-switch');
  if (await preview.isChecked()) await preview.uncheck();
  await panel.getByTestId('api-key-input').fill(options.apiKey ?? TEST_KEY);
  const advanced = panel.locator('details');
  if (!(await advanced.evaluate((element) => (element as HTMLDetailsElement).open)))
    await advanced.locator('summary').click();
  await panel.getByTestId('base-url-input').fill(options.baseUrl);
  if (!options.keepOpen) await closeSettings(page);
}

/** "New from template" → the named example (file name without .json); waits for its nodes. */
export async function openTemplate(page: Page, file: string, expectNode?: string): Promise<void> {
  await page.getByTestId('template-menu').click();
  await page.getByTestId(`template-${file}`).click();
  if (expectNode) await node(page, expectNode).waitFor({ state: 'visible' });
}

export const node = (page: Page, id: string): Locator => page.getByTestId(`node-${id}`);
export const nodeStatus = (page: Page, id: string): Locator => page.getByTestId(`node-status-${id}`);
export const nodeError = (page: Page, id: string): Locator => page.getByTestId(`node-error-${id}`);
export const nodeOutputImages = (page: Page, id: string): Locator =>
  page.locator(`[data-testid="node-outputs-${id}"] img`);

export async function statusOf(page: Page, id: string): Promise<string | null> {
  return nodeStatus(page, id).getAttribute('data-status');
}

/** Waits until the node's status is one of `statuses` (the `data-status` attribute). */
export async function waitForStatus(
  page: Page,
  id: string,
  statuses: NodeStatus | NodeStatus[],
  timeoutMs = 20_000,
): Promise<string> {
  const wanted: string[] = Array.isArray(statuses) ? statuses : [statuses];
  try {
    await page.waitForFunction(
      ({ testId, wanted }) =>
        wanted.includes(
          document.querySelector(`[data-testid="${testId}"]`)?.getAttribute('data-status') ?? '',
        ),
      { testId: `node-status-${id}`, wanted },
      { timeout: timeoutMs, polling: 50 },
    );
  } catch {
    const now = await statusOf(page, id).catch(() => null);
    const text = await nodeStatus(page, id)
      .textContent()
      .catch(() => null);
    throw new Error(
      `node "${id}" did not reach ${wanted.join('|')} in ${timeoutMs} ms; it is ${now} ("${text}")`,
    );
  }
  return (await statusOf(page, id)) ?? '';
}

/** Presses the toolbar Run button and waits for the run to start (the Cancel button shows). */
export async function clickRun(page: Page): Promise<void> {
  await page.getByTestId('run-button').click();
}

/** Waits until no run is going (the Run button is back). */
export async function waitForRunEnd(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.getByTestId('run-button').waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Runs the whole workflow and waits for the end of the run. */
export async function runAndWait(page: Page, timeoutMs = 30_000): Promise<void> {
  await clickRun(page);
  await page
    .getByTestId('cancel-button')
    .waitFor({ state: 'visible', timeout: 5_000 })
    .catch(() => undefined); // a fully cached run may finish before we look
  await waitForRunEnd(page, timeoutMs);
}

/** Ids of the nodes on the canvas, sorted. */
export async function canvasNodeIds(page: Page): Promise<string[]> {
  const ids = await page
    .locator('.react-flow__node')
    .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-id') ?? ''));
  return ids.sort();
}

export async function canvasEdgeCount(page: Page): Promise<number> {
  return page.locator('.react-flow__edge').count();
}

/** A port's handle: `side` 'out' for outputs (sources), 'in' for inputs (targets). */
export function handle(page: Page, nodeId: string, side: 'in' | 'out', port: string): Locator {
  const kind = side === 'in' ? 'target' : 'source';
  return page.locator(`.react-flow__handle.${kind}[data-nodeid="${nodeId}"][data-handleid="${port}"]`);
}

async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  await locator.scrollIntoViewIfNeeded().catch(() => undefined);
  // A node just added settles once measured (placement by its centre, a view fetched on demand):
  // aim at where the handle rests, not where it was one frame before, as a person would.
  let box = await locator.boundingBox();
  for (let tries = 0; tries < 20; tries++) {
    await locator.page().waitForTimeout(50);
    const next = await locator.boundingBox();
    const settled = box && next && Math.abs(box.x - next.x) < 0.5 && Math.abs(box.y - next.y) < 0.5;
    box = next;
    if (settled) break;
  }
  if (!box) throw new Error('element has no box (not visible?)');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags with the real mouse, in small steps, from a handle to another handle or to a point. */
export async function dragLink(
  page: Page,
  from: Locator,
  to: Locator | { x: number; y: number },
): Promise<void> {
  const start = await centreOf(from);
  const end = 'x' in to ? to : await centreOf(to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 10, start.y + 5, { steps: 3 });
  await page.mouse.move(end.x, end.y, { steps: 15 });
  await page.mouse.up();
}

/** A point on the empty canvas pane (no node under it), relative to the pane's top left corner. */
export async function panePoint(page: Page, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) throw new Error('no canvas pane');
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

/** Clicks "Fit" so every node is in view (handles must be on screen to drag them). */
export async function fitView(page: Page): Promise<void> {
  await page.getByTestId('fit-button').click();
  await page.waitForTimeout(300);
}

/** All text in the page (hidden text too), not attribute values or field contents. */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.textContent ?? '');
}

/** Values of every input and textarea (text typed into fields is not in innerText). */
export async function fieldValues(page: Page): Promise<string[]> {
  return page
    .locator('input, textarea')
    .evaluateAll((elements) => elements.map((element) => (element as HTMLInputElement).value));
}

/** Renames a node the way a user does: double-click its title, type, Enter. */
export async function renameNode(page: Page, id: string, name: string): Promise<void> {
  await page.getByTestId(`node-title-${id}`).dblclick();
  const input = page.getByTestId(`node-title-input-${id}`);
  await input.fill(name);
  await input.press('Enter');
  await page.getByTestId(`node-title-${id}`).waitFor({ state: 'visible' });
}
