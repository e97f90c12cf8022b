/**
 * What runWorkflow reports about a run: its id, its row, each node's finish event (carrying the
 * node's result), durations, and the names export files get from their sources.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import type { RunEvent } from '../../../src/engine/events';
import { runWorkflow } from '../../../src/engine/executor';
import type { AnyNodeDefinition, NodeRunContext } from '../../../src/engine/node-definition';
import { ok } from '../../../src/engine/result';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { edge, node, promptGenerateExport, workflowOf } from '../../helpers/workflows';

const registry = nodeRegistry;
const NOW = 5_000;

describe('run events', () => {
  beforeEach(() => {
    // Only the clock is fixed, so every duration is 0.
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('names a run by the clock and a counter unless given an id', async () => {
    const provider = scriptedProvider();
    const first = await runWorkflow(promptGenerateExport(['a']), { registry, provider });
    const second = await runWorkflow(promptGenerateExport(['a']), { registry, provider });
    expect(first.runId).toMatch(/^run-3uw-[0-9a-z]+$/);
    expect(second.runId).toMatch(/^run-3uw-[0-9a-z]+$/);
    expect(second.runId).not.toBe(first.runId);
    const events: RunEvent[] = [];
    const named = await runWorkflow(promptGenerateExport(['a']), {
      registry,
      provider,
      runId: 'mine',
      onEvent: (event) => events.push(event),
    });
    expect(named.runId).toBe('mine');
    expect(new Set(events.map((event) => ('runId' in event ? event.runId : '')))).toEqual(new Set(['mine']));
  });

  it('reports row 1 outside a batch, and the batch row inside one', async () => {
    const provider = scriptedProvider();
    const workflow = () => {
      const flow = promptGenerateExport(['a']);
      const out = flow.nodes.find((each) => each.id === 'out');
      if (out) out.params = { filename: 'r{row}-{n}' };
      return flow;
    };
    const events: RunEvent[] = [];
    const single = await runWorkflow(workflow(), {
      registry,
      provider,
      onEvent: (event) => events.push(event),
    });
    expect(events[0]).toMatchObject({ type: 'run-start', row: 1, nodeIds: ['p0', 'g0', 'out'] });
    expect(single.nodes.get('out')?.exports?.map((file) => file.baseName)).toEqual(['r1-1']);
    events.length = 0;
    const row3 = await runWorkflow(workflow(), {
      registry,
      provider,
      row: 3,
      onEvent: (event) => events.push(event),
    });
    expect(events[0]).toMatchObject({ type: 'run-start', row: 3 });
    expect(row3.nodes.get('out')?.exports?.map((file) => file.baseName)).toEqual(['r3-1']);
  });

  it('sends each node’s result in its finish event, with durations of the fixed clock', async () => {
    const provider = scriptedProvider();
    const events: RunEvent[] = [];
    const result = await runWorkflow(promptGenerateExport(['a']), {
      registry,
      provider,
      onEvent: (event) => events.push(event),
    });
    const g0 = result.nodes.get('g0');
    const finish = events.find((event) => event.type === 'node-finish' && event.nodeId === 'g0');
    expect(finish).toEqual({
      type: 'node-finish',
      runId: result.runId,
      nodeId: 'g0',
      status: 'ran',
      at: NOW,
      durationMs: 0,
      calls: 1,
      costUsd: g0?.costUsd,
      usage: g0?.usage,
      outputs: g0?.outputs,
      cacheKey: g0?.cacheKey,
    });
    expect(g0?.durationMs).toBe(0);
    expect(events.at(-1)).toEqual({
      type: 'run-finish',
      runId: result.runId,
      status: 'ok',
      at: NOW,
      durationMs: 0,
      totals: result.totals,
    });
  });

  it('sends a failed node’s error, and skips what needed it', async () => {
    const provider = scriptedProvider({
      failWhenPromptIncludes: { a: { code: 'invalid_request', message: 'bad' } },
    });
    const events: RunEvent[] = [];
    const result = await runWorkflow(promptGenerateExport(['a']), {
      registry,
      provider,
      onEvent: (event) => events.push(event),
    });
    const finishOf = (id: string) =>
      events.find((event) => event.type === 'node-finish' && event.nodeId === id);
    expect(finishOf('g0')).toMatchObject({
      status: 'failed',
      error: { code: 'invalid_request', message: 'bad', nodeId: 'g0' },
    });
    expect(finishOf('out')).toMatchObject({
      status: 'skipped',
      error: { code: 'upstream_failed', message: 'needs "g0", which did not finish', nodeId: 'out' },
    });
    expect(result.status).toBe('failed');
    expect(result.error).toBeUndefined();
  });

  it('passes a bypassed node’s input through, with a note and no call', async () => {
    const provider = scriptedProvider();
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'a' }),
        node('g', 'generate', { model: 'gemini-3.1-flash-image' }),
        node('e', 'edit', { model: 'gemini-3.1-flash-image' }, { bypass: true }),
      ],
      [
        edge('p', 'text', 'g', 'prompt'),
        edge('p', 'text', 'e', 'instruction'),
        edge('g', 'image', 'e', 'image'),
      ],
    );
    const events: RunEvent[] = [];
    const result = await runWorkflow(workflow, {
      registry,
      provider,
      onEvent: (event) => events.push(event),
    });
    expect(events.find((event) => event.type === 'node-finish' && event.nodeId === 'e')).toMatchObject({
      notes: ['bypassed: passed its input through without running'],
    });
    expect(result.nodes.get('e')).toEqual({
      status: 'ran',
      outputs: { image: result.nodes.get('g')?.outputs?.image, text: 'a' },
      calls: 0,
      costUsd: 0,
      durationMs: 0,
      notes: ['bypassed: passed its input through without running'],
    });
    expect(provider.requests).toHaveLength(1);
  });

  it('names export files after the trimmed label of the node that made the image', async () => {
    const provider = scriptedProvider();
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'a' }),
        node('g', 'generate', { model: 'gemini-3.1-flash-image' }, { label: '  Hero  ' }),
        node('out', 'export', { filename: '{node}-{n}' }),
      ],
      [edge('p', 'text', 'g', 'prompt'), edge('g', 'image', 'out', 'images')],
    );
    const result = await runWorkflow(workflow, { registry, provider });
    expect(result.nodes.get('out')?.exports?.map((file) => file.baseName)).toEqual(['Hero-1']);
  });

  it('tells a node where each input came from, with the source’s trimmed label', async () => {
    const provider = scriptedProvider();
    let seen: unknown;
    const recordingExport = {
      ...nodeRegistry.export,
      run: async (context: NodeRunContext<unknown>) => {
        seen = context.inputSources;
        return ok({ outputs: {} });
      },
    } as AnyNodeDefinition;
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'a' }),
        node('g', 'generate', { model: 'gemini-3.1-flash-image' }, { label: '  Hero  ' }),
        node('h', 'generate', { model: 'gemini-3.1-flash-image' }),
        node('out', 'export', { filename: '{node}-{n}' }),
      ],
      [
        edge('p', 'text', 'g', 'prompt'),
        edge('p', 'text', 'h', 'prompt'),
        edge('g', 'image', 'out', 'images'),
        edge('h', 'image', 'out', 'images'),
      ],
    );
    await runWorkflow(workflow, { registry: { ...nodeRegistry, export: recordingExport }, provider });
    expect(seen).toEqual({ images: [{ nodeId: 'g', label: 'Hero' }, { nodeId: 'h' }] });
  });

  it('finishes an empty workflow at once', async () => {
    const provider = scriptedProvider();
    const events: RunEvent[] = [];
    const result = await runWorkflow(workflowOf([], []), {
      registry,
      provider,
      onEvent: (event) => events.push(event),
    });
    expect(result.status).toBe('ok');
    expect(result.totals).toEqual({ calls: 0, cachedNodes: 0, costUsd: 0 });
    expect(events.map((event) => event.type)).toEqual(['run-start', 'run-finish']);
  });
});
