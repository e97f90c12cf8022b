import { describe, expect, it } from 'vitest';
import {
  embedWorkflowText,
  extractWorkflowText,
  PEEL_WORKFLOW_KEYWORD,
  removeWorkflowText,
} from '../../../src/engine/image/embedded-workflow';
import { writePngTextChunk } from '../../../src/engine/image/png-chunks';
import { makeTestJpeg, makeTestPng, tinyWebp } from '../../../src/engine/image/test-images';
import { expectErr, unwrap } from './helpers';

const workflow = JSON.stringify({
  version: 1,
  nodes: [{ id: 'a', type: 'prompt', text: 'Ünïcödé ✨' }],
  edges: [],
});

describe('embedded workflow', () => {
  it.each([
    ['PNG', makeTestPng()],
    ['JPEG', makeTestJpeg()],
  ])('round-trips in %s and can be removed again', (_name, image) => {
    const out = unwrap(embedWorkflowText(image, workflow));
    expect(unwrap(extractWorkflowText(out))).toBe(workflow);
    expect(unwrap(extractWorkflowText(image))).toBeNull();
    expect(unwrap(removeWorkflowText(out))).toEqual(image);
    const again = unwrap(embedWorkflowText(out, '{"v":2}'));
    expect(unwrap(extractWorkflowText(again))).toBe('{"v":2}');
  });

  it('uses the peel.workflow PNG keyword', () => {
    const viaChunk = unwrap(writePngTextChunk(makeTestPng(), PEEL_WORKFLOW_KEYWORD, 'x'));
    expect(unwrap(extractWorkflowText(viaChunk))).toBe('x');
  });

  it('WebP: embedding is unsupported, extraction finds nothing', () => {
    expect(expectErr(embedWorkflowText(tinyWebp('lossy'), workflow), 'unsupported_image_type')).toMatch(
      /WebP/,
    );
    expect(unwrap(extractWorkflowText(tinyWebp('alpha')))).toBeNull();
  });

  it('propagates sniffing errors', () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(expectErr(extractWorkflowText(svg), 'unsupported_image_type')).toMatch(/SVG/);
    expectErr(embedWorkflowText(new Uint8Array(0), workflow), 'empty_image');
  });

  it('enforces the maximum text size', () => {
    const text = 'a'.repeat(5000);
    expectErr(embedWorkflowText(makeTestPng(), text, { maxTextBytes: 4096 }), 'metadata_too_large');
    expectErr(embedWorkflowText(makeTestJpeg(), text, { maxTextBytes: 4096 }), 'metadata_too_large');
    const png = unwrap(embedWorkflowText(makeTestPng(), text));
    const jpeg = unwrap(embedWorkflowText(makeTestJpeg(), text));
    expectErr(extractWorkflowText(png, { maxTextBytes: 4096 }), 'metadata_too_large');
    expectErr(extractWorkflowText(jpeg, { maxTextBytes: 4096 }), 'metadata_too_large');
  });
});
