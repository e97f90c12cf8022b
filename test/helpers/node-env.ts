import { imageValueOf, MemoryAssetStore } from '../../src/engine/assets';
import { type CacheEntry, type CacheKeyRelease, MemoryCache } from '../../src/engine/cache';
import { NO_IMAGE_OPS } from '../../src/engine/image-ops';
import type { AnyNodeDefinition, NodeRunContext, NodeRunOutput } from '../../src/engine/node-definition';
import type { ImageCallResult, ProviderError } from '../../src/engine/provider';
import type { Result } from '../../src/engine/result';
import type { NodeEnvironment, NodeExecution, NodeJob } from '../../src/engine/run-node';
import { type CallHarness, callHarness, type ScriptedAnswer } from './call-runtime';
import { tinyPng } from './tiny-png';

/** A memory cache that can claim keys like a shared one, recording writes and releases. */
export class LockingCache extends MemoryCache {
  readonly released: string[] = [];
  /** Runs when a key is claimed (another process finishing, a cancel); undefined answer = no claim. */
  onLock: ((key: string) => boolean) | undefined;

  lock(key: string, _signal: AbortSignal): Promise<CacheKeyRelease | undefined> {
    const claimed = this.onLock?.(key) ?? true;
    return Promise.resolve(
      claimed
        ? async () => {
            this.released.push(key);
          }
        : undefined,
    );
  }
}

/** A model node whose run is the test's function. */
export function modelNode(
  run: (context: NodeRunContext<unknown>) => Promise<Result<NodeRunOutput>>,
  extra: Partial<AnyNodeDefinition> = {},
): AnyNodeDefinition {
  return {
    type: 'test-model',
    version: 1,
    title: 'Test model',
    description: 'calls the model as the test says',
    callsModel: true,
    inputs: {},
    outputs: {},
    params: undefined as never,
    run,
    ...extra,
  };
}

export function jobOf(definition: AnyNodeDefinition, extra: Partial<NodeJob> = {}): NodeJob {
  return {
    node: { id: 'n1', type: definition.type, position: { x: 0, y: 0 }, params: {} },
    definition,
    params: { prompt: 'a cat' },
    inputs: {},
    reroll: false,
    workflowName: 'Test',
    row: 1,
    ...extra,
  };
}

export interface NodeHarness extends CallHarness {
  env: NodeEnvironment;
  cache: LockingCache;
  writeFailures: Array<{ nodeId: string; cause: unknown }>;
}

export function nodeHarness(
  answers: ScriptedAnswer[],
  options: Parameters<typeof callHarness>[1] = {},
): NodeHarness {
  const calls = callHarness(answers, options);
  const cache = new LockingCache();
  const writeFailures: Array<{ nodeId: string; cause: unknown }> = [];
  const env: NodeEnvironment = {
    runtime: calls.runtime,
    cache,
    assets: new MemoryAssetStore(),
    inflight: new Map<string, Promise<NodeExecution>>(),
    cacheWriteFailed: (nodeId, cause) => writeFailures.push({ nodeId, cause }),
    imageOps: NO_IMAGE_OPS,
  };
  return { ...calls, env, cache, writeFailures };
}

/** A paid answer with one image (so it is kept as a paid-call entry). */
export function imageAnswer(
  seed: number,
  costUsd: number,
  notice?: string,
): Result<ImageCallResult, ProviderError> {
  const image = imageValueOf(tinyPng(seed), 'image/png');
  return {
    ok: true,
    value: {
      images: [image],
      text: `answer ${seed}`,
      usage: {
        promptTokens: 10,
        imageOutputTokens: 100,
        textOutputTokens: 1,
        thoughtsTokens: 0,
        totalTokens: 111,
      },
      costUsd,
      userTurn: { role: 'user', parts: [{ kind: 'text', text: 'a cat' }] },
      modelTurn: { role: 'model', parts: [{ kind: 'image', image }] },
      ...(notice === undefined ? {} : { notice }),
    },
  };
}

export const entriesOf = (cache: MemoryCache): CacheEntry[] => [...cache.entries.values()];
