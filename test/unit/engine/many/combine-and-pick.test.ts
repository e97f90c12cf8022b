/** Issue #14: `combine` on Generate (not only Template), the many-input analysis, and Pick's index checks. */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../../nodes/registry';
import { MemoryAssetStore } from '../../../../src/engine/assets';
import { MemoryCache } from '../../../../src/engine/cache';
import { cacheKeyFor } from '../../../../src/engine/cache-key';
import { runWorkflow } from '../../../../src/engine/executor';
import { applyInputs, exposedInputs, parseIndexInput } from '../../../../src/engine/inputs';
import { manyInputPorts } from '../../../../src/engine/many/many-inputs';
import { validateWorkflow } from '../../../../src/engine/validate';
import type { AssetRef } from '../../../../src/engine/workflow';
import { scriptedProvider } from '../../../helpers/scripted-provider';
import { tinyPng } from '../../../helpers/tiny-png';
import { edge, node, workflowOf } from '../../../helpers/workflows';

const registry = nodeRegistry;
const model = 'gemini-3.1-flash-image';

/** Three prompts (a list) meeting three product photos (a reference set, each) at one Generate. */
function promptsMeetPhotos(combine?: 'cross' | 'zip', prompts = ['cat', 'dog', 'owl']) {
  const assets = new MemoryAssetStore();
  const photos: AssetRef[] = [1, 2, 3].map((seed) => {
    const image = assets.put(tinyPng(40 + seed), 'image/png');
    return { name: `photo-${seed}.png`, mimeType: image.mimeType, hash: image.hash };
  });
  const workflow = workflowOf(
    [
      node('prompts', 'list', { items: prompts }),
      node('photos', 'referenceSet', { images: photos, each: true }),
      node('gen', 'generate', { model, ...(combine ? { combine } : {}) }),
    ],
    [edge('prompts', 'items', 'gen', 'prompt'), edge('photos', 'images', 'gen', 'references')],
  );
  return { workflow, assets, photos };
}

