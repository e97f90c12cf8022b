// @vitest-environment jsdom
import './setup-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { editorAssets } from '../../src/editor/images/assets';
import { downloadImage } from '../../src/editor/io/download';
import { importWorkflowFromBytes, useImportStore } from '../../src/editor/io/import-workflow';
import { useDocumentStore } from '../../src/editor/store/document-store';
import { exportWorkflowJson } from '../../src/engine/export';
import { makeTestPng } from '../../src/engine/image/test-images';
import { resetStores, sampleWorkflow } from './helpers';
import { captureDownloads } from './io-helpers';

/**
 * The PNG/JPEG workflow reader and writer are not part of first paint: they load on the first
 * image import or download. When that load fails (offline after the page opened, a new release
 * replaced the chunk), the user is told what to do and nothing changes; JSON still imports.
 */
vi.mock('../../src/engine/import', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});
vi.mock('../../src/editor/io/image-download-bytes', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

beforeEach(() => resetStores(sampleWorkflow()));

describe('when the image reader and writer cannot load', () => {
  it('an image import says so and keeps the open workflow', async () => {
    const before = useDocumentStore.getState().doc;
    const outcome = await importWorkflowFromBytes(makeTestPng(), '"made.png"');
    expect(outcome.ok ? [] : outcome.errors.map((error) => error.message)).toEqual([
      'Peel could not load the part that reads workflows from images (is the network down?); reload the page and import the image again',
    ]);
    expect(useImportStore.getState().report?.ok).toBe(false);
    expect(useDocumentStore.getState().doc).toBe(before);
  });

  it('a JSON file still imports (its path needs no image reader)', async () => {
    const other = { ...sampleWorkflow(), name: 'From JSON' };
    const outcome = await importWorkflowFromBytes(
      new TextEncoder().encode(exportWorkflowJson(other)),
      '"a.json"',
    );
    expect(outcome.ok).toBe(true);
    expect(useDocumentStore.getState().doc.name).toBe('From JSON');
  });

  it('a download says so and saves nothing', async () => {
    const downloads = captureDownloads();
    const image = editorAssets.put(makeTestPng(), 'image/png');
    await expect(downloadImage(image.hash, 'a.png', true)).resolves.toBe(
      'Peel could not load the part that writes images (is the network down?); reload the page and download again',
    );
    expect(downloads.files).toHaveLength(0);
    downloads.restore();
  });
});
