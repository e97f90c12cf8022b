import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWorkflowText, parseWorkflowValue } from '../../../src/engine/load';
import { serializeWorkflow } from '../../../src/engine/save';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const example = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');

describe('workflow file v1', () => {
  it('saving a loaded canonical file reproduces it byte for byte', () => {
    for (const name of [
      'text-to-image.json',
      'product-scenes.json',
      'generate-edit-edit.json',
      'brand-mascot.json',
      'marketplace-logo.json',
      'sketch-to-image.json',
    ]) {
      const text = example(name);
      const loaded = parseWorkflowText(text);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
      expect(
        serializeWorkflow(loaded.value.workflow, { getImage: (h) => loaded.value.assets.getSync(h) }),
      ).toBe(text);
    }
  });

  it('loads the example from the issue, written by hand in another key order', () => {
    const loaded = parseWorkflowText(fixture('issue-example.json'));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.workflow.nodes.map((n) => n.id)).toEqual(['subject', 'product', 'gen', 'out']);
    const images = loaded.value.workflow.nodes[1]?.params.images as Array<{ hash: string; name: string }>;
    expect(images[0]?.name).toBe('shoe.png');
    expect(loaded.value.assets.has(images[0]?.hash ?? '')).toBe(true);
  });

  it('reports every schema error at once with its JSON path', () => {
    const result = parseWorkflowValue({
      format: 'peel.workflow',
      version: 1,
      name: 'Broken',
      nodes: [
        { id: 'a', type: 'prompt', position: { x: 0, y: 0 }, params: {} },
        { id: 'a', type: 'prompt', position: { x: 0, y: 'far' }, params: {} },
        { id: 'bad id!', type: 'prompt', position: { x: 0, y: 0 }, params: {} },
      ],
      edges: [{ source: 'a', sourcePort: 'text', target: 'ghost', targetPort: 'prompt' }],
      surprise: true,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.error.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['nodes[1].position.y', 'nodes[2].id', '(root)']));
    const messages = result.error.map((e) => `${e.path}: ${e.message}`).join('\n');
    expect(messages).toMatch(/surprise/);
    // Cross-reference errors come from a refinement that runs only once the shape is right.
    const second = parseWorkflowValue({
      format: 'peel.workflow',
      version: 1,
      name: 'Refs',
      nodes: [
        { id: 'a', type: 'prompt', position: { x: 0, y: 0 }, params: {} },
        { id: 'a', type: 'prompt', position: { x: 0, y: 0 }, params: {} },
      ],
      edges: [{ source: 'a', sourcePort: 'text', target: 'ghost', targetPort: 'prompt' }],
    });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error.map((e) => e.path)).toEqual(['nodes[1].id', 'edges[0].target']);
    expect(second.error[0]?.message).toMatch(/duplicate node id "a"/);
    expect(second.error[1]?.message).toMatch(/unknown node id "ghost"/);
  });

  it('refuses a newer version with a clear message', () => {
    const result = parseWorkflowValue({
      format: 'peel.workflow',
      version: 7,
      name: 'x',
      nodes: [],
      edges: [],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error[0]?.code).toBe('newer_version');
    expect(result.error[0]?.message).toMatch(/made with a newer Peel/);
  });

  it('migrates a version 0 file to version 1', () => {
    const result = parseWorkflowText(fixture('workflow-v0.json'));
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.migratedFrom).toBe(0);
    const workflow = result.value.workflow;
    expect(workflow.name).toBe('Old layout');
    expect(workflow.nodes[0]).toMatchObject({
      id: 'p',
      position: { x: 10, y: 20 },
      params: { text: 'a lighthouse' },
    });
    expect(workflow.edges).toEqual([{ source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' }]);
  });

  it('keeps unknown node types and their params untouched through a round trip', () => {
    const text = fixture('unknown-node.json');
    const loaded = parseWorkflowText(text);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    const saved = serializeWorkflow(loaded.value.workflow, {
      getImage: (h) => loaded.value.assets.getSync(h),
    });
    expect(saved).toBe(text);
    const upscale = JSON.parse(saved).nodes[1];
    expect(upscale).toEqual({
      id: 'u',
      type: 'upscale',
      label: 'Upscaler from a plugin',
      position: { x: 300, y: 0 },
      params: { factor: 4, nested: { a: 'kept', b: [1, 2] } },
    });
  });

  it('rejects non-JSON, truncated files, prototype keys and deep nesting with clear errors', () => {
    expect(parseWorkflowText('not json')).toMatchObject({ ok: false, error: [{ code: 'invalid_json' }] });
    expect(parseWorkflowText('{"format": "peel.workflow", "ver')).toMatchObject({
      ok: false,
      error: [{ code: 'invalid_json' }],
    });
    const proto = parseWorkflowText(
      '{"format":"peel.workflow","version":1,"name":"x","nodes":[],"edges":[],"extra":{"__proto__":{"polluted":true}}}',
    );
    expect(proto).toMatchObject({ ok: false, error: [{ path: 'extra.__proto__' }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = { d: deep };
    const nested = parseWorkflowValue({
      format: 'peel.workflow',
      version: 1,
      name: 'x',
      nodes: [],
      edges: [],
      extra: deep as object,
    });
    expect(nested.ok).toBe(false);
    if (!nested.ok) expect(nested.error[0]?.message).toMatch(/nested deeper/);
  });

  it('refuses a 1 MB prompt and an oversized file with sizes in the message', () => {
    const big = parseWorkflowValue({
      format: 'peel.workflow',
      version: 1,
      name: 'x',
      nodes: [{ id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'a'.repeat(1_048_576) } }],
      edges: [],
    });
    expect(big).toMatchObject({ ok: false, error: [{ path: 'nodes[0].params.text' }] });
    const huge = parseWorkflowText(' '.repeat(50 * 1024 * 1024));
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error[0]?.message).toMatch(/50\.0 MB; the limit is 32 MB/);
  });

  it('strips an API key found in an imported workflow, with a warning', () => {
    const key = `AIza${'x'.repeat(35)}`;
    const result = parseWorkflowValue({
      format: 'peel.workflow',
      version: 1,
      name: 'x',
      nodes: [{ id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: `use ${key} please` } }],
      edges: [],
    });
    if (!result.ok) throw new Error('should load');
    expect(JSON.stringify(result.value.workflow)).not.toContain(key);
    expect(result.value.warnings[0]).toMatch(/API key/);
  });

  it('refuses reference images that are not PNG, JPEG or WebP by their bytes', () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>').toString('base64');
    const result = parseWorkflowValue({
      format: 'peel.workflow',
      version: 1,
      name: 'x',
      nodes: [
        {
          id: 'r',
          type: 'referenceSet',
          position: { x: 0, y: 0 },
          params: { images: [{ name: 'logo.png', mimeType: 'image/png', data: svg }] },
        },
      ],
      edges: [],
    });
    expect(result).toMatchObject({
      ok: false,
      error: [{ code: 'image_invalid', path: 'nodes[0].params.images[0].data' }],
    });
  });
});

describe('workflow file v1: embedded image limits', () => {
  it('refuses an embedded reference image with absurd pixel dimensions, naming its path', async () => {
    const { makePngHeaderOnly } = await import('../../../src/engine/image/test-images');
    const huge = Buffer.from(makePngHeaderOnly(40_000, 40_000)).toString('base64');
    const result = parseWorkflowValue({
      format: 'peel.workflow',
      version: 1,
      name: 'x',
      nodes: [
        {
          id: 'r',
          type: 'referenceSet',
          position: { x: 0, y: 0 },
          params: { images: [{ name: 'big.png', mimeType: 'image/png', data: huge }] },
        },
      ],
      edges: [],
    });
    expect(result).toMatchObject({
      ok: false,
      error: [{ code: 'image_too_large', path: 'nodes[0].params.images[0].data' }],
    });
    if (!result.ok) expect(result.error[0]?.message).toMatch(/40000x40000/);
  });
});
