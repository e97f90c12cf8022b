/**
 * A fatal answer (daily quota, rejected key) stops the whole run: no further calls, nodes that
 * were waiting fail with that error, the first such error is the run's, and export still writes
 * what was paid for.
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import type { RunEvent } from '../../../src/engine/events';
import { runWorkflow } from '../../../src/engine/executor';
import type { AnyNodeDefinition } from '../../../src/engine/node-definition';
import type { ImageProvider, ProviderError } from '../../../src/engine/provider';
import { err, peelError } from '../../../src/engine/result';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { promptGenerateExport } from '../../helpers/workflows';

const registry = nodeRegistry;

/** A node's result without what varies (outputs, keys, durations). */
const summary = (
  result: { status: string; calls: number; error?: { code: string; message: string } } | undefined,
) =>
  result && {
    status: result.status,
    calls: result.calls,
    code: result.error?.code,
    message: result.error?.message,
  };

describe('a run stopped by a fatal answer', () => {
  it('fails the waiting calls with the fatal error and makes no further call', async () => {
    const daily: ProviderError = { code: 'daily_quota', message: 'daily quota exhausted', stopsRun: true };
    const provider = scriptedProvider({ failWhenPromptIncludes: { a: daily } });
    const events: RunEvent[] = [];
    const result = await runWorkflow(promptGenerateExport(['a', 'b']), {
      registry,
      provider,
      concurrency: 1,
      onEvent: (event) => events.push(event),
    });
    expect(provider.requests).toHaveLength(1);
    expect(result.status).toBe('failed');
    expect(result.error).toEqual(daily);
    expect(events.at(-1)).toMatchObject({ type: 'run-finish', status: 'failed', error: daily });
    expect(summary(result.nodes.get('g0'))).toEqual({
      status: 'failed',
      calls: 1,
      code: 'daily_quota',
      message: 'daily quota exhausted',
    });
    expect(result.nodes.get('g1')).toMatchObject({ status: 'failed', calls: 0, error: daily });
    expect(result.nodes.get('out')).toMatchObject({ status: 'skipped', error: daily });
  });

  it('stops on a fatal code even when the provider did not flag it', async () => {
    const rejected: ProviderError = { code: 'api_key_rejected', message: 'key rejected' };
    const provider = scriptedProvider({ failWhenPromptIncludes: { a: rejected } });
    const result = await runWorkflow(promptGenerateExport(['a', 'b']), {
      registry,
      provider,
      concurrency: 1,
    });
    // The second call had the freed slot before the node's error reached the executor; its
    // answer arrives after the stop and is not recorded.
    expect(provider.requests).toHaveLength(2);
    expect(result.error).toEqual({ ...rejected, nodeId: 'g0' });
    expect(result.nodes.get('g0')).toMatchObject({ status: 'failed', error: { ...rejected, nodeId: 'g0' } });
    expect(result.nodes.get('g1')).toMatchObject({ status: 'ran', calls: 1 });
  });

  it('keeps the first fatal error when two arrive', async () => {
    const daily: ProviderError = { code: 'daily_quota', message: 'daily quota exhausted', stopsRun: true };
    const credits: ProviderError = { code: 'credits_exhausted', message: 'no credits', stopsRun: true };
    const provider = scriptedProvider({ failWhenPromptIncludes: { a: daily, b: credits } });
    const result = await runWorkflow(promptGenerateExport(['a', 'b']), {
      registry,
      provider,
      concurrency: 2,
    });
    expect(provider.requests).toHaveLength(2);
    expect(result.error).toEqual(daily);
    expect(result.nodes.get('g1')).toMatchObject({ status: 'failed', error: daily });
  });

  it('still exports the images paid for before the stop', async () => {
    const daily: ProviderError = { code: 'daily_quota', message: 'daily quota exhausted', stopsRun: true };
    // The first call is answered and its node finished before the second call's fatal answer.
    const scripted = scriptedProvider({ failWhenPromptIncludes: { b: daily } });
    const provider: ImageProvider = {
      ...scripted,
      generateImage: async (request, options) => {
        if (request.prompt === 'b') await new Promise((resolve) => setTimeout(resolve, 0));
        return scripted.generateImage(request, options);
      },
    };
    const result = await runWorkflow(promptGenerateExport(['a', 'b']), {
      registry,
      provider,
      concurrency: 2,
    });
    expect(result.status).toBe('failed');
    expect(summary(result.nodes.get('g0'))).toEqual({
      status: 'ran',
      calls: 1,
      code: undefined,
      message: undefined,
    });
    const out = result.nodes.get('out');
    expect(out?.status).toBe('ran');
    expect(out?.error).toBeUndefined();
    expect(out?.exports?.map((file) => file.baseName)).toEqual(['img-g0-1']);
  });

  it('reports an export’s own failure after the stop, not the stop', async () => {
    const daily: ProviderError = { code: 'daily_quota', message: 'daily quota exhausted', stopsRun: true };
    const scripted = scriptedProvider({ failWhenPromptIncludes: { b: daily } });
    const provider: ImageProvider = {
      ...scripted,
      generateImage: async (request, options) => {
        if (request.prompt === 'b') await new Promise((resolve) => setTimeout(resolve, 0));
        return scripted.generateImage(request, options);
      },
    };
    const failingExport: AnyNodeDefinition = {
      ...nodeRegistry.export,
      run: async () => err(peelError('io', 'disk full')),
    } as AnyNodeDefinition;
    const result = await runWorkflow(promptGenerateExport(['a', 'b']), {
      registry: { ...nodeRegistry, export: failingExport },
      provider,
      concurrency: 2,
    });
    expect(result.error).toEqual(daily);
    expect(result.nodes.get('out')).toMatchObject({
      status: 'failed',
      error: { code: 'io', message: 'disk full', nodeId: 'out' },
    });
  });
});
