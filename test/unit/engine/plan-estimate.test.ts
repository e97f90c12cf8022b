/**
 * planRun's figures (issue #19, mutation testing): the context a model node's estimate gets (the
 * prompt's length, the images arriving, those a conversation replays), an unknown cost, and the
 * cheap nodes planning computes (what they see, what they may not do, what happens when they fail).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nodeRegistry } from '../../../nodes/registry';
import { type AssetStore, imageValueOf, MemoryAssetStore } from '../../../src/engine/assets';
import { MemoryCache } from '../../../src/engine/cache';
import { cacheKeyFor } from '../../../src/engine/cache-key';
import { roundUsd } from '../../../src/engine/cost';
import { defineNode, type NodeRegistry } from '../../../src/engine/node-definition';
import { port } from '../../../src/engine/ports';
import { ok } from '../../../src/engine/result';
import { validateWorkflow } from '../../../src/engine/validate';
import type { ImageValue } from '../../../src/engine/values';
import { planOf, usdOf } from '../../helpers/plan';
import { tinyPng } from '../../helpers/tiny-png';
import { edge, node, workflowOf } from '../../helpers/workflows';

const refOf = (image: ImageValue, name: string) => ({ name, mimeType: image.mimeType, hash: image.hash });

describe('planRun: what a model node is estimated with', () => {
  it("counts a reference set's images and the length of the prompt that arrives", async () => {
    const assets = new MemoryAssetStore();
    const photos = [1, 2, 3].map((seed) => assets.put(tinyPng(seed), 'image/png'));
    const text = 'a red sneaker on wet asphalt, '.repeat(40);
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text }),
        node('rs', 'referenceSet', { images: photos.map((photo, i) => refOf(photo, `${i}.png`)) }),
        node('g', 'generate', {}),
      ],
      [edge('p', 'text', 'g', 'prompt'), edge('rs', 'images', 'g', 'references')],
    );
    const { estimate, report, knownOutputs } = await planOf(workflow, { assets });
    const params = report.params.get('g');
    const usd = usdOf('generate', params, text.length, 3);
    // The figures differ with another length or count, so the plan's usd pins both down.
    expect(
      new Set([usd, usdOf('generate', params, 400, 3), usdOf('generate', params, text.length, 1)]).size,
    ).toBe(3);
    expect(estimate).toEqual({
      calls: 1,
      cachedNodes: 0,
      usd: roundUsd(usd),
      perNode: {
        p: { action: 'compute', calls: 0, usd: 0 },
        rs: { action: 'compute', calls: 0, usd: 0 },
        g: { action: 'call', calls: 1, usd },
      },
    });
    expect(knownOutputs.get('rs')).toEqual({ images: photos, image: photos[0] });
  });

  it('an image that carries its conversation counts the images it replays, not thoughts and not text', async () => {
    const part = (seed: number) => imageValueOf(tinyPng(seed), 'image/png');
    const edited: ImageValue = {
      ...part(10),
      conversation: [
        {
          role: 'user',
          parts: [
            { kind: 'text', text: 'a cat' },
            { kind: 'image', image: part(11) },
            { kind: 'text', text: 'keep the collar' },
          ],
        },
        {
          role: 'model',
          parts: [
            { kind: 'text', text: 'planning the light', thought: true },
            { kind: 'image', image: part(12), thought: true },
            { kind: 'text', text: 'here it is' },
            { kind: 'image', image: part(13) },
          ],
        },
      ],
    };
    const instruction = 'make the light warmer and the shadows softer; '.repeat(20);
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'a cat' }),
        node('g', 'generate', {}),
        node('i', 'prompt', { text: instruction }),
        node('e', 'edit', {}),
      ],
      [
        edge('p', 'text', 'g', 'prompt'),
        edge('g', 'image', 'e', 'image'),
        edge('i', 'text', 'e', 'instruction'),
      ],
    );
    const report = validateWorkflow(workflow, nodeRegistry);
    // g's answer is in the cache, as a run through the scripted provider would have left it.
    const cache = new MemoryCache();
    await cache.set(
      cacheKeyFor({
        type: 'generate',
        version: nodeRegistry.generate.version,
        params: report.params.get('g'),
        inputs: { prompt: 'a cat' },
        provider: 'scripted',
      }),
      { outputs: { image: edited }, createdAt: 0 },
    );
    const { estimate } = await planOf(workflow, { cache });
    const params = report.params.get('e');
    // The edited image and the two images its conversation replays (the user's and the answer).
    const usd = usdOf('edit', params, instruction.length, 3);
    const others = [1, 2, 4, 5, 6, 7].map((count) => usdOf('edit', params, instruction.length, count));
    expect(others).not.toContain(usd);
    expect(usdOf('edit', params, 400, 3)).not.toBe(usd);
    expect(estimate).toEqual({
      calls: 1,
      cachedNodes: 1,
      usd: roundUsd(usd),
      perNode: {
        p: { action: 'compute', calls: 0, usd: 0 },
        i: { action: 'compute', calls: 0, usd: 0 },
        g: { action: 'cached', calls: 0, usd: 0 },
        e: { action: 'call', calls: 1, usd },
      },
    });
  });

  it('a model node with no estimate is one call of unknown cost, and an unknown cost makes the total unknown', async () => {
    const registry: NodeRegistry = {
      ...nodeRegistry,
      mystery: defineNode({
        type: 'mystery',
        version: 1,
        title: 'Mystery',
        description: 'A model node that cannot say what it costs.',
        callsModel: true,
        inputs: { prompt: port('text') },
        outputs: { image: port('image') },
        params: z.strictObject({}),
        run: async () => ok({ outputs: {} }),
      }),
    };
    const workflow = workflowOf(
      [node('p', 'prompt', { text: 'a cat' }), node('g', 'generate', {}), node('m', 'mystery', {})],
      [edge('p', 'text', 'g', 'prompt'), edge('p', 'text', 'm', 'prompt')],
    );
    const { estimate, report } = await planOf(workflow, { registry });
    expect(estimate).toEqual({
      calls: 2,
      cachedNodes: 0,
      usd: null,
      perNode: {
        p: { action: 'compute', calls: 0, usd: 0 },
        g: { action: 'call', calls: 1, usd: usdOf('generate', report.params.get('g'), 5, 0) },
        m: { action: 'call', calls: 1, usd: null },
      },
    });
  });
});

describe('planRun: cheap nodes computed while planning', () => {
  /** A node that calls no model but tries to, and reports what it saw. */
  const registry: NodeRegistry = {
    ...nodeRegistry,
    probe: defineNode({
      type: 'probe',
      version: 1,
      title: 'Probe',
      description: 'Reports the run it sees and what a model call gives it.',
      callsModel: false,
      inputs: {},
      outputs: { text: port('text') },
      params: z.strictObject({}),
      run: async ({ workflowName, row, callModel }) => {
        const call = await callModel({ model: 'gemini-3.1-flash-image', prompt: 'x', references: [] });
        const answer = call.ok ? 'answered' : `${call.error.code}: ${call.error.message}`;
        return ok({ outputs: { text: `${workflowName} | row ${row} | ${answer}` } });
      },
    }),
  };
  const probed = workflowOf([node('probe', 'probe', {})], [], 'Shoes');

  it("sees the workflow's name and row 1 by default, and may not call a model", async () => {
    const { estimate, knownOutputs } = await planOf(probed, { registry });
    expect(estimate.perNode.probe).toEqual({ action: 'compute', calls: 0, usd: 0 });
    expect(knownOutputs.get('probe')).toEqual({ text: 'Shoes | row 1 | internal: planning makes no calls' });
  });

  it('sees the name and row the caller gives', async () => {
    const { knownOutputs } = await planOf(probed, { registry, workflowName: 'Boots', row: 4 });
    expect(knownOutputs.get('probe')).toEqual({ text: 'Boots | row 4 | internal: planning makes no calls' });
  });

  it('a node whose inputs are not known yet is not run (an export after a paid call)', async () => {
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'a cat' }),
        node('g', 'generate', {}),
        node('x', 'export', { filename: 'a-{n}' }),
      ],
      [edge('p', 'text', 'g', 'prompt'), edge('g', 'image', 'x', 'images')],
    );
    const { estimate, knownOutputs } = await planOf(workflow);
    expect(estimate.perNode.x).toEqual({ action: 'compute', calls: 0, usd: 0 });
    expect([...knownOutputs.keys()]).toEqual(['p']);
  });

  it('a node that fails while planning (its asset store throws) stays "compute" and unknown; planning goes on', async () => {
    const photo = imageValueOf(tinyPng(1), 'image/png');
    const broken: AssetStore = {
      get: async () => {
        throw new Error('the disk went away');
      },
    };
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'a cat' }),
        node('rs', 'referenceSet', { images: [refOf(photo, 'a.png')] }),
        node('g', 'generate', {}),
      ],
      [edge('p', 'text', 'g', 'prompt'), edge('rs', 'images', 'g', 'references')],
    );
    const { estimate, report, knownOutputs } = await planOf(workflow, { assets: broken });
    const usd = usdOf('generate', report.params.get('g'), 5, 0);
    expect(estimate).toEqual({
      calls: 1,
      cachedNodes: 0,
      usd: roundUsd(usd),
      perNode: {
        p: { action: 'compute', calls: 0, usd: 0 },
        rs: { action: 'compute', calls: 0, usd: 0 },
        g: { action: 'call', calls: 1, usd },
      },
    });
    expect([...knownOutputs.keys()]).toEqual(['p']);
  });
});
