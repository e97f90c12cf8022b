// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { editorAssets } from '../../src/editor/images/assets';
import { Viewer } from '../../src/editor/panels/Viewer';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { nodeById } from '../../src/editor/store/node-index';
import { type NodeRunState, useRunStore } from '../../src/editor/store/run-store';
import { makeTestPng } from '../../src/engine/image/test-images';
import { flushDiagnostics, renderCanvas, resetStores, sampleWorkflow } from './helpers';

const params = (id: string) => nodeById(useDocumentStore.getState().doc, id)?.params ?? {};
const setRun = (id: string, state: Partial<NodeRunState>) =>
  act(() => {
    useRunStore.setState((run) => ({
      nodes: { ...run.nodes, [id]: { status: 'idle', previous: [], ...state } },
    }));
  });

beforeEach(() => resetStores());

describe('Prompt node', () => {
  it('shows its text and turns typing into one undoable command', () => {
    renderCanvas();
    const area = screen.getByTestId('prompt-text-p') as HTMLTextAreaElement;
    expect(area.value).toBe('a red fox');
    fireEvent.change(area, { target: { value: 'a red fox in snow' } });
    expect(params('p').text).toBe('a red fox in snow');
    expect(useDocumentStore.getState().past).toHaveLength(1);
    act(() => commands.undo());
    expect((screen.getByTestId('prompt-text-p') as HTMLTextAreaElement).value).toBe('a red fox');
  });

  it('shows validation errors before any run', async () => {
    const doc = sampleWorkflow();
    (doc.nodes[0] as { params: Record<string, unknown> }).params = { text: '   ' };
    resetStores(doc);
    renderCanvas();
    await flushDiagnostics();
    expect(screen.getByTestId('node-error-p').textContent).toContain('the prompt is empty');
  });

  it('renders user text as text, never as markup', () => {
    const doc = sampleWorkflow();
    (doc.nodes[0] as { label?: string }).label = '<img src=x onerror=alert(1)>';
    resetStores(doc);
    const { container } = renderCanvas();
    expect(screen.getByTestId('node-title-p').textContent).toBe('<img src=x onerror=alert(1)>');
    expect(container.querySelector('img[src="x"]')).toBeNull();
  });
});

describe('status badge', () => {
  it('shows running with elapsed time, waiting with the retry countdown, and failures', () => {
    renderCanvas();
    expect(screen.getByTestId('node-status-g').textContent).toBe('ready');
    setRun('g', { status: 'running', startedAt: Date.now() - 4200 });
    expect(screen.getByTestId('node-status-g').textContent).toBe('running 4 s');
    setRun('g', {
      status: 'waiting',
      reason: 'rate_limited',
      resumeAt: Date.now() + 2500,
      message: 'rate limited',
    });
    expect(screen.getByTestId('node-status-g').textContent).toBe('waiting: rate limited, retrying in 3 s');
    setRun('g', { status: 'failed', message: 'the prompt was blocked by safety filters' });
    expect(screen.getByTestId('node-status-g').getAttribute('data-status')).toBe('failed');
    expect(screen.getByTestId('node-error-g').textContent).toContain('blocked by safety filters');
  });

  it('shows the cost of a model node after it ran', () => {
    renderCanvas();
    setRun('g', { status: 'done', durationMs: 1500, costUsd: 0.039 });
    expect(screen.getByTestId('node-status-g').textContent).toBe('done in 1.5 s');
    expect(screen.getByTestId('node-cost-g').textContent).toBe('$0.04');
    expect(screen.queryByTestId('node-cost-p')).toBeNull();
  });
});

