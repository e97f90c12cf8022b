/**
 * planRun's per-node actions (issue #19, mutation testing): what a run will do with each node
 * before it does it. Invalid and blocked nodes with their reasons, `include` (run to the selected
 * node), bypassed nodes passing values through, cache hits of model and image-tool nodes, and
 * rerolls. The figures and cheap nodes computed while planning: plan-estimate.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { MemoryAssetStore } from '../../../src/engine/assets';
import { MemoryCache } from '../../../src/engine/cache';
import { roundUsd } from '../../../src/engine/cost';
import { runWorkflow } from '../../../src/engine/executor';
import type { ImageOps } from '../../../src/engine/image-ops';
import { type PlanOptions, planRun } from '../../../src/engine/plan';
import { validateWorkflow } from '../../../src/engine/validate';
import type { NodeOutputs } from '../../../src/engine/values';
import type { Workflow } from '../../../src/engine/workflow';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { tinyPng } from '../../helpers/tiny-png';
import { edge, node, workflowOf } from '../../helpers/workflows';

type Extra = Partial<Omit<PlanOptions, 'knownOutputs'>>;

/** Validates and plans `workflow`; returns the estimate, the report and what planning learnt. */
async function plan(workflow: Workflow, extra: Extra = {}) {
  const registry = extra.registry ?? nodeRegistry;
  const report = validateWorkflow(workflow, registry);
  const knownOutputs = new Map<string, NodeOutputs>();
  const estimate = await planRun(workflow, report, {
    registry,
    providerId: 'scripted',
    cache: new MemoryCache(),
    assets: new MemoryAssetStore(),
    knownOutputs,
    ...extra,
  });
  return { estimate, report, knownOutputs };
}

/** The definition's own estimate of one call, with the context the planner should pass. */
function usdOf(type: string, params: unknown, promptChars: number, inputImages: number): number | null {
  const estimate = nodeRegistry[type as keyof typeof nodeRegistry].estimate;
  if (!estimate) throw new Error(`${type} has no estimate`);
  return estimate(params as never, { promptChars, inputImages }).usd;
}

describe('planRun: invalid and blocked nodes', () => {
  it('an invalid node names all its problems; everything downstream of it (directly or not) is blocked', async () => {
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'a cat' }),
        node('g', 'generate', {}),
        node('e0', 'edit', {}),
        node('e1', 'edit', { instruction: 'one' }),
        node('e2', 'edit', { instruction: 'two' }),
        node('e3', 'edit', { instruction: 'three' }),
      ],
      [
        edge('p', 'text', 'g', 'prompt'),
        edge('e0', 'image', 'e1', 'image'),
        edge('e1', 'image', 'e2', 'image'),
        // e3's first input is fine; only its second one comes from a node that cannot run.
        edge('g', 'image', 'e3', 'image'),
        edge('e2', 'image', 'e3', 'references'),
      ],
    );
    const { estimate, report } = await plan(workflow);
    const gUsd = usdOf('generate', report.params.get('g'), 'a cat'.length, 0);
    expect(gUsd).toBeGreaterThan(0);
    expect(estimate).toEqual({
      calls: 1,
      cachedNodes: 0,
      usd: roundUsd(gUsd as number),
      perNode: {
        p: { action: 'compute', calls: 0, usd: 0 },
        g: { action: 'call', calls: 1, usd: gUsd },
        e0: {
          action: 'invalid',
          calls: 0,
          usd: 0,
          reason:
            'input "image" (image) is not connected; write an instruction or connect a Prompt to "instruction"',
        },
        e1: { action: 'blocked', calls: 0, usd: 0, reason: 'needs "e0", which cannot run' },
        e2: { action: 'blocked', calls: 0, usd: 0, reason: 'needs "e1", which cannot run' },
        e3: { action: 'blocked', calls: 0, usd: 0, reason: 'needs "e2", which cannot run' },
      },
    });
  });

  it('an empty list of errors for a node is no error: the node is planned as usual', async () => {
    const workflow = workflowOf(
      [node('p', 'prompt', { text: 'a cat' }), node('g', 'generate', {})],
      [edge('p', 'text', 'g', 'prompt')],
    );
    const report = validateWorkflow(workflow, nodeRegistry);
    report.nodeErrors.set('g', []);
    const estimate = await planRun(workflow, report, {
      registry: nodeRegistry,
      providerId: 'scripted',
      cache: new MemoryCache(),
      assets: new MemoryAssetStore(),
    });
    expect(estimate.perNode.g).toEqual({
      action: 'call',
      calls: 1,
      usd: usdOf('generate', report.params.get('g'), 5, 0),
    });
  });
});