describe('combine on Generate: a prompt list meets a reference set (each)', () => {
  it('zip pairs element by element: 3 calls, the i-th prompt with the i-th photo', async () => {
    const { workflow, assets, photos } = promptsMeetPhotos('zip');
    const provider = scriptedProvider();
    const result = await runWorkflow(workflow, { registry, provider, assets });
    expect(result.status).toBe('ok');
    expect(provider.requests).toHaveLength(3);
    const pairs = provider.requests
      .map((request) => [request.prompt, request.references.map((image) => image.hash)] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    expect(pairs).toEqual([
      ['cat', [photos[0]?.hash]],
      ['dog', [photos[1]?.hash]],
      ['owl', [photos[2]?.hash]],
    ]);
    // A zip instance carries both axes' coordinates, always equal.
    expect([...result.nodes.keys()].filter((id) => id.startsWith('gen[')).sort()).toEqual([
      'gen[1,1]',
      'gen[2,2]',
      'gen[3,3]',
    ]);
  });

  it('cross (the default) makes every pairing: 3 × 3 = 9 calls', async () => {
    const { workflow, assets } = promptsMeetPhotos();
    const provider = scriptedProvider();
    const result = await runWorkflow(workflow, { registry, provider, assets });
    expect(result.status).toBe('ok');
    expect(provider.requests).toHaveLength(9);
  });

  it('zip with unequal lengths is refused before any call, naming both lengths', async () => {
    const { workflow, assets } = promptsMeetPhotos('zip', ['cat', 'dog']);
    const errors = validateWorkflow(workflow, registry).nodeErrors.get('gen') ?? [];
    expect(errors.map((error) => error.code)).toContain('length_mismatch');
    expect(errors.find((error) => error.code === 'length_mismatch')?.message).toContain('2 and 3');
    const provider = scriptedProvider();
    await runWorkflow(workflow, { registry, provider, assets });
    expect(provider.requests).toHaveLength(0);
  });

  it('switching cross to zip pays only for pairs not made before (elements share the cache)', async () => {
    const cache = new MemoryCache();
    const provider = scriptedProvider();
    const crossed = promptsMeetPhotos('cross');
    await runWorkflow(crossed.workflow, { registry, provider, assets: crossed.assets, cache });
    expect(provider.requests).toHaveLength(9);
    const zipped = promptsMeetPhotos('zip');
    const again = await runWorkflow(zipped.workflow, { registry, provider, assets: zipped.assets, cache });
    expect(again.status).toBe('ok');
    // The three zipped pairs are among the nine crossed ones.
    expect(provider.requests).toHaveLength(9);
  });

  it('a combine left on a node that does not map never changes its cache key', () => {
    const base = { type: 'generate', version: 1, inputs: { prompt: 'a cat' }, provider: 'gemini' };
    const plain = cacheKeyFor({ ...base, params: { model } });
    expect(cacheKeyFor({ ...base, params: { model, combine: 'zip' } })).toBe(plain);
    expect(cacheKeyFor({ ...base, params: { model: 'gemini-3-pro-image' } })).not.toBe(plain);
  });
});

describe('manyInputPorts: where two many values meet', () => {
  it('names both inputs of a Generate fed a list and a reference set (each), and nothing on whole inputs', () => {
    const { workflow } = promptsMeetPhotos();
    workflow.nodes.push(node('pick', 'pick', { index: 1 }), node('out', 'export', { filename: 'x-{i}' }));
    workflow.edges.push(edge('gen', 'image', 'pick', 'items'), edge('gen', 'image', 'out', 'images'));
    const ports = manyInputPorts(workflow, registry);
    expect(ports.get('gen')?.sort()).toEqual(['prompt', 'references']);
    expect(ports.has('pick')).toBe(false);
    expect(ports.has('out')).toBe(false);
  });

  it('follows mapping downstream: an Edit reading a mapped Generate and a list has two many inputs', () => {
    const workflow = workflowOf(
      [
        node('prompts', 'list', { items: ['a', 'b'] }),
        node('asks', 'list', { items: ['warmer', 'cooler'] }),
        node('gen', 'generate', { model }),
        node('ed', 'edit', { model, continueConversation: false }),
      ],
      [
        edge('prompts', 'items', 'gen', 'prompt'),
        edge('gen', 'image', 'ed', 'image'),
        edge('asks', 'items', 'ed', 'instruction'),
      ],
    );
    const ports = manyInputPorts(workflow, registry);
    expect(ports.get('gen')).toEqual(['prompt']);
    expect(ports.get('ed')?.sort()).toEqual(['image', 'instruction']);
  });

  it('a reference set without each is one value, not many', () => {
    const { workflow } = promptsMeetPhotos();
    const photos = workflow.nodes.find((one) => one.id === 'photos');
    if (photos) photos.params = { ...photos.params, each: false };
    expect(manyInputPorts(workflow, registry).get('gen')).toEqual(['prompt']);
  });
});

describe("Pick's index", () => {
  it('parseIndexInput takes a whole number from 1; anything else is invalid_input naming input and value', () => {
    expect(parseIndexInput('best', ' 3 ')).toEqual({ ok: true, value: { kind: 'index', index: 3 } });
    for (const bad of ['0', '-1', '2.5', 'three', '', '10001', '1e3']) {
      const parsed = parseIndexInput('best', bad);
      expect(parsed.ok, bad).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.error.code).toBe('invalid_input');
      expect(parsed.error.message).toContain('input "best"');
      expect(parsed.error.message).toContain(`"${bad}"`);
    }
  });

  it('an exposed Pick takes its index from the inputs', () => {
    const workflow = workflowOf(
      [node('l', 'list', { items: ['a', 'b', 'c'] }), node('p', 'pick', { index: 1 }, { exposeAs: 'best' })],
      [edge('l', 'items', 'p', 'items')],
    );
    expect(exposedInputs(workflow)).toEqual([{ name: 'best', nodeId: 'p', nodeType: 'pick', kind: 'index' }]);
    const applied = applyInputs(workflow, { best: { kind: 'index', index: 3 } });
    expect(applied.ok && applied.value.nodes.find((one) => one.id === 'p')?.params.index).toBe(3);
    const refused = applyInputs(workflow, { best: { kind: 'index', index: 0 } });
    expect(refused.ok).toBe(false);
    expect(applyInputs(workflow, { best: { kind: 'text', text: '2' } }).ok).toBe(false);
  });

  it('an index past a count the file fixes is a validation error; within it, none', () => {
    const withIndex = (index: number) =>
      workflowOf(
        [
          node('l', 'list', { items: ['cat', 'dog', 'owl'] }),
          node('gen', 'generate', { model }),
          node('p', 'pick', { index }),
        ],
        [edge('l', 'items', 'gen', 'prompt'), edge('gen', 'image', 'p', 'items')],
      );
    const errors = validateWorkflow(withIndex(4), registry).nodeErrors.get('p') ?? [];
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'invalid_params', path: 'nodes[2].params.index' });
    expect(errors[0]?.message).toBe('index 4 is past the end: 3 items can arrive; choose 1 to 3');
    expect(validateWorkflow(withIndex(3), registry).nodeErrors.get('p')).toBeUndefined();
  });

  it('a count from a model\'s answer is checked at its declared maximum ("at most")', () => {
    const workflow = workflowOf(
      [
        node('brief', 'prompt', { text: 'a poster' }),
        node('writer', 'textModel', {
          model: 'gemini-3.1-flash-lite',
          instruction: 'ideas',
          output: 'list',
          maxItems: 4,
        }),
        node('gen', 'generate', { model }),
        node('p', 'pick', { index: 5 }),
      ],
      [
        edge('brief', 'text', 'writer', 'prompt'),
        edge('writer', 'items', 'gen', 'prompt'),
        edge('gen', 'image', 'p', 'items'),
      ],
    );
    const errors = validateWorkflow(workflow, registry).nodeErrors.get('p') ?? [];
    expect(errors.map((error) => error.message)).toEqual([
      'index 5 is past the end: at most 4 items can arrive; choose 1 to 4',
    ]);
    const four = workflow.nodes.find((one) => one.id === 'p');
    if (four) four.params = { index: 4 };
    expect(validateWorkflow(workflow, registry).nodeErrors.get('p')).toBeUndefined();
  });
});
