// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/editor/App';
import { editorAssets } from '../../src/editor/images/assets';
import { imageWithWorkflow } from '../../src/editor/io/image-download-bytes';
import { closeImportReport } from '../../src/editor/io/import-workflow';
import { updateSettings } from '../../src/editor/settings/settings-store';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { useViewStore } from '../../src/editor/store/view-store';
import { makeTestJpeg, makeTestPng } from '../../src/engine/image/test-images';
import { importWorkflowBytes } from '../../src/engine/import';
import type { Workflow } from '../../src/engine/workflow';
import { base64HasKeyRun, pngCarrying } from '../helpers/key-run-images';
import { resetStores, sampleWorkflow } from './helpers';
import { blobText, captureDownloads } from './io-helpers';

const doc = () => useDocumentStore.getState().doc;
const FAKE_KEY = `AIza${'Sy0123456789abcdefghijABCDEFGHIJ_-x'.slice(0, 35)}`;

function workflowWithReference(): Workflow {
  const ref = editorAssets.put(makeTestPng({ rgba: [10, 200, 30, 255] }), 'image/png');
  const workflow = sampleWorkflow();
  const refs = workflow.nodes.find((node) => node.id === 'refs');
  if (refs) refs.params = { images: [{ name: 'green.png', mimeType: 'image/png', hash: ref.hash }] };
  workflow.nodes[0] = { ...(workflow.nodes[0] as Workflow['nodes'][number]), exposeAs: 'subject' };
  return workflow;
}

let downloads: ReturnType<typeof captureDownloads>;
beforeEach(() => {
  localStorage.clear();
  updateSettings({ apiKey: '', embedWorkflowInImages: true });
  closeImportReport();
  downloads = captureDownloads();
});
afterEach(() => downloads.restore());

const pickImportFile = (file: File) =>
  fireEvent.change(screen.getByTestId('import-file-input'), { target: { files: [file] } });

describe('export and import of workflow JSON', () => {
  it('export then import gives the identical document, with reference images embedded', async () => {
    const original = workflowWithReference();
    resetStores(original);
    render(<App />);
    fireEvent.click(screen.getByTestId('export-json-button'));
    expect(downloads.files.map((file) => file.name)).toEqual(['Test.peel.json']);
    const text = await blobText(downloads.files[0]?.blob as Blob);
    const file = JSON.parse(text);
    expect(file.nodes.find((node: { id: string }) => node.id === 'refs').params.images[0].data).toMatch(
      /^[A-Za-z0-9+/]+=*$/,
    );
    act(() => {
      commands.renameWorkflow('Something else');
      commands.deleteNodes(['g']);
    });
    pickImportFile(new File([text], 'Test.peel.json', { type: 'application/json' }));
    await waitFor(() => expect(doc().name).toBe('Test'));
    expect(doc()).toEqual(original);
    // A load is not an edit: nothing to undo.
    expect(useDocumentStore.getState().past).toEqual([]);
    expect(screen.queryByTestId('import-report')).toBeNull();
  });

  it('can leave the reference images out, and never writes the API key', async () => {
    updateSettings({ apiKey: FAKE_KEY });
    const workflow = workflowWithReference();
    (workflow.nodes[0] as Workflow['nodes'][number]).params = { text: `my key is ${FAKE_KEY}` };
    resetStores(workflow);
    render(<App />);
    fireEvent.click(screen.getByTestId('export-embed-images'));
    fireEvent.click(screen.getByTestId('export-json-button'));
    const text = await blobText(downloads.files[0]?.blob as Blob);
    expect(text).not.toContain(FAKE_KEY);
    expect(text).toContain('[removed API key]');
    const refs = JSON.parse(text).nodes.find((node: { id: string }) => node.id === 'refs');
    expect(refs.params.images[0]).toEqual({
      name: 'green.png',
      mimeType: 'image/png',
      hash: expect.any(String),
    });
  });

  it('a reference image whose base64 holds a key-shaped run survives JSON and image export, with a key set', async () => {
    updateSettings({ apiKey: FAKE_KEY });
    const bytes = pngCarrying({
      before: new Uint8Array([7, 7]),
      keyTail: `${'Q'.repeat(18)}${'7'.repeat(18)}`,
    });
    expect(base64HasKeyRun(bytes)).toBe(true);
    const ref = editorAssets.put(bytes, 'image/png');
    const workflow = sampleWorkflow();
    const refs = workflow.nodes.find((node) => node.id === 'refs');
    if (refs) refs.params = { images: [{ name: 'photo.png', mimeType: 'image/png', hash: ref.hash }] };
    (workflow.nodes[0] as Workflow['nodes'][number]).params = { text: `my key is ${FAKE_KEY}` };
    resetStores(workflow);
    render(<App />);
    fireEvent.click(screen.getByTestId('export-json-button'));
    const text = await blobText(downloads.files[0]?.blob as Blob);
    expect(text).not.toContain(FAKE_KEY);
    const referenceOf = (result: ReturnType<typeof importWorkflowBytes>) => {
      if (!result.ok) throw new Error(result.error.map((e) => e.message).join('; '));
      const node = result.value.workflow.nodes.find((n) => n.id === 'refs');
      const hash = (node?.params as { images?: { hash: string }[] } | undefined)?.images?.[0]?.hash ?? '';
      return result.value.assets.getSync(hash)?.bytes;
    };
    expect(referenceOf(importWorkflowBytes(new TextEncoder().encode(text)))).toEqual(bytes);
    // The workflow embedded in an exported image keeps the reference's bytes too (PNG and JPEG).
    for (const [carrier, mimeType] of [
      [makeTestPng(), 'image/png'],
      [makeTestJpeg(), 'image/jpeg'],
    ] as const) {
      const exported = imageWithWorkflow(editorAssets.put(carrier, mimeType), doc());
      if (!exported.ok) throw new Error(exported.error.message);
      expect(new TextDecoder('latin1').decode(exported.value)).not.toContain(FAKE_KEY);
      expect(referenceOf(importWorkflowBytes(exported.value))).toEqual(bytes);
    }
  });

  it('imports a file carrying a key with a warning that the key was removed', async () => {
    resetStores();
    render(<App />);
    const workflow = sampleWorkflow();
    (workflow.nodes[0] as Workflow['nodes'][number]).params = { text: `key ${FAKE_KEY}` };
    workflow.name = 'Leaky';
    pickImportFile(new File([JSON.stringify(workflow)], 'leaky.json'));
    await waitFor(() => expect(doc().name).toBe('Leaky'));
    expect(doc().nodes[0]?.params.text).toBe('key [removed API key]');
    expect(screen.getByTestId('import-warning').textContent).toContain('an API key was found');
  });
});

