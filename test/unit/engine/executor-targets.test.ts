/**
 * A run of chosen targets: only they and what they need run, the estimate counts only them,
 * and a component instance stands for the nodes inside it.
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import type { RunEvent } from '../../../src/engine/events';
import { runWorkflow } from '../../../src/engine/executor';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { promptGenerateExport } from '../../helpers/workflows';

const registry = nodeRegistry;

describe('a run of chosen targets', () => {
  it('runs and estimates only the targets and what they need', async () => {
    const provider = scriptedProvider();
    const events: RunEvent[] = [];
    const result = await runWorkflow(promptGenerateExport(['one', 'two', 'three']), {
      registry,
      provider,
      targets: ['g1'],
      onEvent: (event) => events.push(event),
    });
    expect(events[0]).toMatchObject({ type: 'run-start', nodeIds: ['p1', 'g1'] });
    expect(result.estimate.calls).toBe(1);
    expect(result.estimate.usd).toBeGreaterThan(0);
    const all = await runWorkflow(promptGenerateExport(['one', 'two', 'three']), { registry, provider });
    expect(result.estimate.usd).toBeCloseTo((all.estimate.usd ?? 0) / 3, 10);
    expect(provider.requests.map((request) => request.prompt)).toEqual(['two', 'one', 'two', 'three']);
  });
});
