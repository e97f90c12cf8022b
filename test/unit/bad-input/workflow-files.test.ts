/**
 * Hostile or broken workflow files that the existing workflow-file tests leave out: sizes past the
 * file limits, missing parts, prototype keys deep inside, keys hidden outside the prompt text.
 * Every one is refused (or cleaned) with a message that says what and where, quickly.
 */
import { describe, expect, it } from 'vitest';
import { parseWorkflowText, parseWorkflowValue } from '../../../src/engine/load';
import { FILE_LIMITS } from '../../../src/engine/schema';

const header = { format: 'peel.workflow', version: 1, name: 'x' };
const promptNode = (id: string, text = 'x') => ({
  id,
  type: 'prompt',
  position: { x: 0, y: 0 },
  params: { text },
});

describe('file limits', () => {
  it(`refuses 100k nodes (limit ${FILE_LIMITS.maxNodes}) with one clear message, without hanging`, () => {
    const nodes = Array.from({ length: 100_000 }, (_, i) => promptNode(`n${i}`));
    const text = JSON.stringify({ ...header, nodes, edges: [] });
    const result = parseWorkflowText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // One message, not one per node: a report the user can read.
    expect(result.error).toHaveLength(1);
    expect(result.error[0]?.path).toBe('nodes');
    expect(result.error[0]?.message).toMatch(new RegExp(FILE_LIMITS.maxNodes.toLocaleString('en')));
  });

  it('still gives one message when the 100k nodes are each invalid too', () => {
    const nodes = Array.from({ length: 100_000 }, (_, i) => ({
      id: `bad id ${i}`,
      type: 'prompt',
      position: { x: 0, y: 'far' },
      params: {},
    }));
    const result = parseWorkflowText(JSON.stringify({ ...header, nodes, edges: [] }));
    expect(result.ok === false && result.error.length).toBe(1);
  });

  it(`refuses 100k edges (limit ${FILE_LIMITS.maxEdges}) the same way`, () => {
    const edges = Array.from({ length: 100_000 }, (_, i) => ({
      source: 'a',
      sourcePort: 'text',
      target: `ghost${i}`,
      targetPort: 'prompt',
    }));
    const result = parseWorkflowText(JSON.stringify({ ...header, nodes: [promptNode('a')], edges }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toHaveLength(1);
    expect(result.error[0]?.path).toBe('edges');
    expect(result.error[0]?.message).toMatch(new RegExp(FILE_LIMITS.maxEdges.toLocaleString('en')));
  });

  it('accepts exactly the node limit', () => {
    const nodes = Array.from({ length: FILE_LIMITS.maxNodes }, (_, i) => promptNode(`n${i}`));
    expect(parseWorkflowValue({ ...header, nodes, edges: [] }).ok).toBe(true);
  });
});

describe('schema violations', () => {
  it('a file without "nodes" or "edges" names what is missing', () => {
    const result = parseWorkflowValue({ ...header });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((error) => error.path).sort()).toEqual(['edges', 'nodes']);
    expect(result.error[0]?.message).toMatch(/expected array/);
  });

  it('a JSON value that is not an object, or not a Peel workflow, is refused by name', () => {
    expect(parseWorkflowText('[]')).toMatchObject({ ok: false, error: [{ code: 'invalid_format' }] });
    expect(parseWorkflowText('null')).toMatchObject({ ok: false, error: [{ code: 'invalid_format' }] });
    const other = parseWorkflowText('{"format":"comfyui.workflow","nodes":[]}');
    expect(other).toMatchObject({ ok: false, error: [{ path: 'format' }] });
    if (!other.ok) expect(other.error[0]?.message).toMatch(/not a Peel workflow/);
  });

  it('an empty file and a file cut in the middle of a string are "not valid JSON"', () => {
    for (const text of ['', '   ', '{"format":"peel.workflow","name":"unterminated']) {
      const result = parseWorkflowText(text);
      expect(result).toMatchObject({ ok: false, error: [{ code: 'invalid_json' }] });
      if (!result.ok) expect(result.error[0]?.message).toMatch(/not valid JSON .*truncated/);
    }
  });
});

describe('prototype keys', () => {
  it.each([
    [
      'node params',
      '"nodes":[{"id":"p","type":"prompt","position":{"x":0,"y":0},"params":{"__proto__":{"polluted":1},"text":"a"}}],"edges":[]',
    ],
    [
      'a node',
      '"nodes":[{"id":"p","type":"prompt","position":{"x":0,"y":0},"params":{},"constructor":{"prototype":{"polluted":1}}}],"edges":[]',
    ],
    ['deep in extra', '"nodes":[],"edges":[],"extra":{"a":[{"b":{"__proto__":{"polluted":1}}}]}'],
  ])(
    '"__proto__" / "constructor" in %s is refused with its path, and nothing is polluted',
    (_where, body) => {
      const result = parseWorkflowText(`{"format":"peel.workflow","version":1,"name":"x",${body}}`);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.error.map((error) => `${error.path}: ${error.message}`).join('\n')).toMatch(
          /(__proto__|constructor)/,
        );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});

describe('API keys inside an imported workflow', () => {
  it('are stripped from the name, labels, params and extra, with a warning', () => {
    const key = `AIzaSy${'A1b2C3d4'.repeat(4)}x`;
    const result = parseWorkflowValue({
      ...header,
      name: `mine ${key}`,
      nodes: [
        { ...promptNode('p', 'a cat'), label: `key ${key}` },
        {
          id: 'g',
          type: 'generate',
          position: { x: 0, y: 0 },
          params: { model: 'gemini-3.1-flash-image', avoid: key },
        },
      ],
      edges: [],
      extra: { settings: { apiKey: key }, notes: [`pasted ${key} here`] },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(JSON.stringify(result.value.workflow)).not.toContain(key);
    expect(JSON.stringify(result.value.workflow)).not.toMatch(/AIza[0-9A-Za-z_-]{30,}/);
    expect(result.value.warnings.join('\n')).toMatch(/API key/);
  });
});
