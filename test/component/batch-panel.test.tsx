// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { unzipSync } from 'fflate';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/editor/App';
import { clearBatch } from '../../src/editor/panels/batch/batch-store';
import { setRunProviderOverride } from '../../src/editor/panels/run-form/run-with-inputs';
import { updateSettings } from '../../src/editor/settings/settings-store';
import { useDocumentStore } from '../../src/editor/store/document-store';
import { extractWorkflowText } from '../../src/engine/image/embedded-workflow';
import { sha256Hex } from '../../src/engine/image/hash';
import { makeTestPng } from '../../src/engine/image/test-images';
import type { Workflow } from '../../src/engine/workflow';
import { type ScriptedProvider, scriptedProvider } from '../helpers/scripted-provider';
import { preloadEditorParts, resetStores } from './helpers';
import { blobBytes, captureDownloads, formWorkflow } from './io-helpers';

let provider: ScriptedProvider;
let downloads: ReturnType<typeof captureDownloads>;
beforeAll(() => preloadEditorParts());
beforeEach(() => {
  localStorage.clear();
  updateSettings({ provider: 'gemini', apiKey: '', concurrency: 4 });
  clearBatch();
  downloads = captureDownloads();
});
afterEach(() => {
  setRunProviderOverride(null);
  downloads.restore();
});

function openBatch(workflow: Workflow, options: { delayMs?: number } = {}) {
  provider = scriptedProvider(options);
  setRunProviderOverride(provider);
  resetStores(workflow);
  render(<App />);
  fireEvent.click(screen.getByTestId('batch-button'));
}

const loadCsv = (text: string) =>
  fireEvent.change(screen.getByTestId('batch-csv-input'), {
    target: { files: [new File([text], 'rows.csv', { type: 'text/csv' })] },
  });

const pickImages = (files: File[]) =>
  fireEvent.change(screen.getByTestId('batch-files-input'), { target: { files } });

const png = (name: string, shade: number) =>
  new File([makeTestPng({ rgba: [shade, 0, 0, 255] }) as BlobPart], name, { type: 'image/png' });

const status = (row: number) => screen.getByTestId(`batch-row-${row}`).getAttribute('data-status');

