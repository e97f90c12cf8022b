// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/editor/App';
import { editorAssets } from '../../src/editor/images/assets';
import { downloadImage } from '../../src/editor/io/download';
import { closeImportReport } from '../../src/editor/io/import-workflow';
import { updateSettings } from '../../src/editor/settings/settings-store';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { useViewStore } from '../../src/editor/store/view-store';
import { exportImageWithWorkflow } from '../../src/engine/export-image';
import { extractWorkflowText } from '../../src/engine/image/embedded-workflow';
import { makeTestJpeg, makeTestPng } from '../../src/engine/image/test-images';
import { parseWorkflowText } from '../../src/engine/load';
import type { Workflow } from '../../src/engine/workflow';
import { preloadEditorParts, resetStores, sampleWorkflow } from './helpers';
import { blobBytes, captureDownloads } from './io-helpers';

// Views, panels and the run machinery load on demand in the app (first paint); here, up front.
beforeAll(() => preloadEditorParts());

const doc = () => useDocumentStore.getState().doc;

let downloads: ReturnType<typeof captureDownloads>;
beforeEach(() => {
  localStorage.clear();
  updateSettings({ apiKey: '', embedWorkflowInImages: true });
  closeImportReport();
  downloads = captureDownloads();
});
afterEach(() => downloads.restore());

function madeBy(): Workflow {
  const workflow = sampleWorkflow();
  workflow.name = 'Made the fox';
  (workflow.nodes[0] as Workflow['nodes'][number]).params = { text: 'a fox in the snow' };
  return workflow;
}

const dropOnCanvas = (file: File) =>
  fireEvent.drop(screen.getByTestId('canvas'), { dataTransfer: { files: [file], types: ['Files'] } });

async function embeddedWorkflow(blob: Blob): Promise<Workflow | null> {
  const extracted = extractWorkflowText(await blobBytes(blob));
  if (!extracted.ok || extracted.value === null) return null;
  const parsed = parseWorkflowText(extracted.value);
  return parsed.ok ? parsed.value.workflow : null;
}

describe('images carry their workflow', () => {
  it('a PNG with an embedded workflow dropped on the canvas restores it (not in undo history)', async () => {
    const made = madeBy();
    const png = exportImageWithWorkflow({ ...editorAssets.put(makeTestPng(), 'image/png') }, made);
    if (!png.ok) throw new Error(png.error.message);
    resetStores();
    act(() => commands.renameWorkflow('Current'));
    render(<App />);
    dropOnCanvas(new File([png.value as BlobPart], 'fox.png', { type: 'image/png' }));
    await waitFor(() => expect(doc().name).toBe('Made the fox'));
    expect(doc()).toEqual(made);
    expect(useDocumentStore.getState().past).toEqual([]);
  });

  it('a JPEG with an embedded workflow restores it too', async () => {
    const made = madeBy();
    const jpeg = exportImageWithWorkflow(editorAssets.put(makeTestJpeg(), 'image/jpeg'), made);
    if (!jpeg.ok) throw new Error(jpeg.error.message);
    resetStores();
    render(<App />);
    dropOnCanvas(new File([jpeg.value as BlobPart], 'fox.jpg'));
    await waitFor(() => expect(doc()).toEqual(made));
  });

  it('an image without a workflow becomes a new reference set where it was dropped, as one undo step', async () => {
    resetStores();
    const before = doc();
    render(<App />);
    const png = makeTestPng({ rgba: [9, 8, 7, 255] });
    dropOnCanvas(new File([png as BlobPart], 'product.png'));
    await waitFor(() => expect(doc().nodes).toHaveLength(before.nodes.length + 1));
    const added = doc().nodes.at(-1);
    expect(added?.type).toBe('referenceSet');
    const images = added?.params.images as Array<{ name: string; hash: string }>;
    expect(images.map((image) => image.name)).toEqual(['product.png']);
    expect(editorAssets.getSync(images[0]?.hash ?? '')?.bytes).toEqual(png);
    expect(screen.queryByTestId('import-error')).toBeNull();
    act(() => commands.undo());
    expect(doc()).toEqual(before);
  });

  it('a dropped file that is neither a workflow nor an image is refused and changes nothing', async () => {
    resetStores();
    const before = doc();
    render(<App />);
    dropOnCanvas(new File(['<svg xmlns="http://www.w3.org/2000/svg"></svg>'], 'logo.svg'));
    expect((await screen.findByTestId('import-error')).textContent).toMatch(/JSON/);
    expect(doc()).toBe(before);
  });

  it('the viewer download embeds the workflow; the setting switches it off', async () => {
    resetStores(madeBy());
    const output = editorAssets.put(makeTestPng({ rgba: [1, 2, 3, 255] }), 'image/png');
    render(<App />);
    act(() => useViewStore.setState({ viewer: { nodeId: 'g', hash: output.hash } }));
    fireEvent.click(screen.getByTestId('viewer-download'));
    // The workflow writer loads on the first download: the file follows the click a moment later.
    await waitFor(() => expect(downloads.files).toHaveLength(1));
    expect(downloads.files[0]?.name).toMatch(/\.png$/);
    expect(await embeddedWorkflow(downloads.files[0]?.blob as Blob)).toEqual(doc());

    act(() => updateSettings({ embedWorkflowInImages: false }));
    fireEvent.click(screen.getByTestId('viewer-download'));
    await waitFor(() => expect(downloads.files).toHaveLength(2));
    const plain = await blobBytes(downloads.files[1]?.blob as Blob);
    expect(plain).toEqual(output.bytes);
  });

  it("an export node's own switch also counts", async () => {
    resetStores(madeBy());
    const output = editorAssets.put(makeTestPng({ rgba: [9, 9, 9, 255] }), 'image/png');
    await expect(downloadImage(output.hash, 'a.png', false)).resolves.toBeNull();
    await expect(downloadImage(output.hash, 'b.png', true)).resolves.toBeNull();
    expect(await embeddedWorkflow(downloads.files[0]?.blob as Blob)).toBeNull();
    expect(await embeddedWorkflow(downloads.files[1]?.blob as Blob)).toEqual(doc());
  });
});
