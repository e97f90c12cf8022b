/**
 * planRun and image tools (issue #19, mutation testing): free but heavy local nodes are cached by
 * content like model nodes and never run while planning; a hit is reported as one and its output
 * lets what follows find its own cache entry; a reroll makes the tool "compute" again.
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { MemoryAssetStore } from '../../../src/engine/assets';
import { MemoryCache } from '../../../src/engine/cache';
import { roundUsd } from '../../../src/engine/cost';
import { runWorkflow } from '../../../src/engine/executor';
import type { ImageOps } from '../../../src/engine/image-ops';
import { planOf, usdOf } from '../../helpers/plan';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { tinyPng } from '../../helpers/tiny-png';
import { edge, node, workflowOf } from '../../helpers/workflows';

describe('planRun: image tools (cached by content, never run while planning)', () => {
  /** Image tools here return one fixed small PNG: enough for the cache, no pixel work. */
  const ops: ImageOps = {
    run: async () => ({ ok: true, value: [{ bytes: tinyPng(7), mimeType: 'image/png' }] }),
  };

  async function imageChain() {
    const assets = new MemoryAssetStore();
    const photo = assets.put(tinyPng(3), 'image/png');
    const workflow = workflowOf(
      [
        node('img', 'imageInput', { image: { name: 'a.png', mimeType: 'image/png', hash: photo.hash } }),
        node('r', 'resize', { width: 8 }),
        node('e', 'edit', { instruction: 'warmer' }),
      ],
      [edge('img', 'image', 'r', 'image'), edge('r', 'image', 'e', 'image')],
    );
    return { assets, workflow };
  }

  it('before any run: the tools are "compute" (not run, so nothing is known) and the edit a call', async () => {
    const { assets, workflow } = await imageChain();
    const { estimate, report, knownOutputs } = await planOf(workflow, { assets });
    const eUsd = usdOf('edit', report.params.get('e'), 400, 0);
    expect(estimate).toEqual({
      calls: 1,
      cachedNodes: 0,
      usd: roundUsd(eUsd),
      perNode: {
        img: { action: 'compute', calls: 0, usd: 0 },
        r: { action: 'compute', calls: 0, usd: 0 },
        e: { action: 'call', calls: 1, usd: eUsd },
      },
    });
    expect(knownOutputs.size).toBe(0);
  });

  it('after a run: each tool is a cache hit whose output lets the edit find its own entry', async () => {
    const { assets, workflow } = await imageChain();
    const cache = new MemoryCache();
    const run = await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider: scriptedProvider(),
      cache,
      assets,
      imageOps: ops,
    });
    expect(run.status).toBe('ok');
    const { estimate, knownOutputs } = await planOf(workflow, { assets, cache });
    expect(estimate).toEqual({
      calls: 0,
      cachedNodes: 3,
      usd: 0,
      perNode: {
        img: { action: 'cached', calls: 0, usd: 0 },
        r: { action: 'cached', calls: 0, usd: 0 },
        e: { action: 'cached', calls: 0, usd: 0 },
      },
    });
    expect(knownOutputs.get('r')).toEqual(run.nodes.get('r')?.outputs);
    expect([...knownOutputs.keys()]).toEqual(['img', 'r', 'e']);
  });

  it('a rerolled tool is "compute" and, its output unknown, the edit after it a call', async () => {
    const { assets, workflow } = await imageChain();
    const cache = new MemoryCache();
    await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider: scriptedProvider(),
      cache,
      assets,
      imageOps: ops,
    });
    const { estimate, report, knownOutputs } = await planOf(workflow, {
      assets,
      cache,
      reroll: new Set(['r']),
    });
    const eUsd = usdOf('edit', report.params.get('e'), 400, 0);
    expect(estimate).toEqual({
      calls: 1,
      cachedNodes: 1,
      usd: roundUsd(eUsd),
      perNode: {
        img: { action: 'cached', calls: 0, usd: 0 },
        r: { action: 'compute', calls: 0, usd: 0 },
        e: { action: 'call', calls: 1, usd: eUsd },
      },
    });
    expect([...knownOutputs.keys()]).toEqual(['img']);
  });

  it('a rerolled edit after cached tools is a call on one image (a tool output replays no conversation)', async () => {
    const { assets, workflow } = await imageChain();
    const cache = new MemoryCache();
    await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider: scriptedProvider(),
      cache,
      assets,
      imageOps: ops,
    });
    const { estimate, report } = await planOf(workflow, { assets, cache, reroll: new Set(['e']) });
    const eUsd = usdOf('edit', report.params.get('e'), 400, 1);
    expect(estimate).toEqual({
      calls: 1,
      cachedNodes: 2,
      usd: roundUsd(eUsd),
      perNode: {
        img: { action: 'cached', calls: 0, usd: 0 },
        r: { action: 'cached', calls: 0, usd: 0 },
        e: { action: 'call', calls: 1, usd: eUsd },
      },
    });
  });
});
