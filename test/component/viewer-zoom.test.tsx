// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editorAssets } from '../../src/editor/images/assets';
import { Viewer } from '../../src/editor/panels/Viewer';
import { FITTED, zoomAt } from '../../src/editor/panels/viewer-zoom';
import { commands } from '../../src/editor/store/document-store';
import { type NodeRunState, useRunStore } from '../../src/editor/store/run-store';
import { useViewStore } from '../../src/editor/store/view-store';
import { extractWorkflowText } from '../../src/engine/image/embedded-workflow';
import { makeTestPng } from '../../src/engine/image/test-images';
import { resetStores } from './helpers';
import { blobBytes, captureDownloads } from './io-helpers';

const image = (shade: number) =>
  editorAssets.put(makeTestPng({ rgba: [shade, 0, 0, 255] }), 'image/png').hash;
const transformOf = () => (screen.getByTestId('viewer-image') as HTMLImageElement).style.transform;
const level = () => screen.getByTestId('viewer-zoom-reset').textContent;

function setRuns(nodes: Record<string, Partial<NodeRunState>>): void {
  act(() =>
    useRunStore.setState({
      nodes: Object.fromEntries(
        Object.entries(nodes).map(([id, state]) => [id, { status: 'done', previous: [], ...state }]),
      ),
    }),
  );
}

let downloads: ReturnType<typeof captureDownloads>;
beforeEach(() => {
  resetStores();
  downloads = captureDownloads();
});
afterEach(() => downloads.restore());

function openViewer(): { a: string; b: string; c: string } {
  const a = image(10);
  const b = image(20);
  const c = image(30);
  setRuns({ g: { outputs: { images: [a, b] } }, e: { outputs: { images: [c] } } });
  render(<Viewer />);
  act(() => useViewStore.setState({ viewer: { nodeId: 'g', hash: a } }));
  return { a, b, c };
}

describe('zoom around a point', () => {
  it('keeps the image point under the pointer where it was, within the scale limits', () => {
    const zoomed = zoomAt(FITTED, 2, { x: 100, y: -40 });
    expect(zoomed).toEqual({ scale: 2, x: -100, y: 40 });
    // The image point under (100, -40) before: (100 - 0) / 1; after: (100 - -100) / 2 = 100.
    expect((100 - zoomed.x) / zoomed.scale).toBe(100);
    expect(zoomAt(FITTED, 1000).scale).toBe(16);
    expect(zoomAt(FITTED, 0.001).scale).toBe(0.25);
  });
});

describe('the image viewer zooms and pans', () => {
  it('the wheel zooms in and out; the page does not scroll', () => {
    openViewer();
    const stage = screen.getByTestId('viewer-stage');
    expect(level()).toBe('100%');
    const notPrevented = fireEvent.wheel(stage, { deltaY: -120, clientX: 0, clientY: 0 });
    expect(notPrevented).toBe(false);
    expect(level()).toBe('125%');
    fireEvent.wheel(stage, { deltaY: 120 });
    fireEvent.wheel(stage, { deltaY: 120 });
    expect(level()).toBe('80%');
  });

  it('+, - and 0 zoom from the keyboard; arrows move the image; the stage has focus on open', () => {
    openViewer();
    const stage = screen.getByTestId('viewer-stage');
    expect(document.activeElement).toBe(stage);
    fireEvent.keyDown(stage, { key: '+' });
    fireEvent.keyDown(stage, { key: '=' });
    expect(level()).toBe('156%');
    fireEvent.keyDown(stage, { key: '0' });
    expect(level()).toBe('100%');
    fireEvent.keyDown(stage, { key: '-' });
    expect(level()).toBe('80%');
    fireEvent.keyDown(stage, { key: '0' });
    fireEvent.keyDown(stage, { key: 'ArrowLeft' });
    fireEvent.keyDown(stage, { key: 'ArrowUp' });
    expect(transformOf()).toBe('translate(48px, 48px) scale(1)');
    // The toolbar buttons do the same.
    fireEvent.click(screen.getByTestId('viewer-zoom-in'));
    expect(level()).toBe('125%');
    fireEvent.click(screen.getByTestId('viewer-zoom-reset'));
    expect(transformOf()).toBe('translate(0px, 0px) scale(1)');
  });

  it('a drag pans; two pointers spreading apart zoom in (pinch)', () => {
    openViewer();
    const stage = screen.getByTestId('viewer-stage');
    fireEvent.pointerDown(stage, { pointerId: 1, button: 0, clientX: 100, clientY: 100 });
    fireEvent.pointerMove(stage, { pointerId: 1, clientX: 130, clientY: 110 });
    fireEvent.pointerUp(stage, { pointerId: 1, clientX: 130, clientY: 110 });
    expect(transformOf()).toBe('translate(30px, 10px) scale(1)');
    // A move with no button down does nothing.
    fireEvent.pointerMove(stage, { pointerId: 1, clientX: 300, clientY: 300 });
    expect(transformOf()).toBe('translate(30px, 10px) scale(1)');

    fireEvent.pointerDown(stage, { pointerId: 2, button: 0, clientX: 0, clientY: 0 });
    fireEvent.pointerDown(stage, { pointerId: 3, button: 0, clientX: 100, clientY: 0 });
    fireEvent.pointerMove(stage, { pointerId: 3, clientX: 200, clientY: 0 });
    expect(level()).toBe('200%');
  });

  it('a new image starts fitted', () => {
    const { b } = openViewer();
    fireEvent.keyDown(screen.getByTestId('viewer-stage'), { key: '+' });
    expect(level()).toBe('125%');
    act(() => useViewStore.setState({ viewer: { nodeId: 'g', hash: b } }));
    expect(level()).toBe('100%');
  });
});

describe('Download all', () => {
  it('zips every output of the run once, named as the Export node names files', async () => {
    act(() => commands.setLabel('g', 'Hero shot'));
    const { c } = openViewer();
    // The Export node wrote the edit's image under its own template.
    act(() =>
      useRunStore.setState((state) => ({
        nodes: {
          ...state.nodes,
          x: { status: 'done', previous: [], exports: [{ fileName: 'final-1.png', hash: c }] },
        },
      })),
    );
    fireEvent.click(screen.getByTestId('viewer-download-all'));
    const download = downloads.files.at(-1);
    expect(download?.name).toBe('Test-outputs.zip');
    const zip = unzipSync(await blobBytes(download?.blob as Blob));
    // c once, under the Export's name; the generate node's two by its label, {n} counting them.
    expect(Object.keys(zip)).toEqual(['final-1.png', 'Test-Hero-shot-1.png', 'Test-Hero-shot-2.png']);
    // The bytes are the images (with the workflow embedded, as a download is).
    const embedded = extractWorkflowText(zip['Test-Hero-shot-2.png'] as Uint8Array);
    expect(embedded.ok).toBe(true);
  });

  it('says so when the run made no images', () => {
    const hash = image(40);
    render(<Viewer />);
    act(() => useViewStore.setState({ viewer: { nodeId: 'g', hash } }));
    fireEvent.click(screen.getByTestId('viewer-download-all'));
    expect(screen.getByText('this run made no images yet')).toBeTruthy();
    expect(downloads.files).toHaveLength(0);
  });
});
