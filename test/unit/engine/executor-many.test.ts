/**
 * Runs with a node mapped over a list answer: its instances are queued (with their element)
 * once the answer arrives, a target on the mapped node runs what it needs first, and when the
 * answer never comes the mapped nodes are skipped (or cancelled) with the producer named.
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { MemoryCache } from '../../../src/engine/cache';
import type { RunEvent } from '../../../src/engine/events';
import { runWorkflow } from '../../../src/engine/executor';
import type { ImageProvider } from '../../../src/engine/provider';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { edge, node, workflowOf } from '../../helpers/workflows';

const registry = nodeRegistry;

/** prompt -> text model answering a list of 2 -> generate per item -> export. */
const briefToImages = () =>
  workflowOf(
    [
      node('brief', 'prompt', { text: 'a reading nook' }),
      node('writer', 'textModel', { instruction: 'ideas', output: 'list', maxItems: 2 }),
      node('gen', 'generate', { model: 'gemini-3.1-flash-image' }),
      node('out', 'export', { filename: 'img-{i}' }),
    ],
    [
      edge('brief', 'text', 'writer', 'prompt'),
      edge('writer', 'items', 'gen', 'prompt'),
      edge('gen', 'image', 'out', 'images'),
    ],
  );

const queuedOf = (events: RunEvent[]) =>
  events.flatMap((event) =>
    event.type === 'node-queued'
      ? [{ nodeId: event.nodeId, of: event.element?.of, index: event.element?.index }]
      : [],
  );

