import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../../nodes/registry';
import { MemoryAssetStore } from '../../../../src/engine/assets';
import { MemoryCache } from '../../../../src/engine/cache';
import type { RunEvent } from '../../../../src/engine/events';
import { runWorkflow } from '../../../../src/engine/executor';
import { planRun } from '../../../../src/engine/plan';
import { RunRecorder } from '../../../../src/engine/run-record';
import { validateWorkflow } from '../../../../src/engine/validate';
import type { ImageValue } from '../../../../src/engine/values';
import type { Workflow } from '../../../../src/engine/workflow';
import { scriptedProvider } from '../../../helpers/scripted-provider';
import { edge, imageHashOf, node, workflowOf } from '../../../helpers/workflows';

const registry = nodeRegistry;
const model = 'gemini-3.1-flash-image';

/** list -> template "a {x}" -> generate (-> edit) (-> export). */
function listToGenerate(items: string[], extra: { edit?: boolean; exportName?: string } = {}) {
  const nodes = [
    node('list', 'list', { items }),
    node('t', 'template', { text: 'a photo of {x}' }),
    node('gen', 'generate', { model }),
  ];
  const edges = [edge('list', 'items', 't', 'x'), edge('t', 'text', 'gen', 'prompt')];
  if (extra.edit) {
    nodes.push(node('ed', 'edit', { model, instruction: 'warmer light', continueConversation: false }));
    edges.push(edge('gen', 'image', 'ed', 'image'));
  }
  if (extra.exportName) {
    nodes.push(node('out', 'export', { filename: extra.exportName }));
    edges.push(edge(extra.edit ? 'ed' : 'gen', 'image', 'out', 'images'));
  }
  return workflowOf(nodes, edges);
}

