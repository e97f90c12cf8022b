import { vi } from 'vitest';
import { editorAssets } from '../../src/editor/images/assets';
import { readFileBytes } from '../../src/editor/io/read-file';
import { makeTestPng } from '../../src/engine/image/test-images';
import type { Workflow } from '../../src/engine/workflow';
import { workflowOf } from './helpers';

export interface CapturedDownloads {
  /** Downloaded files in order (blob URLs made for thumbnails are not downloads). */
  files: { name: string; blob: Blob }[];
  restore: () => void;
}

/** Captures what the app hands to the browser for download instead of saving it. */
export function captureDownloads(): CapturedDownloads {
  const byUrl = new Map<string, Blob>();
  const files: { name: string; blob: Blob }[] = [];
  const original = URL.createObjectURL;
  let counter = 0;
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    const url = `blob:peel-test/capture-${++counter}`;
    byUrl.set(url, blob as Blob);
    return url;
  };
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    const blob = byUrl.get(this.href);
    if (blob && this.download) files.push({ name: this.download, blob });
  });
  return {
    files,
    restore: () => {
      URL.createObjectURL = original;
      click.mockRestore();
    },
  };
}

export const blobBytes = (blob: Blob): Promise<Uint8Array> => readFileBytes(blob);
export const blobText = async (blob: Blob): Promise<string> =>
  new TextDecoder().decode(await blobBytes(blob));

/** prompt "subject" + reference set "style" -> generate -> export. */
export function formWorkflow(prompt: string): Workflow {
  const style = editorAssets.put(makeTestPng({ rgba: [200, 100, 0, 255] }), 'image/png');
  return workflowOf(
    [
      { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: prompt }, exposeAs: 'subject' },
      {
        id: 'r',
        type: 'referenceSet',
        position: { x: 0, y: 300 },
        params: { images: [{ name: 'orange.png', mimeType: 'image/png', hash: style.hash }] },
        exposeAs: 'style',
      },
      { id: 'g', type: 'generate', position: { x: 400, y: 0 }, params: { model: 'gemini-3.1-flash-image' } },
      { id: 'x', type: 'export', position: { x: 800, y: 0 }, params: { filename: '{workflow}-{n}' } },
    ],
    [
      { id: 'e1', source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' },
      { id: 'e2', source: 'r', sourcePort: 'images', target: 'g', targetPort: 'references' },
      { id: 'e3', source: 'g', sourcePort: 'images', target: 'x', targetPort: 'images' },
    ],
  );
}
