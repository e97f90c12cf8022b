import { describe, expect, it } from 'vitest';
import { exportImageWithWorkflow } from '../../../src/engine/export-image';
import { importWorkflowBytes, MAX_IMPORT_IMAGE_BYTES } from '../../../src/engine/import';
import { DEFAULT_MAX_FILE_BYTES } from '../../../src/engine/load';
import { tinyPng } from '../../helpers/tiny-png';
import { node, workflowOf } from '../../helpers/workflows';

const MB = 1024 * 1024;

/** A valid workflow file whose JSON text is exactly `size` bytes (padded with trailing spaces). */
function workflowFileOf(size: number): Uint8Array {
  const text = JSON.stringify(workflowOf([node('p', 'prompt', { text: 'a fox' })], [], 'Sized'));
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set(new TextEncoder().encode(text));
  return bytes;
}

/** A decodable PNG followed by zeros up to `size` bytes (readers stop at IEND). */
function pngOfSize(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(tinyPng(1));
  return bytes;
}

const errorsOf = (result: ReturnType<typeof importWorkflowBytes>) => (result.ok ? [] : result.error);

describe('importWorkflowBytes: JSON files', () => {
  it('reads a workflow file', () => {
    const result = importWorkflowBytes(workflowFileOf(400));
    expect(result.ok && result.value.workflow.name).toBe('Sized');
  });

  it('refuses a file above the limit given, saying its size and the limit in MB', () => {
    expect(errorsOf(importWorkflowBytes(workflowFileOf(3 * MB + MB / 2), { maxJsonBytes: 2 * MB }))).toEqual([
      { code: 'invalid_json', message: 'the file is 3.5 MB; the limit is 2 MB' },
    ]);
  });

  it('accepts a file of exactly the limit given', () => {
    const result = importWorkflowBytes(workflowFileOf(1000), { maxJsonBytes: 1000 });
    expect(result.ok && result.value.workflow.name).toBe('Sized');
    expect(errorsOf(importWorkflowBytes(workflowFileOf(1001), { maxJsonBytes: 1000 }))).toEqual([
      { code: 'invalid_json', message: 'the file is 0.0 MB; the limit is 0 MB' },
    ]);
  });

  it('measures the limit in bytes, not in characters', () => {
    const text = JSON.stringify(workflowOf([], [], 'é'.repeat(500)));
    const bytes = new TextEncoder().encode(text);
    expect(bytes.length - text.length).toBe(500);
    expect(errorsOf(importWorkflowBytes(bytes, { maxJsonBytes: text.length }))).toEqual([
      { code: 'invalid_json', message: 'the file is 0.0 MB; the limit is 0 MB' },
    ]);
  });

  it('holds the text to a limit above the default when one is given', () => {
    const size = DEFAULT_MAX_FILE_BYTES + 1;
    const result = importWorkflowBytes(workflowFileOf(size), { maxJsonBytes: DEFAULT_MAX_FILE_BYTES + MB });
    expect(result.ok && result.value.workflow.name).toBe('Sized');
    expect(errorsOf(importWorkflowBytes(workflowFileOf(size)))).toEqual([
      { code: 'invalid_json', message: 'the file is 32.0 MB; the limit is 32 MB' },
    ]);
  });
});

describe('importWorkflowBytes: images', () => {
  it('reads the workflow an exported PNG carries', () => {
    const workflow = workflowOf([node('p', 'prompt', { text: 'a fox' })], [], 'Carried');
    const image = { bytes: tinyPng(2), mimeType: 'image/png', hash: '0'.repeat(64) };
    const exported = exportImageWithWorkflow(image, workflow);
    if (!exported.ok) throw new Error(exported.error.message);
    const result = importWorkflowBytes(exported.value);
    expect(result.ok && result.value.workflow.name).toBe('Carried');
  });

  it('says so when an image carries no workflow', () => {
    expect(errorsOf(importWorkflowBytes(tinyPng(1)))).toEqual([
      { code: 'invalid_format', message: 'this image/png image carries no Peel workflow' },
    ]);
  });

  it("passes on the reader's message for a corrupt image", () => {
    expect(errorsOf(importWorkflowBytes(tinyPng(1).slice(0, 40)))).toEqual([
      { code: 'invalid_format', message: 'The PNG file is corrupt: truncated at byte 33 (no IEND chunk).' },
    ]);
  });

  it('refuses an image above 64 MB before reading it, and reads one of exactly 64 MB', () => {
    expect(errorsOf(importWorkflowBytes(pngOfSize(MAX_IMPORT_IMAGE_BYTES + MB / 2)))).toEqual([
      { code: 'invalid_format', message: 'the image is 64.5 MB; the limit is 64 MB' },
    ]);
    expect(errorsOf(importWorkflowBytes(pngOfSize(MAX_IMPORT_IMAGE_BYTES)))).toEqual([
      { code: 'invalid_format', message: 'this image/png image carries no Peel workflow' },
    ]);
  });
});