describe('many-values: mapping', () => {
  it('runs a node once per element, in order, as element instances gen[1], gen[2], ...', async () => {
    const provider = scriptedProvider();
    const events: RunEvent[] = [];
    const result = await runWorkflow(listToGenerate(['cat', 'dog', 'owl']), {
      registry,
      provider,
      onEvent: (event) => events.push(event),
    });
    expect(result.status).toBe('ok');
    expect(provider.requests.map((r) => r.prompt).sort()).toEqual([
      'a photo of cat',
      'a photo of dog',
      'a photo of owl',
    ]);
    expect(result.nodes.get('t[2]')?.outputs?.text).toBe('a photo of dog');
    expect(result.nodes.get('gen[3]')?.status).toBe('ran');
    expect(result.nodes.has('gen')).toBe(false);
    const start = events.find((e) => e.type === 'node-start' && e.nodeId === 'gen[2]');
    expect(start).toMatchObject({ element: { of: 'gen', index: 2, count: 3, item: 'dog' } });
  });

  it('crosses two many values by default: 2 products x 3 scenes = 6 calls', async () => {
    const provider = scriptedProvider();
    const workflow = workflowOf(
      [
        node('products', 'list', { items: ['mug', 'lamp'] }),
        node('scenes', 'list', { items: ['beach', 'desk', 'forest'] }),
        node('t', 'template', { text: '{product} on a {scene}' }),
        node('gen', 'generate', { model }),
      ],
      [
        edge('products', 'items', 't', 'product'),
        edge('scenes', 'items', 't', 'scene'),
        edge('t', 'text', 'gen', 'prompt'),
      ],
    );
    const result = await runWorkflow(workflow, { registry, provider });
    expect(provider.requests).toHaveLength(6);
    expect(result.nodes.get('t[1,1]')?.outputs?.text).toBe('mug on a beach');
    expect(result.nodes.get('t[2,3]')?.outputs?.text).toBe('lamp on a forest');
    expect(result.nodes.get('gen[2,3]')?.status).toBe('ran');
    expect(result.estimate).toMatchObject({ calls: 6 });
    expect(result.estimate.upTo).toBeUndefined();
  });

  it('zips element by element, and unequal lengths are a validation error naming both lengths', async () => {
    const zipped = (scenes: string[]) =>
      workflowOf(
        [
          node('products', 'list', { items: ['mug', 'lamp', 'vase'] }),
          node('scenes', 'list', { items: scenes }),
          node('t', 'template', { text: '{product} on a {scene}', combine: 'zip' }),
          node('gen', 'generate', { model }),
        ],
        [
          edge('products', 'items', 't', 'product'),
          edge('scenes', 'items', 't', 'scene'),
          edge('t', 'text', 'gen', 'prompt'),
        ],
      );
    const provider = scriptedProvider();
    const result = await runWorkflow(zipped(['beach', 'desk', 'forest']), { registry, provider });
    expect(provider.requests.map((r) => r.prompt).sort()).toEqual([
      'lamp on a desk',
      'mug on a beach',
      'vase on a forest',
    ]);
    expect(result.status).toBe('ok');

    const report = validateWorkflow(zipped(['beach', 'desk']), registry);
    const errors = report.nodeErrors.get('t') ?? [];
    expect(errors[0]?.code).toBe('length_mismatch');
    expect(errors[0]?.message).toContain('3 and 2');
    const refused = await runWorkflow(zipped(['beach', 'desk']), { registry, provider });
    expect(refused.status).toBe('failed');
    expect(provider.requests).toHaveLength(3);
  });

  it('maps a mapped node again (nested mapping): each edit reads its own generated image', async () => {
    const provider = scriptedProvider();
    const result = await runWorkflow(listToGenerate(['cat', 'dog'], { edit: true }), { registry, provider });
    expect(result.status).toBe('ok');
    expect(provider.requests).toHaveLength(4);
    const editRequests = provider.requests.filter((r) => r.prompt === 'warmer light');
    const generated = [imageHashOf(result, 'gen[1]'), imageHashOf(result, 'gen[2]')];
    expect(editRequests.map((r) => r.references[0]?.hash).sort()).toEqual([...generated].sort());
    expect(result.nodes.get('ed[2]')?.status).toBe('ran');
  });

  it('maps a many value made by a mapped node: 2 prompts x 2 variants = 4 edits', async () => {
    const provider = scriptedProvider();
    const workflow = workflowOf(
      [
        node('list', 'list', { items: ['cat', 'dog'] }),
        node('gen', 'generate', { model, variations: 2 }),
        node('ed', 'edit', { model, instruction: 'sharper', continueConversation: false }),
      ],
      [edge('list', 'items', 'gen', 'prompt'), edge('gen', 'variants', 'ed', 'image')],
    );
    const result = await runWorkflow(workflow, { registry, provider });
    expect(result.status).toBe('ok');
    expect(provider.requests.filter((r) => r.prompt === 'sharper')).toHaveLength(4);
    expect([...result.nodes.keys()].filter((id) => id.startsWith('ed['))).toEqual(
      expect.arrayContaining(['ed[1,1]', 'ed[1,2]', 'ed[2,1]', 'ed[2,2]']),
    );
  });

  it('gives list inputs one element set each (reference set "each"), and whole inputs the whole sequence', async () => {
    const provider = scriptedProvider();
    const cache = new MemoryCache();
    // Three generated images, collected into one list of references for a final generate.
    const workflow = workflowOf(
      [
        node('list', 'list', { items: ['a', 'b', 'c'] }),
        node('gen', 'generate', { model }),
        node('all', 'collect', {}),
        node('p', 'prompt', { text: 'a grid of these' }),
        node('grid', 'generate', { model }),
        node('out', 'export', { filename: 'x-{i}' }),
      ],
      [
        edge('list', 'items', 'gen', 'prompt'),
        edge('gen', 'image', 'all', 'items'),
        edge('all', 'list', 'grid', 'references'),
        edge('p', 'text', 'grid', 'prompt'),
        edge('gen', 'image', 'out', 'images'),
      ],
    );
    const result = await runWorkflow(workflow, { registry, provider, cache });
    expect(result.status).toBe('ok');
    const gridRequest = provider.requests.find((r) => r.prompt === 'a grid of these');
    expect(gridRequest?.references).toHaveLength(3);
    const files = result.nodes.get('out')?.exports?.map((file) => file.baseName);
    expect(files).toEqual(['x-1', 'x-2', 'x-3']);
  });
});

