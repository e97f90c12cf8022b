/**
 * A run the user cancels: before it starts every node is cancelled before it started; during
 * it, nodes not yet started are cancelled and the run ends cancelled. A node that reports its
 * own cancel (without a stop) stays cancelled.
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import type { RunEvent } from '../../../src/engine/events';
import { runWorkflow } from '../../../src/engine/executor';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { promptGenerateExport } from '../../helpers/workflows';

const registry = nodeRegistry;

describe('a cancelled run', () => {
  it('cancels every node of a run cancelled before it started', async () => {
    const provider = scriptedProvider();
    const controller = new AbortController();
    controller.abort();
    const result = await runWorkflow(promptGenerateExport(['a']), {
      registry,
      provider,
      signal: controller.signal,
    });
    expect(result.status).toBe('cancelled');
    expect(result.error).toBeUndefined();
    expect(provider.requests).toEqual([]);
    expect([...result.nodes.entries()]).toEqual(
      ['p0', 'g0', 'out'].map((id) => [
        id,
        {
          status: 'cancelled',
          durationMs: 0,
          calls: 0,
          costUsd: 0,
          error: { code: 'cancelled', message: 'cancelled before it started', nodeId: id },
        },
      ]),
    );
  });

  it('cancels what had not started when the user cancels during the run', async () => {
    const provider = scriptedProvider();
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const result = await runWorkflow(promptGenerateExport(['a']), {
      registry,
      provider,
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'node-finish' && event.nodeId === 'p0') controller.abort();
      },
    });
    expect(result.status).toBe('cancelled');
    expect(provider.requests).toEqual([]);
    expect(result.nodes.get('p0')?.status).toBe('ran');
    expect(result.nodes.get('g0')).toMatchObject({
      status: 'cancelled',
      error: { code: 'cancelled', message: 'cancelled before it started', nodeId: 'g0' },
    });
    expect(result.nodes.get('out')?.status).toBe('cancelled');
    expect(events.at(-1)).toMatchObject({ type: 'run-finish', status: 'cancelled' });
  });

  it('keeps a node that reports its own cancel cancelled, and runs the rest', async () => {
    const provider = scriptedProvider({
      failWhenPromptIncludes: { a: { code: 'cancelled', message: 'stream closed' } },
    });
    const result = await runWorkflow(promptGenerateExport(['a', 'b']), { registry, provider });
    expect(result.nodes.get('g0')).toMatchObject({
      status: 'cancelled',
      error: { code: 'cancelled', message: 'stream closed', nodeId: 'g0' },
    });
    expect(result.nodes.get('g1')?.status).toBe('ran');
    expect(result.nodes.get('out')?.exports?.map((file) => file.baseName)).toEqual(['img-g1-1']);
    expect(result.error).toBeUndefined();
  });
});
