import { describe, expect, it } from 'vitest';
import {
  currentReplacement,
  retiredModelUses,
  upgradeRetiredModels,
} from '../../../src/engine/model-upgrade';
import type { Workflow } from '../../../src/engine/workflow';
import { edge, node, workflowOf } from '../../helpers/workflows';

const RETIRED = 'gemini-2.5-flash-image';
const ITS_REPLACEMENT = 'gemini-3.1-flash-image';
const CURRENT = 'gemini-3-pro-image';

/** Top-level `a` (retired), `b` (current), `c` (no model); component `kit` holds `gen` (retired). */
function mixed(): Workflow {
  return {
    ...workflowOf(
      [
        node('a', 'generate', { model: RETIRED }),
        node('b', 'generate', { model: CURRENT }),
        node('c', 'prompt', { text: 'x', model: 7 }),
      ],
      [],
    ),
    components: [
      {
        id: 'kit',
        name: 'Kit',
        inputs: [{ name: 'prompt', type: 'text' }],
        outputs: [{ name: 'image', type: 'image', from: { node: 'gen', port: 'image' } }],
        nodes: [node('gen', 'generate', { model: RETIRED }), node('keep', 'generate', { model: CURRENT })],
        edges: [edge('$in', 'prompt', 'gen', 'prompt')],
      },
    ],
  };
}

const retirement = { model: RETIRED, shutdown: '2026-10-02', replacement: ITS_REPLACEMENT };

describe('retiredModelUses', () => {
  it('lists each node naming a retired model, nodes inside components as `component/node`', () => {
    expect(retiredModelUses(mixed())).toEqual([
      { nodeId: 'a', retirement },
      { nodeId: 'kit/gen', retirement },
    ]);
  });

  it('is empty for a workflow of current models, with or without components', () => {
    const { components: _components, ...bare } = workflowOf([node('b', 'generate', { model: CURRENT })], []);
    expect(retiredModelUses(bare)).toEqual([]);
    expect(retiredModelUses(workflowOf([node('b', 'generate', { model: CURRENT })], []))).toEqual([]);
  });
});

describe('currentReplacement', () => {
  it("is a retired model's current replacement", () => {
    expect(currentReplacement(RETIRED)).toBe(ITS_REPLACEMENT);
  });

  it('is undefined for a current model and for an unknown one', () => {
    expect(currentReplacement(CURRENT)).toBeUndefined();
    // A deprecated model is still current: it is not replaced.
    expect(currentReplacement(ITS_REPLACEMENT)).toBeUndefined();
    expect(currentReplacement('gemini-9-unknown-image')).toBeUndefined();
  });
});

describe('upgradeRetiredModels', () => {
  it('replaces retired models at the top level and inside components, keeping the rest', () => {
    const workflow = mixed();
    const { workflow: upgraded, upgrades, stuck } = upgradeRetiredModels(workflow);
    expect(upgrades).toEqual([
      { nodeId: 'a', from: RETIRED, to: ITS_REPLACEMENT },
      { nodeId: 'kit/gen', from: RETIRED, to: ITS_REPLACEMENT },
    ]);
    expect(stuck).toEqual([]);
    expect(upgraded.nodes.map((n) => n.params.model)).toEqual([ITS_REPLACEMENT, CURRENT, 7]);
    expect(
      upgraded.components?.map((c) => ({ id: c.id, models: c.nodes.map((n) => n.params.model) })),
    ).toEqual([{ id: 'kit', models: [ITS_REPLACEMENT, CURRENT] }]);
    expect(upgraded.components?.[0]?.edges).toEqual(workflow.components?.[0]?.edges);
    expect(upgraded.name).toBe('Test');
    // The input is not changed in place.
    expect(workflow.components?.[0]?.nodes[0]?.params.model).toBe(RETIRED);
  });

  it('returns the very workflow given when nothing needs replacing', () => {
    const workflow = workflowOf([node('b', 'generate', { model: CURRENT })], []);
    expect(upgradeRetiredModels(workflow)).toEqual({ workflow, upgrades: [], stuck: [] });
    expect(upgradeRetiredModels(workflow).workflow).toBe(workflow);
  });

  it('upgrades a workflow without components and adds none', () => {
    const { components: _components, ...bare } = workflowOf([node('a', 'generate', { model: RETIRED })], []);
    const { workflow: upgraded, upgrades } = upgradeRetiredModels(bare);
    expect(upgrades).toEqual([{ nodeId: 'a', from: RETIRED, to: ITS_REPLACEMENT }]);
    expect(upgraded.nodes[0]?.params.model).toBe(ITS_REPLACEMENT);
    expect('components' in upgraded).toBe(false);
  });
});