describe('many-values: cache, re-roll, cancel, failure', () => {
  it('adding one list item makes exactly the new call; mapping a single value costs nothing new', async () => {
    const provider = scriptedProvider();
    const cache = new MemoryCache();
    await runWorkflow(listToGenerate(['cat', 'dog', 'owl']), { registry, provider, cache });
    expect(provider.requests).toHaveLength(3);
    const grown = await runWorkflow(listToGenerate(['cat', 'dog', 'owl', 'fox']), {
      registry,
      provider,
      cache,
    });
    expect(provider.requests).toHaveLength(4);
    expect(provider.requests.at(-1)?.prompt).toBe('a photo of fox');
    expect(grown.totals.calls).toBe(1);
    // The same prompt typed into an unmapped prompt node is the same call: served from the cache.
    const single = workflowOf(
      [node('p', 'prompt', { text: 'a photo of dog' }), node('g', 'generate', { model })],
      [edge('p', 'text', 'g', 'prompt')],
    );
    const unmapped = await runWorkflow(single, { registry, provider, cache });
    expect(unmapped.nodes.get('g')?.status).toBe('cached');
    expect(provider.requests).toHaveLength(4);
  });

  it('re-rolls one element only', async () => {
    const provider = scriptedProvider();
    const cache = new MemoryCache();
    const workflow = listToGenerate(['cat', 'dog', 'owl']);
    const first = await runWorkflow(workflow, { registry, provider, cache });
    const again = await runWorkflow(workflow, { registry, provider, cache, reroll: ['gen[2]'] });
    expect(provider.requests).toHaveLength(4);
    expect(provider.requests.at(-1)?.prompt).toBe('a photo of dog');
    expect(again.nodes.get('gen[1]')?.status).toBe('cached');
    expect(again.nodes.get('gen[2]')?.status).toBe('ran');
    expect(imageHashOf(again, 'gen[2]')).not.toBe(imageHashOf(first, 'gen[2]'));
    // Re-rolling the node of the file re-rolls every element.
    await runWorkflow(workflow, { registry, provider, cache, reroll: ['gen'] });
    expect(provider.requests).toHaveLength(7);
  });

  it('a cancel mid-map keeps the finished elements', async () => {
    const provider = scriptedProvider({ delayMs: 40 });
    const cache = new MemoryCache();
    const controller = new AbortController();
    const workflow = listToGenerate(['cat', 'dog', 'owl', 'fox']);
    const running = runWorkflow(workflow, {
      registry,
      provider,
      cache,
      concurrency: 1,
      signal: controller.signal,
    });
    const finished: string[] = [];
    const watcher = setInterval(() => {
      if (provider.requests.length >= 2) {
        clearInterval(watcher);
        controller.abort();
      }
    }, 5);
    const result = await running;
    clearInterval(watcher);
    expect(result.status).toBe('cancelled');
    for (const [id, nodeResult] of result.nodes)
      if (nodeResult.status === 'ran' && id.startsWith('gen')) finished.push(id);
    expect(finished.length).toBeGreaterThanOrEqual(1);
    expect(finished.length).toBeLessThan(4);
    const before = provider.requests.length;
    const fast = scriptedProvider({ id: provider.id });
    const resumed = await runWorkflow(workflow, { registry, provider: fast, cache });
    expect(resumed.status).toBe('ok');
    for (const id of finished) expect(resumed.nodes.get(id)?.status).toBe('cached');
    expect(fast.requests).toHaveLength(4 - finished.length);
    expect(before).toBeGreaterThanOrEqual(2);
  });

  it('one failing element fails only itself and its descendants', async () => {
    const provider = scriptedProvider({
      failWhenPromptIncludes: { wolf: { code: 'safety_blocked', message: 'blocked' } },
    });
    const result = await runWorkflow(
      listToGenerate(['cat', 'wolf', 'owl'], { edit: true, exportName: '{item}-{i}' }),
      {
        registry,
        provider,
      },
    );
    expect(result.status).toBe('failed');
    expect(result.nodes.get('gen[2]')).toMatchObject({ status: 'failed', error: { code: 'safety_blocked' } });
    expect(result.nodes.get('ed[2]')).toMatchObject({
      status: 'skipped',
      error: { code: 'upstream_failed' },
    });
    for (const id of ['gen[1]', 'gen[3]', 'ed[1]', 'ed[3]']) expect(result.nodes.get(id)?.status).toBe('ran');
    // The export writes what was paid for, named by element.
    expect(result.nodes.get('out')?.exports?.map((file) => file.baseName)).toEqual(['cat-1', 'owl-3']);
  });
});

