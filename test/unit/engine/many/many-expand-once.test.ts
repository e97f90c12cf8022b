/**
 * A document that cannot change (the editor's: frozen all the way down) is expanded once per
 * registry: validation and the estimate of one document share that expansion instead of each
 * expanding it again (tens of ms per edit on a 500-node graph). Anything that could change, or an
 * expansion with answers, is expanded afresh.
 */
import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../../nodes/registry';
import { MemoryAssetStore } from '../../../../src/engine/assets';
import { MemoryCache } from '../../../../src/engine/cache';
import { expandWorkflow } from '../../../../src/engine/many/expand';
import type { AnyNodeDefinition, NodeRegistry } from '../../../../src/engine/node-definition';
import { planRun } from '../../../../src/engine/plan';
import { validateWorkflow } from '../../../../src/engine/validate';
import { edge, node, workflowOf } from '../../../helpers/workflows';

const model = 'gemini-3.1-flash-image';

/** The real registry, with generate's many outputs counted: expandWorkflow asks each generate once. */
function countingRegistry(): { registry: NodeRegistry; calls: { count: number } } {
  const calls = { count: 0 };
  const generate = nodeRegistry.generate as AnyNodeDefinition;
  const counted: AnyNodeDefinition = {
    ...generate,
    manyOutputs: (params) => {
      calls.count++;
      return generate.manyOutputs?.(params) ?? {};
    },
  };
  return { registry: { ...nodeRegistry, generate: counted }, calls };
}

/** The edit maps over generate's variants, or (`mapped` false) edits its first image. */
const document = (mapped = true) =>
  workflowOf(
    [
      node('p', 'prompt', { text: 'a cat' }),
      node('g', 'generate', { model, variations: 2 }),
      node('e', 'edit', { model, instruction: 'warmer' }),
    ],
    [edge('p', 'text', 'g', 'prompt'), edge('g', mapped ? 'variants' : 'image', 'e', 'image')],
  );

const planOptions = (registry: NodeRegistry) => ({
  registry,
  providerId: 'gemini-api',
  cache: new MemoryCache(),
  assets: new MemoryAssetStore(),
});

describe('expandWorkflow once per frozen document', () => {
  it('validation and the estimate of a frozen document expand it once, with the same result', async () => {
    const { registry, calls } = countingRegistry();
    const unmapped = freeze(document(false), true);
    const plain = await planRun(unmapped, validateWorkflow(unmapped, registry), planOptions(registry));
    expect(calls.count).toBe(1);
    // Two variations, one edit of the first.
    expect(plain.calls).toBe(3);
    // A mapped document plans on its concrete graph: the edit as its two elements (2 + 2 calls).
    const doc = freeze(document(), true);
    const estimate = await planRun(doc, validateWorkflow(doc, registry), planOptions(registry));
    expect(estimate.calls).toBe(4);
    calls.count = 0;
    const again = expandWorkflow(doc, { registry });
    expect(again).toBe(expandWorkflow(doc, { registry }));
    expect(again.workflow.nodes.map((one) => one.id)).toEqual(['p', 'g', 'e[1]', 'e[2]']);
    expect(Object.isFrozen(again.workflow.nodes)).toBe(true);
    expect(() => (again.workflow.nodes as unknown[]).push({})).toThrow(TypeError);
    // Expanded while it was validated: nothing expands it again.
    expect(calls.count).toBe(0);
    // Another registry is another expansion.
    expect(expandWorkflow(doc, { registry: nodeRegistry })).not.toBe(again);
  });

  it('expands afresh what could change, and expansions with answers or at their maximum', () => {
    const { registry, calls } = countingRegistry();
    const loose = document();
    const first = expandWorkflow(loose, { registry });
    (loose.nodes[1] as { params: Record<string, unknown> }).params = { model, variations: 3 };
    const second = expandWorkflow(loose, { registry });
    expect(first.workflow.nodes.filter((one) => one.id.startsWith('e['))).toHaveLength(2);
    expect(second.workflow.nodes.filter((one) => one.id.startsWith('e['))).toHaveLength(3);
    // Frozen on top only: a node inside could still change.
    const shallow = Object.freeze({ ...document() });
    expandWorkflow(shallow, { registry });
    expandWorkflow(shallow, { registry });
    expect(calls.count).toBe(4);
    const doc = freeze(document(), true);
    const plain = expandWorkflow(doc, { registry });
    expect(expandWorkflow(doc, { registry, assumeMax: true })).not.toBe(plain);
    const answers = new Map([['g', { variants: [] }]]);
    expect(expandWorkflow(doc, { registry, arrived: answers })).not.toBe(plain);
    expect(expandWorkflow(doc, { registry, arrived: new Map() })).toBe(plain);
    expect(calls.count).toBe(7);
  });
});
