/**
 * planRun's per-node actions (issue #19, mutation testing): what a run will do with each node
 * before it does it. Invalid and blocked nodes with their reasons, `include` (run to the selected
 * node), bypassed nodes passing values through, cache hits and rerolls of model nodes. Image tools:
 * plan-image-tools.test.ts; the figures and cheap nodes computed while planning: plan-estimate.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { MemoryAssetStore } from '../../../src/engine/assets';
import { MemoryCache } from '../../../src/engine/cache';
import { roundUsd } from '../../../src/engine/cost';
import { runWorkflow } from '../../../src/engine/executor';
import { planRun } from '../../../src/engine/plan';
import { validateWorkflow } from '../../../src/engine/validate';
import { planOf, usdOf } from '../../helpers/plan';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { edge, node, workflowOf } from '../../helpers/workflows';

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
    const { estimate, report } = await planOf(workflow);
    const gUsd = usdOf('generate', report.params.get('g'), 'a cat'.length, 0);
    expect(gUsd).toBeGreaterThan(0);
    expect(estimate).toEqual({
      calls: 1,
      cachedNodes: 0,
      usd: roundUsd(gUsd),
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
    const { estimate, report } = await planOf(workflow, { include: new Set(['p1', 'g1']) });
    const usd = usdOf('generate', report.params.get('g1'), 5, 0);
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
    const { estimate, knownOutputs } = await planOf(withBypass(), { cache });
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
    const { estimate, report, knownOutputs } = await planOf(withBypass());
    const gUsd = usdOf('generate', report.params.get('g'), 5, 0);
    const eUsd = usdOf('edit', report.params.get('e2'), 400, 0);
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
    const { estimate, report } = await planOf(straight(), { cache, reroll: new Set(['e2']) });
    // Two input images: g's image and the one its conversation replays (the model's answer).
    const eUsd = usdOf('edit', report.params.get('e2'), 400, 2);
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
