import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { rowDependentNodes } from '../../../src/engine/batch-estimate';
import { MemoryCache } from '../../../src/engine/cache';
import { makeComponent } from '../../../src/engine/components/make';
import { ungroupComponent } from '../../../src/engine/components/ungroup';
import type { RunEvent } from '../../../src/engine/events';
import { runWorkflow } from '../../../src/engine/executor';
import { applyInputs, exposedInputs } from '../../../src/engine/inputs';
import type { Workflow } from '../../../src/engine/workflow';
import { MODEL, sceneMaker, withComponents } from '../../helpers/components';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { edge, imageHashOf, node, workflowOf } from '../../helpers/workflows';

const registry = nodeRegistry;

/** subject → gen → edit ← style; gen and edit both feed the export (a list input, order matters). */
function pipeline(): Workflow {
  return withComponents(
    workflowOf(
      [
        node('subject', 'prompt', { text: 'a red sneaker' }),
        node('gen', 'generate', { model: MODEL }),
        node('style', 'prompt', { text: 'make it watercolour' }),
        node('edit', 'edit', { model: MODEL }),
        node('out', 'export', { filename: 'shot-{n}' }),
      ],
      [
        edge('subject', 'text', 'gen', 'prompt'),
        edge('gen', 'image', 'edit', 'image'),
        edge('style', 'text', 'edit', 'instruction'),
        edge('edit', 'image', 'out', 'images'),
        edge('gen', 'image', 'out', 'images'),
      ],
    ),
    [],
  );
}

async function runTwice(first: Workflow, second: Workflow) {
  const provider = scriptedProvider({ imageSeed: () => 7 });
  const cache = new MemoryCache();
  const before = await runWorkflow(first, { registry, provider, cache });
  const callsBefore = provider.requests.length;
  const events: RunEvent[] = [];
  const after = await runWorkflow(second, { registry, provider, cache, onEvent: (e) => events.push(e) });
  return { before, after, callsBefore, callsAfter: provider.requests.length - callsBefore, events };
}