describe('many-values: text model lists, estimates and the budget', () => {
  /** prompt -> textModel (list of maxItems) -> generate per item. */
  const briefToVariations = (maxItems = 5) =>
    workflowOf(
      [
        node('brief', 'prompt', { text: 'a cosy reading nook' }),
        node('writer', 'textModel', {
          model: 'gemini-3.1-flash-lite',
          instruction: 'Write image prompts for this brief',
          output: 'list',
          maxItems,
        }),
        node('gen', 'generate', { model }),
        node('out', 'export', { filename: '{item}-{i}' }),
      ],
      [
        edge('brief', 'text', 'writer', 'prompt'),
        edge('writer', 'items', 'gen', 'prompt'),
        edge('gen', 'image', 'out', 'images'),
      ],
    );

  it('expands after the answer arrives: 1 text call, then one image call per item; a re-run makes none', async () => {
    const provider = scriptedProvider();
    const cache = new MemoryCache();
    const events: RunEvent[] = [];
    const result = await runWorkflow(briefToVariations(), {
      registry,
      provider,
      cache,
      onEvent: (event) => events.push(event),
    });
    expect(result.status).toBe('ok');
    const textCalls = provider.requests.filter((r) => r.answer?.kind === 'list');
    expect(textCalls).toHaveLength(1);
    expect(textCalls[0]?.answer).toEqual({ kind: 'list', maxItems: 5 });
    expect(provider.requests.filter((r) => !r.answer)).toHaveLength(5);
    expect(result.nodes.get('out')?.exports).toHaveLength(5);
    expect(events.filter((e) => e.type === 'node-queued' && e.nodeId.startsWith('gen['))).toHaveLength(5);
    const again = await runWorkflow(briefToVariations(), { registry, provider, cache });
    expect(again.totals.calls).toBe(0);
    expect(provider.requests).toHaveLength(6);
    expect(again.estimate.upTo).toBeUndefined();
  });

  it('estimates known counts exactly and answer-made counts as "up to N"', async () => {
    const plan = (workflow: Workflow) =>
      planRun(workflow, validateWorkflow(workflow, registry), {
        registry,
        providerId: 'scripted',
        cache: new MemoryCache(),
        assets: new MemoryAssetStore(),
      });
    const upTo = await plan(briefToVariations(4));
    expect(upTo).toMatchObject({ upTo: true, calls: 5, known: { calls: 1 } });
    expect(upTo.perNode.gen).toMatchObject({ action: 'call', calls: 4 });
    const exact = await plan(listToGenerate(['a', 'b', 'c']));
    expect(exact.calls).toBe(3);
    expect(exact.upTo).toBeUndefined();
    // The run's own estimate says the same before the answer arrives.
    const run = await runWorkflow(briefToVariations(4), { registry, provider: scriptedProvider() });
    expect(run.estimate).toMatchObject({ upTo: true, calls: 5, known: { calls: 1 } });
  });

  it('keeps the cap when the list is longer than the rest of the budget allows', async () => {
    const provider = scriptedProvider();
    // One image call costs $0.07742 here; the text call far less. Room for two images.
    const capped = await runWorkflow(briefToVariations(5), { registry, provider, maxCostUsd: 0.2 });
    expect(capped.totals.costUsd).toBeLessThanOrEqual(0.2);
    const images = provider.requests.filter((r) => !r.answer);
    expect(images.length).toBe(2);
    const refusedElements = [...capped.nodes.entries()].filter(
      ([id, r]) => id.startsWith('gen[') && r.error?.code === 'budget_exceeded',
    );
    expect(refusedElements).toHaveLength(3);

    // The editor refuses the new elements before any image call when their estimate passes the cap.
    const strict = scriptedProvider();
    const refused = await runWorkflow(briefToVariations(5), {
      registry,
      provider: strict,
      maxCostUsd: 0.2,
      refuseOverBudgetEstimate: true,
    });
    expect(strict.requests.filter((r) => r.answer)).toHaveLength(1);
    expect(strict.requests.filter((r) => !r.answer)).toHaveLength(0);
    expect(refused.nodes.get('gen[1]')).toMatchObject({ error: { code: 'budget_exceeded' } });
  });

  it('records one run entry per element, with its index from 1', async () => {
    const workflow = listToGenerate(['cat', 'dog']);
    const recorder = new RunRecorder(workflow);
    await runWorkflow(workflow, {
      registry,
      provider: scriptedProvider(),
      onEvent: (e) => recorder.onEvent(e),
    });
    const entries = recorder.records().filter((record) => record.of === 'gen');
    expect(entries.map((record) => [record.id, record.element, record.type, record.model])).toEqual(
      expect.arrayContaining([
        ['gen[1]', 1, 'generate', model],
        ['gen[2]', 2, 'generate', model],
      ]),
    );
  });

  it('skips what maps over an answer that never came', async () => {
    const provider = scriptedProvider({
      failWhenPromptIncludes: { nook: { code: 'safety_blocked', message: 'blocked' } },
    });
    const result = await runWorkflow(briefToVariations(), { registry, provider });
    expect(result.nodes.get('writer')?.status).toBe('failed');
    expect(result.nodes.get('gen')).toMatchObject({ status: 'skipped', error: { code: 'upstream_failed' } });
    expect(provider.requests).toHaveLength(1);
  });
});

