import { describe, expect, it, vi } from 'vitest';
import type { CatalogModel, Retirement } from '../../../src/engine/catalog';
import { currentReplacement, upgradeRetiredModels } from '../../../src/engine/model-upgrade';
import { node, workflowOf } from '../../helpers/workflows';

// The built-in catalog has no replacement chain, no retired model without a replacement and no
// loop; its overrides cannot change a lifecycle. A small catalog of such cases stands in for it.
vi.mock('../../../src/engine/catalog', () => {
  const lifecycles: Record<string, { status: 'ga' | 'retired'; replacement?: string }> = {
    'old-a': { status: 'retired', replacement: 'old-b' },
    'old-b': { status: 'retired', replacement: 'new-c' },
    'new-c': { status: 'ga' },
    dead: { status: 'retired' },
    'gone-to-nowhere': { status: 'retired', replacement: 'never-listed' },
    'loop-x': { status: 'retired', replacement: 'loop-y' },
    'loop-y': { status: 'retired', replacement: 'loop-x' },
  };
  const catalogModel = (id: string): Pick<CatalogModel, 'id' | 'lifecycle'> | undefined => {
    const lifecycle = lifecycles[id];
    return lifecycle ? { id, lifecycle: { ...lifecycle, source: { read: 'test', url: 'test' } } } : undefined;
  };
  const retirementOf = (id: string): Retirement | undefined => {
    const lifecycle = lifecycles[id];
    if (lifecycle?.status !== 'retired') return undefined;
    return { model: id, ...(lifecycle.replacement ? { replacement: lifecycle.replacement } : {}) };
  };
  return { catalogModel, retirementOf };
});

describe('currentReplacement over a chain', () => {
  it('follows replacements that were retired in turn to the first current model', () => {
    expect(currentReplacement('old-a')).toBe('new-c');
    expect(currentReplacement('old-b')).toBe('new-c');
  });

  it('is undefined when the chain ends without a current model, or loops', () => {
    expect(currentReplacement('dead')).toBeUndefined();
    expect(currentReplacement('gone-to-nowhere')).toBeUndefined();
    expect(currentReplacement('loop-x')).toBeUndefined();
  });
});

describe('upgradeRetiredModels without a current replacement', () => {
  it('lists such nodes as stuck, under their component path, and leaves their model alone', () => {
    const workflow = {
      ...workflowOf(
        [node('a', 'generate', { model: 'old-a' }), node('d', 'generate', { model: 'dead' })],
        [],
      ),
      components: [
        {
          id: 'kit',
          name: 'Kit',
          inputs: [],
          outputs: [],
          nodes: [node('loop', 'generate', { model: 'loop-x' })],
          edges: [],
        },
      ],
    };
    const { workflow: upgraded, upgrades, stuck } = upgradeRetiredModels(workflow);
    expect(upgrades).toEqual([{ nodeId: 'a', from: 'old-a', to: 'new-c' }]);
    expect(stuck).toEqual([
      { nodeId: 'd', retirement: { model: 'dead' } },
      { nodeId: 'kit/loop', retirement: { model: 'loop-x', replacement: 'loop-y' } },
    ]);
    expect(upgraded.nodes.map((n) => n.params.model)).toEqual(['new-c', 'dead']);
    expect(upgraded.components?.[0]?.nodes[0]?.params.model).toBe('loop-x');
  });

  it('returns the workflow given when every retired model is stuck', () => {
    const workflow = workflowOf([node('d', 'generate', { model: 'dead' })], []);
    const result = upgradeRetiredModels(workflow);
    expect(result.workflow).toBe(workflow);
    expect(result.upgrades).toEqual([]);
    expect(result.stuck).toEqual([{ nodeId: 'd', retirement: { model: 'dead' } }]);
  });
});
