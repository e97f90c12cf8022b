// @vitest-environment jsdom
/**
 * The Batch panel's results with 20,000 rows: the table and the contact sheet render only the
 * lines in view (the DOM stays small), scrolling brings later rows in, filters and search narrow
 * both, the sheet opens by itself when a run finishes, a thumbnail opens the full image, and input
 * text is shown as text. (Speed is measured in `npm run bench`, not here.)
 */
import './setup-dom';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { editorAssets } from '../../src/editor/images/assets';
import { BatchGrid } from '../../src/editor/panels/batch/BatchGrid';
import { clearBatch, type RowResult, useBatchStore } from '../../src/editor/panels/batch/batch-store';
import { useViewStore } from '../../src/editor/store/view-store';
import { makeTestPng } from '../../src/engine/image/test-images';

const ROWS = 20_000;
const VIEW_HEIGHT = 480;
const SCROLLERS = ['batch-grid-scroll', 'sheet-scroll'];
const isScroller = (element: Element) => SCROLLERS.some((name) => element.classList.contains(name));

// jsdom has no layout: the scroll containers report the size a browser would give them.
const saved = {
  height: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
  width: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth'),
};
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return isScroller(this) ? VIEW_HEIGHT : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return isScroller(this) ? 400 : 0;
    },
  });
});
afterAll(() => {
  if (saved.height) Object.defineProperty(HTMLElement.prototype, 'clientHeight', saved.height);
  if (saved.width) Object.defineProperty(HTMLElement.prototype, 'clientWidth', saved.width);
});

const image = editorAssets.put(makeTestPng({ width: 2, height: 2 }), 'image/png');
const failedRow = (index: number) => index % 10 === 9;

function loadResults(options: { running?: boolean } = {}) {
  const results: RowResult[] = Array.from({ length: ROWS }, (_, index) =>
    failedRow(index)
      ? {
          status: 'failed',
          images: [],
          totals: { calls: 1, cachedNodes: 0, costUsd: 0 },
          error: `blocked ${index + 1}`,
        }
      : { status: 'ok', images: [image.hash], totals: { calls: 1, cachedNodes: 0, costUsd: 0.039 } },
  );
  const rows = Array.from({ length: ROWS }, (_, index) => [
    index === 2 ? '<script>alert(1)</script>' : `a kite number ${index + 1}`,
  ]);
  useBatchStore.setState({
    table: { columns: ['prompt'], rows },
    results,
    running: options.running ?? false,
    run: { startedAt: new Date().toISOString(), provider: 'gemini', estimate: null },
  });
}

async function scrollTo(element: HTMLElement, top: number) {
  Object.defineProperty(element, 'scrollTop', { configurable: true, value: top, writable: true });
  await act(async () => {
    element.dispatchEvent(new Event('scroll'));
    await new Promise((done) => setTimeout(done, 50));
  });
}

const tableRows = () => document.querySelectorAll('tr[data-testid^="batch-row-"]');
const cards = () => document.querySelectorAll('[data-testid^="sheet-card-"]');

beforeEach(() => {
  clearBatch();
  useViewStore.setState({ viewer: null });
});

describe('Batch results with 20,000 rows', () => {
  it('the table renders only the lines in view, and scrolling shows later rows', async () => {
    loadResults();
    render(<BatchGrid />);
    expect(screen.getByTestId('batch-totals').textContent).toContain(`of ${ROWS} rows done`);
    const first = tableRows().length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(40);
    expect(screen.getByTestId('batch-row-1')).toBeTruthy();
    expect(screen.queryByTestId(`batch-row-${ROWS}`)).toBeNull();
    // The whole DOM stays small: far fewer elements than rows.
    expect(document.querySelectorAll('*').length).toBeLessThan(2000);

    await scrollTo(screen.getByTestId('batch-grid-scroll'), 80 * 15_000);
    expect(screen.getByTestId('batch-row-15001')).toBeTruthy();
    expect(screen.queryByTestId('batch-row-1')).toBeNull();
    expect(tableRows().length).toBeLessThan(40);

    await scrollTo(screen.getByTestId('batch-grid-scroll'), 80 * ROWS);
    expect(screen.getByTestId(`batch-row-${ROWS}`).getAttribute('data-status')).toBe('failed');
    expect(screen.getByTestId(`batch-row-status-${ROWS}`).textContent).toContain(`blocked ${ROWS}`);
  });

  it('the failed filter and the search narrow the table', async () => {
    loadResults();
    render(<BatchGrid />);
    fireEvent.change(screen.getByTestId('batch-status-filter'), { target: { value: 'failed' } });
    const statuses = [...tableRows()].map((row) => row.getAttribute('data-status'));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['failed']));
    expect(screen.getByTestId('batch-row-10')).toBeTruthy();
    fireEvent.change(screen.getByTestId('batch-status-filter'), { target: { value: 'all' } });
    fireEvent.change(screen.getByTestId('batch-search'), { target: { value: 'kite number 12345' } });
    expect([...tableRows()].map((row) => row.getAttribute('data-testid'))).toEqual(['batch-row-12345']);
  });

  it('opens the contact sheet when a run finishes: cards in view only, failures with reasons, filters, click for the full image', async () => {
    loadResults({ running: true });
    render(<BatchGrid />);
    expect(screen.queryByTestId('contact-sheet')).toBeNull();
    act(() => useBatchStore.setState({ running: false }));
    const sheet = await screen.findByTestId('contact-sheet');
    expect(sheet.getAttribute('role')).toBe('dialog');
    expect(screen.getByTestId('contact-sheet-counts').textContent).toBe('18000 images · 2000 failed rows');
    expect(cards().length).toBeGreaterThan(0);
    expect(cards().length).toBeLessThan(80);
    // Hostile input text is shown as text.
    expect(sheet.querySelector('script')).toBeNull();
    expect(screen.getByTestId('sheet-card-3-1').textContent).toContain('<script>alert(1)</script>');

    // The failed rows, at the end, come into view when scrolled to.
    await scrollTo(screen.getByTestId('sheet-scroll'), 10_000_000);
    expect(screen.getByTestId(`sheet-failure-${ROWS}`).textContent).toContain(`blocked ${ROWS}`);
    expect(cards().length).toBeLessThan(80);

    fireEvent.click(screen.getByTestId('sheet-filter-failed'));
    await scrollTo(screen.getByTestId('sheet-scroll'), 0);
    expect(screen.getByTestId('contact-sheet-counts').textContent).toBe('0 images · 2000 failed rows');
    expect(screen.getByTestId('sheet-failure-10')).toBeTruthy();

    fireEvent.click(screen.getByTestId('sheet-filter-ok'));
    expect(screen.getByTestId('contact-sheet-counts').textContent).toBe('18000 images · 0 failed rows');
    const firstCard = screen.getByTestId('sheet-card-1-1');
    fireEvent.click(firstCard.querySelector('button') as HTMLButtonElement);
    expect(useViewStore.getState().viewer).toEqual({ nodeId: 'row 1', hash: image.hash });

    fireEvent.keyDown(sheet, { key: 'Escape' });
    // The viewer is open: Escape belongs to it first.
    expect(screen.queryByTestId('contact-sheet')).toBeTruthy();
    act(() => useViewStore.setState({ viewer: null }));
    fireEvent.keyDown(screen.getByTestId('contact-sheet'), { key: 'Escape' });
    expect(screen.queryByTestId('contact-sheet')).toBeNull();
    fireEvent.click(screen.getByTestId('batch-contact-sheet'));
    expect(screen.getByTestId('contact-sheet')).toBeTruthy();
  });
});