describe('many-values: pick and reference sets', () => {
  it('picks one variation by its index from 1 and continues from it', async () => {
    const provider = scriptedProvider();
    const workflow = (index: number) =>
      workflowOf(
        [
          node('p', 'prompt', { text: 'a lighthouse' }),
          node('gen', 'generate', { model, variations: 3 }),
          node('pick', 'pick', { index }),
          node('ed', 'edit', { model, instruction: 'at night', continueConversation: false }),
        ],
        [
          edge('p', 'text', 'gen', 'prompt'),
          edge('gen', 'variants', 'pick', 'items'),
          edge('pick', 'item', 'ed', 'image'),
        ],
      );
    const cache = new MemoryCache();
    const result = await runWorkflow(workflow(2), { registry, provider, cache });
    expect(result.status).toBe('ok');
    const variants = result.nodes.get('gen')?.outputs?.variants as ImageValue[];
    expect(variants).toHaveLength(3);
    const edit = provider.requests.find((r) => r.prompt === 'at night');
    expect(edit?.references[0]?.hash).toBe(variants[1]?.hash);
    // Past the end is known from the file (3 variations): refused before the run, not after it.
    const past = await runWorkflow(workflow(4), { registry, provider, cache });
    expect(past.nodes.get('pick')?.error?.message).toBe(
      'index 4 is past the end: 3 items can arrive; choose 1 to 3',
    );
  });
});