describe('Generate node', () => {
  it('offers the aspect ratios and sizes of its model and edits them as commands', () => {
    renderCanvas();
    const sizes = within(screen.getByTestId('size-select-g'))
      .getAllByRole('option', { hidden: true })
      .map((o) => o.textContent);
    expect(sizes).toEqual(['default', '512', '1K', '2K', '4K']);
    fireEvent.change(screen.getByTestId('model-select-g'), {
      target: { value: 'gemini-3.1-flash-lite-image' },
    });
    expect(params('g').model).toBe('gemini-3.1-flash-lite-image');
    const newSizes = within(screen.getByTestId('size-select-g'))
      .getAllByRole('option', { hidden: true })
      .map((o) => o.textContent);
    expect(newSizes).toEqual(['default', '1K']);
    const ratios = within(screen.getByTestId('aspect-select-g'))
      .getAllByRole('option', { hidden: true })
      .map((o) => o.textContent);
    expect(ratios).toContain('8:1');
    fireEvent.change(screen.getByTestId('aspect-select-g'), { target: { value: '16:9' } });
    expect(params('g').aspectRatio).toBe('16:9');
    fireEvent.change(screen.getByTestId('aspect-select-g'), { target: { value: '' } });
    expect('aspectRatio' in params('g')).toBe(false);
    fireEvent.change(screen.getByTestId('variations-g'), { target: { value: '3' } });
    expect(params('g').variations).toBe(3);
  });

  it('keeps an unknown model id and warns', () => {
    const doc = sampleWorkflow();
    (doc.nodes[2] as { params: Record<string, unknown> }).params = { model: 'gemini-9-image' };
    resetStores(doc);
    renderCanvas();
    expect((screen.getByTestId('model-select-g') as HTMLSelectElement).value).toBe('gemini-9-image');
    expect(screen.getByTestId('model-warning-g').textContent).toContain('Unknown model');
  });

  it('shows outputs from object URLs and opens them in the viewer with earlier outputs', async () => {
    const first = editorAssets.put(makeTestPng({ rgba: [1, 2, 3, 255] }), 'image/png');
    const second = editorAssets.put(makeTestPng({ rgba: [9, 9, 9, 255] }), 'image/png');
    renderCanvas(<Viewer />);
    setRun('g', { status: 'done', outputs: { images: [second.hash] }, previous: [{ images: [first.hash] }] });
    const thumb = within(screen.getByTestId('output-g-0')).getByRole('img', {
      hidden: true,
    }) as HTMLImageElement;
    await waitFor(() => expect(thumb.getAttribute('src')).toMatch(/^blob:/));
    await userEvent.click(screen.getByTestId('output-g-0'));
    const viewer = screen.getByTestId('viewer');
    expect(within(viewer).getAllByRole('img', { hidden: true }).length).toBe(3);
    for (const img of within(viewer).getAllByRole('img', { hidden: true }))
      expect(img.getAttribute('src')).toMatch(/^blob:/);
  });
});

describe('Edit node', () => {
  it('edits its instruction and notes when a prompt is wired in instead', () => {
    renderCanvas();
    const area = screen.getByTestId('instruction-e') as HTMLTextAreaElement;
    expect(area.value).toBe('make it blue');
    fireEvent.change(area, { target: { value: 'make it green' } });
    expect(params('e').instruction).toBe('make it green');
    fireEvent.click(screen.getByTestId('continue-e'));
    expect(params('e').continueConversation).toBe(false);
    act(() => commands.connect({ source: 'p', sourcePort: 'text', target: 'e', targetPort: 'instruction' }));
    expect((screen.getByTestId('instruction-e') as HTMLTextAreaElement).disabled).toBe(true);
  });
});

describe('Export node', () => {
  it('edits the file name template and the embed switch', () => {
    renderCanvas();
    fireEvent.change(screen.getByTestId('filename-x'), { target: { value: 'fox-{n}' } });
    expect(params('x').filename).toBe('fox-{n}');
    fireEvent.click(screen.getByTestId('embed-x'));
    expect(params('x').embedWorkflow).toBe(false);
  });
});

describe('Reference set node', () => {
  const file = (bytes: Uint8Array, name: string, type: string) =>
    new File([bytes as BlobPart], name, { type });
  /** What the file picker does when the user chooses files. */
  const pick = (chosen: File) =>
    fireEvent.change(screen.getByTestId('ref-file-refs'), { target: { files: [chosen] } });

  it('accepts a real image and shows it from an object URL', async () => {
    renderCanvas();
    pick(file(makeTestPng(), 'fox.png', 'image/png'));
    await waitFor(() => expect(screen.getByTestId('ref-thumb-refs-0').getAttribute('src')).toMatch(/^blob:/));
    const images = params('refs').images as { name: string; mimeType: string; hash: string }[];
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ name: 'fox.png', mimeType: 'image/png' });
    expect(images[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    [
      'an SVG',
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'evil.png',
    ],
    ['an HTML page', new TextEncoder().encode('<!doctype html><html><body>hi</body></html>'), 'page.jpg'],
    ['an empty file', new Uint8Array(0), 'empty.png'],
  ])('refuses %s with a message on the node', async (_kind, bytes, name) => {
    renderCanvas();
    // The declared type lies; the bytes decide.
    pick(file(bytes, name, 'image/png'));
    await waitFor(() =>
      expect(screen.getByTestId('ref-message-refs').textContent).toContain(`"${name}" was refused`),
    );
    expect(params('refs').images).toEqual([]);
    expect(useDocumentStore.getState().past).toHaveLength(0);
  });

  it('takes images dropped on it', async () => {
    renderCanvas();
    const dropped = file(makeTestPng({ rgba: [0, 255, 0, 255] }), 'green.png', 'image/png');
    fireEvent.drop(screen.getByTestId('ref-drop-refs'), {
      dataTransfer: { files: [dropped], types: ['Files'] },
    });
    await waitFor(() => expect((params('refs').images as unknown[]).length).toBe(1));
  });
});