describe('a failed import changes nothing', () => {
  const newer = JSON.stringify({ ...sampleWorkflow(), version: 7 });
  const schemaErrors = JSON.stringify({
    ...sampleWorkflow(),
    nodes: [{ id: 'p', type: 'prompt', position: { x: 'left', y: 0 }, params: {} }, { id: 5 }],
  });
  const proto = `{"format":"peel.workflow","version":1,"name":"x","nodes":[],"edges":[],"__proto__":{"polluted":true}}`;
  const cases: [string, string, RegExp, string | null][] = [
    ['bad JSON', '{"format": "peel.workflow", "nodes": [', /not valid JSON/, null],
    [
      'schema errors',
      schemaErrors,
      /^nodes\[0\]\.position\.xInvalid input: expected number, received string$(.|\n)*^nodes\[1\]\.idInvalid input: expected string, received number$/m,
      'nodes[0].position.x',
    ],
    ['__proto__', proto, /"__proto__" is not allowed/, '__proto__'],
    ['a newer version', newer, /newer Peel \(format version 7\).*Update Peel/, 'version'],
  ];
  for (const [label, text, message, path] of cases) {
    it(`refuses ${label}, showing why (with the JSON path)`, async () => {
      resetStores();
      act(() => commands.renameWorkflow('Mine'));
      const before = useDocumentStore.getState();
      render(<App />);
      pickImportFile(new File([text], 'bad.json'));
      const report = await screen.findByTestId('import-report');
      expect(report.textContent).toContain('nothing was changed');
      const errors = screen.getAllByTestId('import-error').map((item) => item.textContent ?? '');
      expect(errors.join('\n')).toMatch(message);
      if (path) expect(errors.some((line) => line.startsWith(path))).toBe(true);
      expect(useDocumentStore.getState().doc).toBe(before.doc);
      expect(useDocumentStore.getState().past).toBe(before.past);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('lists every schema problem, not just the first', async () => {
    resetStores();
    render(<App />);
    pickImportFile(
      new File(
        [JSON.stringify({ ...sampleWorkflow(), name: 7, nodes: [{ id: 'a', type: 'prompt', params: {} }] })],
        'bad.json',
      ),
    );
    await screen.findByTestId('import-report');
    const paths = screen
      .getAllByTestId('import-error')
      .map((item) => item.querySelector('code')?.textContent);
    expect(paths).toEqual(expect.arrayContaining(['name', 'nodes[0].position']));
  });
});

describe('paste', () => {
  it('a whole workflow file on the clipboard is an import; copied nodes are a paste', async () => {
    resetStores();
    render(<App />);
    const incoming = { ...sampleWorkflow(), name: 'From clipboard' };
    incoming.nodes = incoming.nodes.slice(0, 1);
    incoming.edges = [];
    fireEvent.paste(document.body, { clipboardData: { getData: () => JSON.stringify(incoming) } });
    expect(doc()).toEqual(incoming);
    expect(useDocumentStore.getState().past).toEqual([]);

    act(() => useViewStore.setState({ selectedNodes: new Set(['p']) }));
    let copied = '';
    fireEvent.copy(document.body, {
      clipboardData: { setData: (_: string, text: string) => (copied = text) },
    });
    fireEvent.paste(document.body, { clipboardData: { getData: () => copied } });
    expect(doc().name).toBe('From clipboard');
    expect(doc().nodes.map((node) => node.id)).toEqual(['p', 'prompt']);
    expect(useDocumentStore.getState().past).toHaveLength(1);
  });

  it('a broken workflow on the clipboard shows the errors and changes nothing', async () => {
    resetStores();
    render(<App />);
    const before = doc();
    fireEvent.paste(document.body, {
      clipboardData: { getData: () => '{"format":"peel.workflow","version":1,"nodes":[' },
    });
    expect(await screen.findByTestId('import-error')).toBeTruthy();
    expect(doc()).toBe(before);
  });
});
