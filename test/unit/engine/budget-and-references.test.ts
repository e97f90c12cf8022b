/** Issue 11 "also fix": the reference-count message, reference counts known from the file, the budget cap. */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { checkReferenceCount } from '../../../nodes/shared/model-params';
import { MemoryCache } from '../../../src/engine/cache';
import { runWorkflow } from '../../../src/engine/executor';
import { validateWorkflow } from '../../../src/engine/validate';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { edge, node, promptGenerateExport, workflowOf } from '../../helpers/workflows';

const refs = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    name: `r${i}.png`,
    mimeType: 'image/png',
    hash: i.toString(16).padStart(64, '0'),
  }));

describe('too many reference images: the message', () => {
  it('does not suggest a Gemini 3 model to a Gemini 3 model already at the highest limit', () => {
    const message = checkReferenceCount('gemini-3-pro-image', 15)?.message ?? '';
    expect(message).toContain('15 reference images, but gemini-3-pro-image takes at most 14 per request');
    expect(message).not.toMatch(/pick|Gemini 3 model/);
    expect(message).toMatch(/remove 1$/);
  });

  it('suggests a model that takes more when one exists', () => {
    const message = checkReferenceCount('gemini-2.5-flash-image', 4)?.message ?? '';
    expect(message).toMatch(
      /takes at most 3 per request; remove some, or pick a model that takes more \(.* takes up to 14\)/,
    );
  });
});

describe('reference counts known from the file are validation errors', () => {
  const withReferences = (count: number, target: 'generate' | 'edit', model = 'gemini-3.1-flash-image') =>
    workflowOf(
      [
        node('p', 'prompt', { text: 'x' }),
        node('refs', 'referenceSet', { images: refs(count) }),
        node('g', 'generate', { model: 'gemini-3-pro-image' }),
        node('t', target, {
          model,
          ...(target === 'edit' ? { instruction: 'brighter', continueConversation: false } : {}),
        }),
      ],
      [
        edge('p', 'text', 'g', 'prompt'),
        ...(target === 'edit' ? [edge('g', 'image', 't', 'image')] : [edge('p', 'text', 't', 'prompt')]),
        edge('refs', 'images', 't', 'references'),
      ],
    );

  it('a generate node fed 15 images by a reference set, on a 14-image model: an error before any call', async () => {
    const workflow = withReferences(15, 'generate');
    const errors = validateWorkflow(workflow, nodeRegistry).nodeErrors.get('t') ?? [];
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining('15 reference images, but gemini-3.1-flash-image takes at most 14'),
    ]);
    const provider = scriptedProvider();
    const result = await runWorkflow(workflow, { registry: nodeRegistry, provider, targets: ['t'] });
    expect(result.nodes.get('t')?.status).toBe('failed');
    expect(provider.requests).toHaveLength(0);
  });

  it('an edit node not continuing a conversation counts the edited image too (14 references + 1 image on a 14-image model)', () => {
    const errors = validateWorkflow(withReferences(14, 'edit'), nodeRegistry).nodeErrors.get('t') ?? [];
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('15 reference images')]);
  });

  it('within the limit, or on a model that takes 14, nothing is reported', () => {
    expect(
      validateWorkflow(withReferences(14, 'generate'), nodeRegistry).nodeErrors.get('t'),
    ).toBeUndefined();
    expect(
      validateWorkflow(withReferences(10, 'generate', 'gemini-3-pro-image'), nodeRegistry).nodeErrors.get(
        't',
      ),
    ).toBeUndefined();
  });
});

describe('the budget cap', () => {
  it('refuses to start a run whose estimate passes the cap, with the figures, and makes no call', async () => {
    const provider = scriptedProvider();
    const result = await runWorkflow(promptGenerateExport(['a', 'b']), {
      registry: nodeRegistry,
      provider,
      maxCostUsd: 0.1,
      refuseOverBudgetEstimate: true,
    });
    expect(provider.requests).toHaveLength(0);
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('budget_exceeded');
    expect(result.error?.message).toMatch(
      /^not started: this run is estimated at \$0\.\d\d for 2 model calls, over the \$0\.10 budget cap; raise the cap/,
    );
    expect([...result.nodes.values()].every((n) => n.status === 'skipped')).toBe(true);
  });

  it('starts a run whose estimate fits the cap', async () => {
    const provider = scriptedProvider();
    const result = await runWorkflow(promptGenerateExport(['a']), {
      registry: nodeRegistry,
      provider,
      maxCostUsd: 0.1,
      refuseOverBudgetEstimate: true,
    });
    expect(result.status).toBe('ok');
    expect(provider.requests).toHaveLength(1);
  });

  it('keeps and caches a paid answer when its node then fails: the next run pays only for the rest', async () => {
    const workflow = workflowOf(
      [node('p', 'prompt', { text: 'x' }), node('g', 'generate', { variations: 3 })],
      [edge('p', 'text', 'g', 'prompt')],
    );
    const cache = new MemoryCache();
    const provider = scriptedProvider();
    // Room for one call: the first variation is paid, the other two are refused by the cap.
    const first = await runWorkflow(workflow, { registry: nodeRegistry, provider, cache, maxCostUsd: 0.1 });
    expect(first.nodes.get('g')?.status).toBe('failed');
    expect(first.nodes.get('g')?.error?.code).toBe('budget_exceeded');
    expect(provider.requests).toHaveLength(1);
    expect(cache.entries.size).toBe(1);
    const second = await runWorkflow(workflow, { registry: nodeRegistry, provider, cache });
    expect(second.nodes.get('g')?.status).toBe('ran');
    // The paid variation came from the cache; only the two refused ones were asked for.
    expect(provider.requests).toHaveLength(3);
    expect(second.nodes.get('g')?.calls).toBe(2);
    const images = second.nodes.get('g')?.outputs?.images;
    expect(Array.isArray(images) && images.length).toBe(3);
  });
});