describe('components at run time', () => {
  it('make-then-run makes 0 calls: the inner nodes have the cache keys they had before grouping', async () => {
    const made = makeComponent(pipeline(), ['gen', 'style', 'edit'], { name: 'Scene maker', registry });
    if (!made.ok) throw new Error(made.error.message);
    expect(made.value.component.inputs).toEqual([{ name: 'prompt', type: 'text' }]);
    expect(made.value.component.outputs.map((o) => [o.name, o.from])).toEqual([
      ['image', { node: 'edit', port: 'image' }],
      ['image_2', { node: 'gen', port: 'image' }],
    ]);
    const { before, after, callsBefore, callsAfter, events } = await runTwice(
      pipeline(),
      made.value.workflow,
    );
    expect(before.status).toBe('ok');
    expect(callsBefore).toBe(2);
    expect(after.status).toBe('ok');
    expect(callsAfter).toBe(0);
    expect(after.totals).toMatchObject({ calls: 0, cachedNodes: 2 });
    const cached = events.filter((e) => e.type === 'node-finish' && e.status === 'cached');
    expect(cached.map((e) => (e as { nodeId: string }).nodeId).sort()).toEqual([
      'sceneMaker/edit',
      'sceneMaker/gen',
    ]);
    // The export received the same images in the same order.
    const exportsBefore = before.nodes.get('out')?.exports?.map((f) => f.image.hash);
    const exportsAfter = after.nodes.get('out')?.exports?.map((f) => f.image.hash);
    expect(exportsAfter).toEqual(exportsBefore);
  });

  it('ungroup-then-run makes 0 calls and restores the nodes in place', async () => {
    const made = makeComponent(pipeline(), ['gen', 'edit'], { name: 'Scene maker', registry });
    if (!made.ok) throw new Error(made.error.message);
    const ungrouped = ungroupComponent(made.value.workflow, made.value.instanceId);
    if (!ungrouped.ok) throw new Error(ungrouped.error.message);
    expect(ungrouped.value.nodeIds).toEqual(['gen', 'edit']);
    expect(
      new Set(
        ungrouped.value.workflow.edges.map((e) => `${e.source}.${e.sourcePort}>${e.target}.${e.targetPort}`),
      ),
    ).toEqual(
      new Set(pipeline().edges.map((e) => `${e.source}.${e.sourcePort}>${e.target}.${e.targetPort}`)),
    );
    const { callsBefore, callsAfter, after } = await runTwice(made.value.workflow, ungrouped.value.workflow);
    expect(callsBefore).toBe(2);
    expect(callsAfter).toBe(0);
    expect(after.status).toBe('ok');
  });

  it('two instances with different inputs make their own calls; a re-run makes none', async () => {
    const workflow = withComponents(
      workflowOf(
        [
          node('a', 'component', { component: 'sceneMaker', inputs: { subject: 'on a beach' } }),
          node('b', 'component', { component: 'sceneMaker', inputs: { subject: 'in the snow' } }),
        ],
        [],
      ),
      [sceneMaker()],
    );
    const provider = scriptedProvider();
    const cache = new MemoryCache();
    const first = await runWorkflow(workflow, { registry, provider, cache });
    expect(first.status).toBe('ok');
    expect(provider.requests.map((r) => r.prompt).sort()).toEqual(['in the snow', 'on a beach']);
    expect(imageHashOf(first, 'a/gen')).not.toBe(imageHashOf(first, 'b/gen'));
    const second = await runWorkflow(workflow, { registry, provider, cache });
    expect(provider.requests).toHaveLength(2);
    expect(second.totals.cachedNodes).toBe(2);
  });

  it('a default, a connected input with the same text and params.inputs: same text, same key', async () => {
    const workflow = withComponents(
      workflowOf(
        [
          node('p', 'prompt', { text: 'a red sneaker' }),
          node('byDefault', 'component', { component: 'sceneMaker' }),
          node('connected', 'component', {
            component: 'sceneMaker',
            inputs: { subject: 'ignored when connected' },
          }),
          node('given', 'component', { component: 'sceneMaker', inputs: { subject: 'a blue boot' } }),
        ],
        [edge('p', 'text', 'connected', 'subject')],
      ),
      [sceneMaker('a red sneaker')],
    );
    const provider = scriptedProvider();
    const result = await runWorkflow(workflow, { registry, provider, cache: new MemoryCache() });
    expect(result.status).toBe('ok');
    // The default and the connected prompt are the same text: one call, shared (never pay twice).
    expect(provider.requests.map((r) => r.prompt).sort()).toEqual(['a blue boot', 'a red sneaker']);
    expect(imageHashOf(result, 'byDefault/gen')).toBe(imageHashOf(result, 'connected/gen'));
    expect(imageHashOf(result, 'given/gen')).not.toBe(imageHashOf(result, 'byDefault/gen'));
  });

  it('a component node run as a target runs the nodes inside it only', async () => {
    const workflow = withComponents(
      workflowOf(
        [
          node('a', 'component', { component: 'sceneMaker', inputs: { subject: 'one' } }),
          node('b', 'component', { component: 'sceneMaker', inputs: { subject: 'two' } }),
        ],
        [],
      ),
      [sceneMaker()],
    );
    const provider = scriptedProvider();
    await runWorkflow(workflow, { registry, provider, targets: ['b'] });
    expect(provider.requests.map((r) => r.prompt)).toEqual(['two']);
  });

  it('exposeAs on a component node reaches its unconnected inputs (run form, --input, batch columns)', async () => {
    const workflow = withComponents(
      workflowOf([node('a', 'component', { component: 'sceneMaker' }, { exposeAs: 'scene' })], []),
      [sceneMaker()],
    );
    expect(exposedInputs(workflow)).toEqual([
      { name: 'scene-subject', nodeId: 'a', nodeType: 'component', kind: 'text', componentInput: 'subject' },
    ]);
    const applied = applyInputs(workflow, { 'scene-subject': { kind: 'text', text: 'under the sea' } });
    if (!applied.ok) throw new Error(JSON.stringify(applied.error));
    expect(applied.value.nodes[0]?.params).toEqual({
      component: 'sceneMaker',
      inputs: { subject: 'under the sea' },
    });
    const provider = scriptedProvider();
    await runWorkflow(applied.value, { registry, provider });
    expect(provider.requests.map((r) => r.prompt)).toEqual(['under the sea']);
    expect(applyInputs(workflow, { scene: { kind: 'text', text: 'x' } }).ok).toBe(false);
  });
});

describe('batch estimate with components', () => {
  it('counts the nodes behind an exposed component input once per row, the others once', () => {
    const workflow = withComponents(
      workflowOf(
        [
          node('a', 'component', { component: 'sceneMaker' }, { exposeAs: 'scene' }),
          node('b', 'component', { component: 'sceneMaker' }),
        ],
        [],
      ),
      [sceneMaker()],
    );
    expect([...rowDependentNodes(workflow, ['scene-subject'])].sort()).toEqual(['a/@subject', 'a/gen']);
  });
});
