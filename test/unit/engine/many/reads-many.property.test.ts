/**
 * Validation tells the planner whether any edge reads a many output (`readsMany`); when none does,
 * neither validation nor the estimate expands the graph. That shortcut is only sound if such a
 * graph's expansion would change nothing: no node mapped or waiting, no problem. Checked here on
 * random graphs of prompts, lists, generates (with variants) and edits, wired any which way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../../nodes/registry';
import { expandWorkflow } from '../../../../src/engine/many/expand';
import { validateWorkflow } from '../../../../src/engine/validate';
import type { WorkflowEdge, WorkflowNode } from '../../../../src/engine/workflow';
import { workflowOf } from '../../../helpers/workflows';

const model = 'gemini-3.1-flash-image';
const OUTPUTS: Record<string, string[]> = {
  prompt: ['text'],
  list: ['items'],
  generate: ['image', 'images', 'text', 'variants'],
  edit: ['image', 'text'],
};
const INPUTS: Record<string, string[]> = {
  prompt: [],
  list: [],
  generate: ['prompt', 'references'],
  edit: ['image', 'instruction', 'references'],
};

const nodeArb = fc.oneof(
  fc.record({ type: fc.constant('prompt'), params: fc.record({ text: fc.constantFrom('a cat', 'a dog') }) }),
  fc.record({
    type: fc.constant('list'),
    params: fc.record({
      items: fc.array(fc.constantFrom('red', 'blue', 'green'), { minLength: 1, maxLength: 3 }),
    }),
  }),
  fc.record({
    type: fc.constant('generate'),
    params: fc.record({
      model: fc.constant(model),
      variations: fc.integer({ min: 1, max: 3 }),
      combine: fc.constantFrom('cross', 'zip'),
    }),
  }),
  fc.record({
    type: fc.constant('edit'),
    params: fc.record({ model: fc.constant(model), combine: fc.constantFrom('cross', 'zip') }),
  }),
);

/** Nodes in order; each edge goes from an earlier node's output to a later node's input (no cycle). */
const graphArb = fc
  .array(nodeArb, { minLength: 2, maxLength: 7 })
  .chain((specs) =>
    fc
      .array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { maxLength: 12 })
      .map((picks) => ({ specs, picks })),
  )
  .map(({ specs, picks }) => {
    const nodes: WorkflowNode[] = specs.map((spec, i) => ({
      id: `n${i}`,
      type: spec.type,
      position: { x: i * 300, y: 0 },
      params: spec.params as Record<string, unknown>,
    }));
    const edges: WorkflowEdge[] = [];
    for (const [a, b, out, into] of picks) {
      const source = a % (nodes.length - 1);
      const target = source + 1 + (b % (nodes.length - source - 1));
      const sourceType = specs[source]?.type ?? 'prompt';
      const targetType = specs[target]?.type ?? 'prompt';
      const outputs = OUTPUTS[sourceType] ?? [];
      const inputs = INPUTS[targetType] ?? [];
      if (inputs.length === 0) continue;
      edges.push({
        source: `n${source}`,
        sourcePort: outputs[out % outputs.length] as string,
        target: `n${target}`,
        targetPort: inputs[into % inputs.length] as string,
      });
    }
    return workflowOf(nodes, edges);
  });

describe('readsMany', () => {
  it('is false only for graphs whose expansion changes nothing', () => {
    let withoutMany = 0;
    let withMany = 0;
    fc.assert(
      fc.property(graphArb, (workflow) => {
        const report = validateWorkflow(workflow, nodeRegistry);
        const expansion = expandWorkflow(workflow, { registry: nodeRegistry });
        if (report.readsMany) {
          withMany++;
          return;
        }
        withoutMany++;
        expect(expansion.mapped).toBe(false);
        expect(expansion.waiting.size).toBe(0);
        expect(expansion.errors.size).toBe(0);
        expect(expansion.workflow.nodes.map((node) => node.id).sort()).toEqual(
          workflow.nodes.map((node) => node.id).sort(),
        );
      }),
      { numRuns: 300 },
    );
    // Both kinds of graph were drawn.
    expect(withoutMany).toBeGreaterThan(20);
    expect(withMany).toBeGreaterThan(20);
  });

  it('is true when an edge reads variants or list items, and a mapped graph still plans its elements', () => {
    const mapped = workflowOf(
      [
        { id: 'l', type: 'list', position: { x: 0, y: 0 }, params: { items: ['red', 'blue'] } },
        { id: 'g', type: 'generate', position: { x: 300, y: 0 }, params: { model } },
      ],
      [{ source: 'l', sourcePort: 'items', target: 'g', targetPort: 'prompt' }],
    );
    expect(validateWorkflow(mapped, nodeRegistry).readsMany).toBe(true);
    expect(expandWorkflow(mapped, { registry: nodeRegistry }).mapped).toBe(true);
  });
});
