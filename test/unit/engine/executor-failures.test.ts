/**
 * Runs that fail without a fatal answer: a graph error skips every node, a node whose cache
 * breaks fails alone with an internal error, and a skipped node fails the run.
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import type { CacheKeyRelease } from '../../../src/engine/cache';
import { MemoryCache } from '../../../src/engine/cache';
import { runWorkflow } from '../../../src/engine/executor';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { edge, node, promptGenerateExport, workflowOf } from '../../helpers/workflows';

const registry = nodeRegistry;

/** A shared cache whose claim throws instead of rejecting (a bug in a cache implementation). */
class BrokenLockCache extends MemoryCache {
  lock(_key: string, _signal: AbortSignal): Promise<CacheKeyRelease | undefined> {
    throw new Error('lock file unreadable');
  }
}

describe('failed runs', () => {
  it('skips the nodes of a graph with a cycle, with the graph’s error', async () => {
    const provider = scriptedProvider();
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'a' }),
        node('e1', 'edit', { model: 'gemini-3.1-flash-image' }),
        node('e2', 'edit', { model: 'gemini-3.1-flash-image' }),
      ],
      [
        edge('p', 'text', 'e1', 'instruction'),
        edge('p', 'text', 'e2', 'instruction'),
        edge('e1', 'image', 'e2', 'image'),
        edge('e2', 'image', 'e1', 'image'),
      ],
    );
    const result = await runWorkflow(workflow, { registry, provider });
    const cycle = {
      code: 'cycle',
      message: 'the graph has a cycle through "e1" -> "e2"; remove one of its connections',
    };
    expect(result.status).toBe('failed');
    expect(result.error).toEqual(cycle);
    // Nodes on the cycle have no place in the order; the rest are skipped with the graph's error.
    expect([...result.nodes.entries()]).toEqual([
      ['p', { status: 'skipped', durationMs: 0, calls: 0, costUsd: 0, error: cycle }],
    ]);
    expect(provider.requests).toEqual([]);
  });

  it('fails a node whose cache claim throws with an internal error, and runs the others', async () => {
    const provider = scriptedProvider();
    const result = await runWorkflow(promptGenerateExport(['a', 'b']), {
      registry,
      provider,
      cache: new BrokenLockCache(),
    });
    expect(result.status).toBe('failed');
    expect(result.nodes.get('p0')?.status).toBe('ran');
    expect(result.nodes.get('g0')).toEqual({
      status: 'failed',
      durationMs: 0,
      calls: 0,
      costUsd: 0,
      error: { code: 'internal', message: 'lock file unreadable', nodeId: 'g0' },
    });
    expect(result.nodes.get('out')).toMatchObject({
      status: 'skipped',
      error: { code: 'upstream_failed', message: 'needs "g0", which did not finish', nodeId: 'out' },
    });
  });

  it('fails a run in which a node was skipped', async () => {
    const provider = scriptedProvider({
      failWhenPromptIncludes: { a: { code: 'cancelled', message: 'stream closed' } },
    });
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'a' }),
        node('g', 'generate', { model: 'gemini-3.1-flash-image' }),
        node('e', 'edit', { model: 'gemini-3.1-flash-image' }),
      ],
      [
        edge('p', 'text', 'g', 'prompt'),
        edge('p', 'text', 'e', 'instruction'),
        edge('g', 'image', 'e', 'image'),
      ],
    );
    const result = await runWorkflow(workflow, { registry, provider });
    expect([...result.nodes.values()].map((each) => each.status)).toEqual(['ran', 'cancelled', 'skipped']);
    expect(result.status).toBe('failed');
  });

  it('fails a run in which a node failed, even when the export wrote the rest', async () => {
    const provider = scriptedProvider({
      failWhenPromptIncludes: { a: { code: 'invalid_request', message: 'bad' } },
    });
    const result = await runWorkflow(promptGenerateExport(['a', 'b']), { registry, provider });
    expect([...result.nodes.values()].map((each) => each.status).sort()).toEqual([
      'failed',
      'ran',
      'ran',
      'ran',
      'ran',
    ]);
    expect(result.status).toBe('failed');
  });
});