describe('planRun: include (run to the selected node)', () => {
  it('plans only the nodes included; the other branch is neither listed nor counted', async () => {
    const workflow = workflowOf(
      [
        node('p1', 'prompt', { text: 'a cat' }),
        node('g1', 'generate', {}),
        node('p2', 'prompt', { text: 'a dog' }),
        node('g2', 'generate', {}),
      ],
      [edge('p1', 'text', 'g1', 'prompt'), edge('p2', 'text', 'g2', 'prompt')],
    );
    const { estimate, report } = await plan(workflow, { include: new Set(['p1', 'g1']) });
    const usd = usdOf('generate', report.params.get('g1'), 5, 0) as number;
    expect(estimate).toEqual({
      calls: 1,
      cachedNodes: 0,
      usd: roundUsd(usd),
      perNode: {
        p1: { action: 'compute', calls: 0, usd: 0 },
        g1: { action: 'call', calls: 1, usd },
      },
    });
  });
});

describe('planRun: bypassed nodes and cache hits of model nodes', () => {
  const straight = () =>
    workflowOf(
      [
        node('p', 'prompt', { text: 'a cat' }),
        node('g', 'generate', {}),
        node('e2', 'edit', { instruction: 'cooler' }),
      ],
      [edge('p', 'text', 'g', 'prompt'), edge('g', 'image', 'e2', 'image')],
    );
  /** The same with a bypassed edit between g and e2: e2 receives g's image as before. */
  const withBypass = () =>
    workflowOf(
      [
        node('p', 'prompt', { text: 'a cat' }),
        node('g', 'generate', {}),
        node('e1', 'edit', { instruction: 'warmer' }, { bypass: true }),
        node('e2', 'edit', { instruction: 'cooler' }),
      ],
      [
        edge('p', 'text', 'g', 'prompt'),
        edge('g', 'image', 'e1', 'image'),
        edge('e1', 'image', 'e2', 'image'),
      ],
    );

  it('a bypassed node costs nothing and passes its input on, so the node after it finds its cache entry', async () => {
    const cache = new MemoryCache();
    const first = await runWorkflow(straight(), {
      registry: nodeRegistry,
      provider: scriptedProvider(),
      cache,
    });
    expect(first.status).toBe('ok');
    const gImage = first.nodes.get('g')?.outputs?.image;
    expect(gImage).toBeDefined();
    const { estimate, knownOutputs } = await plan(withBypass(), { cache });
    expect(estimate).toEqual({
      calls: 0,
      cachedNodes: 2,
      usd: 0,
      perNode: {
        p: { action: 'compute', calls: 0, usd: 0 },
        g: { action: 'cached', calls: 0, usd: 0 },
        e1: { action: 'bypassed', calls: 0, usd: 0 },
        e2: { action: 'cached', calls: 0, usd: 0 },
      },
    });
    expect(knownOutputs.get('e1')).toEqual({ image: gImage });
    expect([...knownOutputs.keys()].sort()).toEqual(['e1', 'e2', 'g', 'p']);
  });

  it('a bypassed node whose input is not known yet passes nothing on; what follows is a call', async () => {
    const { estimate, report, knownOutputs } = await plan(withBypass());
    const gUsd = usdOf('generate', report.params.get('g'), 5, 0) as number;
    const eUsd = usdOf('edit', report.params.get('e2'), 400, 0) as number;
    expect(estimate).toEqual({
      calls: 2,
      cachedNodes: 0,
      usd: roundUsd(gUsd + eUsd),
      perNode: {
        p: { action: 'compute', calls: 0, usd: 0 },
        g: { action: 'call', calls: 1, usd: gUsd },
        e1: { action: 'bypassed', calls: 0, usd: 0 },
        e2: { action: 'call', calls: 1, usd: eUsd },
      },
    });
    expect([...knownOutputs.keys()]).toEqual(['p']);
  });

  it('a rerolled model node is a call even when its answer is in the cache', async () => {
    const cache = new MemoryCache();
    await runWorkflow(straight(), { registry: nodeRegistry, provider: scriptedProvider(), cache });
    const { estimate, report } = await plan(straight(), { cache, reroll: new Set(['e2']) });
    // Two input images: g's image and the one its conversation replays (the model's answer).
    const eUsd = usdOf('edit', report.params.get('e2'), 400, 2) as number;
    expect(estimate).toEqual({
      calls: 1,
      cachedNodes: 1,
      usd: roundUsd(eUsd),
      perNode: {
        p: { action: 'compute', calls: 0, usd: 0 },
        g: { action: 'cached', calls: 0, usd: 0 },
        e2: { action: 'call', calls: 1, usd: eUsd },
      },
    });
  });
});

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
    const { estimate, report, knownOutputs } = await plan(workflow, { assets });
    const eUsd = usdOf('edit', report.params.get('e'), 400, 0) as number;
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
    const { estimate, knownOutputs } = await plan(workflow, { assets, cache });
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
    const { estimate, report, knownOutputs } = await plan(workflow, {
      assets,
      cache,
      reroll: new Set(['r']),
    });
    const eUsd = usdOf('edit', report.params.get('e'), 400, 0) as number;
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
    const { estimate, report } = await plan(workflow, { assets, cache, reroll: new Set(['e']) });
    const eUsd = usdOf('edit', report.params.get('e'), 400, 1) as number;
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
