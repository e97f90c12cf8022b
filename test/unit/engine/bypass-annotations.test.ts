import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { bypassOutputs } from '../../../src/engine/bypass';
import { MemoryCache } from '../../../src/engine/cache';
import { runWorkflow } from '../../../src/engine/executor';
import { workflowSchemas } from '../../../src/engine/schema';

const { WorkflowFileSchema } = workflowSchemas();

import { validateWorkflow } from '../../../src/engine/validate';
import type { ImageValue } from '../../../src/engine/values';
import { WORKFLOW_VERSION } from '../../../src/engine/workflow';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { edge, imageHashOf, node, workflowOf } from '../../helpers/workflows';

const registry = nodeRegistry;
const image = (hash: string): ImageValue => ({ bytes: new Uint8Array([1]), mimeType: 'image/png', hash });

/** prompt -> generate -> edit (instruction from a second prompt) -> export. */
function chain(extra: { bypassEdit?: boolean } = {}) {
  return workflowOf(
    [
      node('p', 'prompt', { text: 'a cat' }),
      node('g', 'generate', { model: 'gemini-3.1-flash-image' }),
      node('i', 'prompt', { text: 'make it blue' }),
      node('e', 'edit', { model: 'gemini-3.1-flash-image' }, extra.bypassEdit ? { bypass: true } : {}),
      node('out', 'export', { filename: 'shot' }),
    ],
    [
      edge('p', 'text', 'g', 'prompt'),
      edge('g', 'image', 'e', 'image'),
      edge('i', 'text', 'e', 'instruction'),
      edge('e', 'image', 'out', 'images'),
    ],
  );
}

/** The schema checks the current format version (2: `components`); the helpers build v1 shapes. */
const parseCurrentFile = (file: object) =>
  WorkflowFileSchema.safeParse({ components: [], ...file, version: WORKFLOW_VERSION });

describe('bypass', () => {
  it('passes the first same-typed input through, with the image/list conversions', () => {
    const a = image('a');
    const b = image('b');
    const edit = nodeRegistry.edit;
    // edit: image (image), instruction (text), references (image[]) -> image, text
    expect(bypassOutputs(edit, { image: a, instruction: 'hi', references: [b] })).toEqual({
      image: a,
      text: 'hi',
    });
    // no single image: the first of the list stands in
    expect(bypassOutputs(edit, { references: [b, a] })).toEqual({ image: b });
    // generate: prompt (text), references (image[]) -> image, images, text
    expect(bypassOutputs(nodeRegistry.generate, { prompt: 'p', references: [a, b] })).toMatchObject({
      image: a,
      images: [a, b],
      text: 'p',
    });
    // export: images (image[]) -> nothing of its own to pass on
    expect(bypassOutputs(nodeRegistry.resize, {})).toEqual({});
  });

  it('a bypassed edit makes no call, costs nothing, and hands the generated image on', async () => {
    const provider = scriptedProvider();
    const result = await runWorkflow(chain({ bypassEdit: true }), { registry, provider });
    expect(result.status).toBe('ok');
    expect(provider.requests).toHaveLength(1);
    expect(provider.requests[0]?.prompt).toBe('a cat');
    expect(result.nodes.get('e')).toMatchObject({ status: 'ran', calls: 0, costUsd: 0 });
    expect(imageHashOf(result, 'e')).toBe(imageHashOf(result, 'g'));
    expect(result.estimate.perNode.e).toMatchObject({ action: 'bypassed', calls: 0, usd: 0 });
    expect(result.estimate.calls).toBe(1);
    expect(result.totals.calls).toBe(1);
  });

  it('the estimate excludes a bypassed model node, and un-bypassing brings the call back', async () => {
    const provider = scriptedProvider();
    const cache = new MemoryCache();
    const bypassed = await runWorkflow(chain({ bypassEdit: true }), { registry, provider, cache });
    const running = await runWorkflow(chain(), { registry, provider, cache });
    expect(bypassed.estimate.calls).toBe(1);
    expect(running.estimate.calls).toBe(1); // generate is cached now; edit is the one call
    expect(running.estimate.perNode.e?.action).toBe('call');
    expect(provider.requests).toHaveLength(2);
  });

  it('a bypassed node does not need its params or required inputs to be valid', () => {
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'x' }),
        node('e', 'edit', { model: 'no-such-model', instruction: 42 }, { bypass: true }),
      ],
      [edge('p', 'text', 'e', 'instruction')],
    );
    expect(validateWorkflow(workflow, registry).nodeErrors.get('e')).toBeUndefined();
    const running = { ...workflow, nodes: workflow.nodes.map((n) => ({ ...n, bypass: false })) };
    expect(validateWorkflow(running, registry).nodeErrors.get('e')?.length).toBeGreaterThan(0);
  });

  it('is kept by the file format', () => {
    const file = { ...chain({ bypassEdit: true }) };
    const parsed = parseCurrentFile(file);
    expect(parsed.success && parsed.data.nodes.find((n) => n.id === 'e')?.bypass).toBe(true);
    const bad = parseCurrentFile({
      ...file,
      nodes: file.nodes.map((n) => (n.id === 'e' ? { ...n, bypass: 'yes' } : n)),
    });
    expect(bad.success).toBe(false);
  });
});

describe('frames and notes', () => {
  const annotated = () => {
    const base = chain();
    return {
      ...base,
      nodes: [
        ...base.nodes,
        node('f', 'frame', { color: 'blue' }, { label: 'Shots', size: { width: 600, height: 400 } }),
        node('n', 'note', { text: 'remember: <b>not html</b>', color: 'yellow' }),
      ],
    };
  };

  it('are valid nodes of the file format, with size and collapsed state', () => {
    const parsed = parseCurrentFile({
      ...annotated(),
      nodes: [
        ...annotated().nodes,
        node('c', 'prompt', {}, { collapsed: true, size: { width: 300, height: 200 } }),
      ],
    });
    expect(parsed.success).toBe(true);
    const tooBig = parseCurrentFile({
      ...annotated(),
      nodes: [node('c', 'prompt', {}, { size: { width: 1e9, height: 200 } })],
    });
    expect(tooBig.success).toBe(false);
  });

  it('are left out of validation, the plan, the estimate and the run', async () => {
    const workflow = annotated();
    const report = validateWorkflow(workflow, registry);
    expect(report.nodeErrors.get('f')).toBeUndefined();
    expect(report.nodeErrors.get('n')).toBeUndefined();
    expect(report.graph.order).not.toContain('f');
    const provider = scriptedProvider();
    const cache = new MemoryCache();
    const result = await runWorkflow(workflow, { registry, provider, cache });
    expect(result.status).toBe('ok');
    expect(result.estimate.perNode.f).toBeUndefined();
    expect(result.nodes.has('n')).toBe(false);
    expect(result.estimate.calls).toBe(2);
    // The same graph without annotations hits the same cache entries: they do not touch the keys.
    const plain = chain();
    const again = await runWorkflow(plain, { registry, provider, cache });
    expect(again.totals.calls).toBe(0);
    expect(provider.requests).toHaveLength(2);
  });
});