describe('a run mapped over a list answer', () => {
  it('queues one instance per item once the answer arrives', async () => {
    const provider = scriptedProvider();
    const events: RunEvent[] = [];
    const result = await runWorkflow(briefToImages(), {
      registry,
      provider,
      onEvent: (event) => events.push(event),
    });
    expect(result.status).toBe('ok');
    expect(queuedOf(events)).toEqual([
      { nodeId: 'brief', of: undefined, index: undefined },
      { nodeId: 'writer', of: undefined, index: undefined },
      { nodeId: 'gen[1]', of: 'gen', index: 1 },
      { nodeId: 'gen[2]', of: 'gen', index: 2 },
      { nodeId: 'out', of: undefined, index: undefined },
    ]);
    expect(result.nodes.get('out')?.exports?.map((file) => file.baseName)).toEqual(['img-1', 'img-2']);
    expect(result.totals.calls).toBe(3);
  });

  it('runs a target mapped over an answer still to come: what it needs, then its instances', async () => {
    const provider = scriptedProvider();
    const result = await runWorkflow(briefToImages(), { registry, provider, targets: ['gen'] });
    expect(result.status).toBe('ok');
    expect([...result.nodes.keys()]).toEqual(['brief', 'writer', 'gen[1]', 'gen[2]']);
    expect(provider.requests).toHaveLength(3);
    expect(result.estimate.calls).toBe(3);
  });

  it('runs one element of a node mapped over an answer still to come: what it needs, then that element only', async () => {
    const provider = scriptedProvider();
    const result = await runWorkflow(briefToImages(), { registry, provider, targets: ['gen[2]'] });
    expect(result.status).toBe('ok');
    expect([...result.nodes.keys()]).toEqual(['brief', 'writer', 'gen[2]']);
    expect(provider.requests).toHaveLength(2);
  });

  it("an element past the answer's length runs only what the node needs", async () => {
    const provider = scriptedProvider();
    const result = await runWorkflow(briefToImages(), { registry, provider, targets: ['gen[3]'] });
    expect([...result.nodes.keys()]).toEqual(['brief', 'writer']);
    expect(provider.requests).toHaveLength(1);
  });

  it('an element and its whole node both asked: every instance runs', async () => {
    const provider = scriptedProvider();
    const result = await runWorkflow(briefToImages(), { registry, provider, targets: ['gen[1]', 'gen'] });
    expect([...result.nodes.keys()]).toEqual(['brief', 'writer', 'gen[1]', 'gen[2]']);
  });

  it('skips the mapped nodes when the answer never comes, naming its node', async () => {
    const provider = scriptedProvider({
      failWhenPromptIncludes: { nook: { code: 'invalid_request', message: 'bad' } },
    });
    const result = await runWorkflow(briefToImages(), { registry, provider });
    expect(result.status).toBe('failed');
    expect(result.nodes.get('writer')?.status).toBe('failed');
    for (const id of ['gen', 'out'])
      expect(result.nodes.get(id)).toEqual({
        status: 'skipped',
        durationMs: 0,
        calls: 0,
        costUsd: 0,
        error: {
          code: 'upstream_failed',
          message: 'needs the answer of "writer", which did not finish',
          nodeId: id,
        },
      });
  });

  it('skips only the targeted mapped node when the answer never comes', async () => {
    const provider = scriptedProvider({
      failWhenPromptIncludes: { nook: { code: 'invalid_request', message: 'bad' } },
    });
    const result = await runWorkflow(briefToImages(), { registry, provider, targets: ['gen'] });
    expect([...result.nodes.keys()]).toEqual(['brief', 'writer', 'gen']);
    expect(result.nodes.get('gen')?.status).toBe('skipped');
  });

  it('cancels the mapped nodes when the run is cancelled before the answer', async () => {
    const provider = scriptedProvider();
    const controller = new AbortController();
    const result = await runWorkflow(briefToImages(), {
      registry,
      provider,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'node-start' && event.nodeId === 'writer') controller.abort();
      },
    });
    expect(result.status).toBe('cancelled');
    expect(result.nodes.get('gen')).toMatchObject({
      status: 'cancelled',
      error: { code: 'upstream_failed', message: 'needs the answer of "writer", which did not finish' },
    });
  });

  it('pays again for the instances of a rerolled mapped node, not for the answer they map over', async () => {
    const provider = scriptedProvider();
    const cache = new MemoryCache();
    await runWorkflow(briefToImages(), { registry, provider, cache });
    expect(provider.requests).toHaveLength(3);
    const again = await runWorkflow(briefToImages(), { registry, provider, cache, reroll: ['gen'] });
    expect(provider.requests).toHaveLength(5);
    expect(again.nodes.get('writer')?.status).toBe('cached');
    expect(again.nodes.get('gen[1]')).toMatchObject({ status: 'ran', calls: 1 });
    expect(again.nodes.get('gen[2]')).toMatchObject({ status: 'ran', calls: 1 });
  });

  it('starts each instance once the answer arrives when its other input finished before', async () => {
    const scripted = scriptedProvider();
    // The list answer comes a turn later, so the image to edit is there before it.
    const provider: ImageProvider = {
      ...scripted,
      generateImage: async (request, options) => {
        if (request.answer) await new Promise((resolve) => setTimeout(resolve, 0));
        return scripted.generateImage(request, options);
      },
    };
    const workflow = workflowOf(
      [
        node('subject', 'prompt', { text: 'a cat' }),
        node('base', 'generate', { model: 'gemini-3.1-flash-image' }),
        node('brief', 'prompt', { text: 'a reading nook' }),
        node('writer', 'textModel', { instruction: 'ideas', output: 'list', maxItems: 2 }),
        node('edit', 'edit', { model: 'gemini-3.1-flash-image' }),
      ],
      [
        edge('subject', 'text', 'base', 'prompt'),
        edge('brief', 'text', 'writer', 'prompt'),
        edge('base', 'image', 'edit', 'image'),
        edge('writer', 'items', 'edit', 'instruction'),
      ],
    );
    const events: RunEvent[] = [];
    const result = await runWorkflow(workflow, {
      registry,
      provider,
      onEvent: (event) => events.push(event),
    });
    const finished = events.flatMap((event) => (event.type === 'node-finish' ? [event.nodeId] : []));
    expect(finished.indexOf('base')).toBeLessThan(finished.indexOf('writer'));
    expect(result.status).toBe('ok');
    expect(result.nodes.get('edit[1]')).toMatchObject({ status: 'ran', calls: 1 });
    expect(result.nodes.get('edit[2]')).toMatchObject({ status: 'ran', calls: 1 });
  });
});