describe('batch panel', () => {
  it('previews the CSV as text and estimates (row-independent nodes once)', async () => {
    const workflow = formWorkflow('unused');
    // A second branch that no column touches: it runs once for the whole batch.
    workflow.nodes.push(
      { id: 'p2', type: 'prompt', position: { x: 0, y: 600 }, params: { text: 'a shared backdrop' } },
      {
        id: 'g2',
        type: 'generate',
        position: { x: 400, y: 600 },
        params: { model: 'gemini-3.1-flash-image' },
      },
    );
    workflow.edges.push({ id: 'e4', source: 'p2', sourcePort: 'text', target: 'g2', targetPort: 'prompt' });
    openBatch(workflow);
    loadCsv('subject,style\n"<b>a fox</b>, at dawn",red.png\na heron,"red.png, dark.png"\na moth,\n');
    pickImages([png('red.png', 250), png('dark.png', 40)]);
    const preview = await screen.findByTestId('batch-preview');
    const rows = within(preview).getAllByRole('row');
    expect(rows).toHaveLength(4);
    // Cells are text: markup in a CSV is shown, never rendered.
    expect(rows[1]?.textContent).toContain('<b>a fox</b>, at dawn');
    expect(preview.querySelector('b')).toBeNull();
    await waitFor(() =>
      expect(screen.getByTestId('batch-estimate').textContent).toMatch(/3 rows · estimate 4 calls/),
    );
    expect((screen.getByTestId('batch-run') as HTMLButtonElement).disabled).toBe(false);
  });

  it('a paste from a spreadsheet (tab-separated) and a semicolon file give the right columns', async () => {
    openBatch(formWorkflow('unused'));
    fireEvent.change(screen.getByTestId('batch-csv-text'), {
      target: { value: 'subject\tstyle\na fox, at dawn\t\na heron\t\n' },
    });
    fireEvent.click(screen.getByTestId('batch-csv-paste'));
    const preview = await screen.findByTestId('batch-preview');
    const pastedRows = within(preview).getAllByRole('row');
    expect(pastedRows).toHaveLength(3);
    expect(
      within(pastedRows[0] as HTMLElement)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['#', 'subject', 'style']);
    expect(pastedRows[1]?.textContent).toContain('a fox, at dawn');
    expect(screen.queryByTestId('batch-problem')).toBeNull();

    loadCsv('subject;style\na moth, grey;\n');
    await waitFor(() =>
      expect(within(screen.getByTestId('batch-preview')).getAllByRole('row')).toHaveLength(2),
    );
    expect(within(screen.getByTestId('batch-preview')).getAllByRole('row')[1]?.textContent).toContain(
      'a moth, grey',
    );
    expect(screen.queryByTestId('batch-problem')).toBeNull();
  });

  it('refuses unknown columns with the names that exist, and missing image files per row', async () => {
    openBatch(formWorkflow('unused'));
    loadCsv('subject,colour\na fox,red\n');
    expect((await screen.findByTestId('batch-problem')).textContent).toBe(
      'column "colour" matches no exposed input; this workflow exposes: subject, style',
    );
    expect((screen.getByTestId('batch-run') as HTMLButtonElement).disabled).toBe(true);

    loadCsv('subject,style\na fox,nowhere.png\n');
    expect((await screen.findByTestId('batch-row-problem')).textContent).toContain(
      '"nowhere.png" (column style) is not among the picked image files',
    );
    expect((screen.getByTestId('batch-run') as HTMLButtonElement).disabled).toBe(true);
  });

  it('runs every row into the results grid, each row with its own inputs, then zips them', async () => {
    const workflow = formWorkflow('unused');
    const exportNode = workflow.nodes.find((node) => node.id === 'x');
    if (exportNode) exportNode.params.filename = 'scene-{row}-{n}';
    openBatch(workflow);
    loadCsv('subject,style\ngrid fox,red.png\ngrid heron,dark.png\ngrid moth,\n');
    pickImages([png('red.png', 251), png('dark.png', 41)]);
    await waitFor(() => expect(screen.getByTestId('batch-estimate').textContent).toContain('3 calls'));
    fireEvent.click(screen.getByTestId('batch-run'));
    await waitFor(() => expect([1, 2, 3].map(status)).toEqual(['ok', 'ok', 'ok']), { timeout: 5000 });
    const grid = screen.getByTestId('batch-grid');
    expect(within(grid).getAllByTestId(/^batch-row-images-\d-image$/)).toHaveLength(3);
    expect(screen.getByTestId('batch-totals').textContent).toMatch(/3 of 3 rows done · 3 calls, 0 cached/);
    expect(provider.requests.map((request) => request.prompt).sort()).toEqual([
      'grid fox',
      'grid heron',
      'grid moth',
    ]);
    const fox = provider.requests.find((request) => request.prompt === 'grid fox');
    expect(fox?.references.map((image) => image.hash)).toEqual([
      sha256Hex(makeTestPng({ rgba: [251, 0, 0, 255] })),
    ]);
    // The document was never modified.
    expect(useDocumentStore.getState().past).toEqual([]);

    // After the run every row is cached: the panel now says so, but run.json keeps what was shown before.
    await waitFor(() => expect(screen.getByTestId('batch-estimate').textContent).toContain('0 calls'));
    fireEvent.click(screen.getByTestId('batch-zip'));
    const zip = unzipSync(await blobBytes(downloads.files.at(-1)?.blob as Blob));
    // The export node's template names the files, as `peel run --batch` does.
    expect(Object.keys(zip).sort()).toEqual(['run.json', 'scene-1-1.png', 'scene-2-1.png', 'scene-3-1.png']);
    const runJson = JSON.parse(new TextDecoder().decode(zip['run.json']));
    expect(runJson).toMatchObject({
      status: 'ok',
      estimate: { calls: 3, cachedNodes: 0 },
      totals: { calls: 3 },
      rows: [{ row: 1, status: 'ok' }, {}, {}],
    });
    const filesOf = (row: number) =>
      runJson.rows[row].nodes.find((node: { id: string }) => node.id === 'x')?.files as string[];
    expect([filesOf(0), filesOf(1), filesOf(2)]).toEqual([
      ['scene-1-1.png'],
      ['scene-2-1.png'],
      ['scene-3-1.png'],
    ]);
    const embedded = extractWorkflowText(zip['scene-2-1.png'] as Uint8Array);
    expect(embedded.ok && embedded.value).toContain('grid heron');
  });

  it('cancel, then run again: finished rows come from the cache (no calls)', async () => {
    updateSettings({ concurrency: 1 });
    openBatch(formWorkflow('unused'), { delayMs: 150 });
    loadCsv('subject\nresume one\nresume two\nresume three\n');
    await waitFor(() => expect(screen.getByTestId('batch-estimate').textContent).toContain('3 calls'));
    fireEvent.click(screen.getByTestId('batch-run'));
    await waitFor(() => expect(status(1)).toBe('ok'), { timeout: 5000 });
    fireEvent.click(screen.getByTestId('batch-cancel'));
    await waitFor(() => expect(screen.getByTestId('batch-run')).toBeTruthy());
    expect([2, 3].map(status)).toEqual(['cancelled', 'cancelled']);
    // The estimate now counts row 1 as cached.
    await waitFor(() =>
      expect(screen.getByTestId('batch-estimate').textContent).toContain('2 calls, 1 cached'),
    );

    const before = provider.requests.length;
    fireEvent.click(screen.getByTestId('batch-run'));
    await waitFor(() => expect([1, 2, 3].map(status)).toEqual(['ok', 'ok', 'ok']), { timeout: 5000 });
    const resumed = provider.requests.slice(before).map((request) => request.prompt);
    expect(resumed).not.toContain('resume one');
    expect(resumed.sort()).toEqual(['resume three', 'resume two']);
    expect(screen.getByTestId('batch-row-status-1').textContent).toContain('(cached)');

    // Everything finished: another run makes no call at all.
    const total = provider.requests.length;
    act(() => fireEvent.click(screen.getByTestId('batch-run')));
    await waitFor(() =>
      expect(screen.getByTestId('batch-totals').textContent).toContain('0 calls, 3 cached'),
    );
    expect(provider.requests).toHaveLength(total);
  });
});
