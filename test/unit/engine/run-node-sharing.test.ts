/**
 * executeNode never pays twice for one cache key: a node in flight is shared, a cache hit is
 * served (with its usage), and a key another process claimed is read again once released.
 */
import { describe, expect, it } from 'vitest';
import { cacheKeyFor } from '../../../src/engine/cache-key';
import { err, ok } from '../../../src/engine/result';
import { executeNode } from '../../../src/engine/run-node';
import { failure, request } from '../../helpers/call-runtime';
import { imageAnswer, jobOf, modelNode, nodeHarness } from '../../helpers/node-env';

const oneCall = () =>
  modelNode(async (context) => {
    const answer = await context.callModel(request());
    return answer.ok ? ok({ outputs: { text: answer.value.text } }) : err(answer.error);
  });

/** The key jobOf(oneCall()) runs under with the scripted provider. */
const keyOfJob = () =>
  cacheKeyFor({
    type: 'test-model',
    version: 1,
    params: { prompt: 'a cat' },
    inputs: {},
    provider: 'scripted',
  });

const usage = {
  promptTokens: 1,
  imageOutputTokens: 2,
  textOutputTokens: 3,
  thoughtsTokens: 0,
  totalTokens: 6,
};

describe('executeNode sharing', () => {
  it('serves a second node with the same key from the first one’s call, at no cost', async () => {
    const h = nodeHarness([imageAnswer(1, 0.02)]);
    const [first, second] = await Promise.all([
      executeNode(jobOf(oneCall()), h.env),
      executeNode(
        jobOf(oneCall(), { node: { id: 'n2', type: 'test-model', position: { x: 0, y: 0 }, params: {} } }),
        h.env,
      ),
    ]);
    expect(first).toMatchObject({ status: 'ran', calls: 1, costUsd: 0.02 });
    expect(second).toEqual({ ...first, status: 'cached', calls: 0, costUsd: 0 });
    expect(h.sent).toHaveLength(1);
    expect(h.env.inflight.size).toBe(0);
  });

  it('passes a shared failure on as it is', async () => {
    const h = nodeHarness([failure({ code: 'invalid_request', message: 'bad' })]);
    const [first, second] = await Promise.all([
      executeNode(jobOf(oneCall()), h.env),
      executeNode(jobOf(oneCall()), h.env),
    ]);
    expect(first.status).toBe('failed');
    expect(second).toEqual(first);
  });

  it('serves a cache hit with the usage it was paid with', async () => {
    const h = nodeHarness([imageAnswer(1, 0.02)]);
    h.cache.entries.set(keyOfJob(), { outputs: { text: 'old' }, usage, costUsd: 0.5, createdAt: 1 });
    expect(await executeNode(jobOf(oneCall()), h.env)).toEqual({
      status: 'cached',
      outputs: { text: 'old' },
      calls: 0,
      costUsd: 0,
      cacheKey: keyOfJob(),
      usage,
    });
    expect(h.sent).toEqual([]);
  });

  it('serves a cache hit without usage without one', async () => {
    const h = nodeHarness([imageAnswer(1, 0.02)]);
    h.cache.entries.set(keyOfJob(), { outputs: { text: 'old' }, createdAt: 1 });
    expect(await executeNode(jobOf(oneCall()), h.env)).toEqual({
      status: 'cached',
      outputs: { text: 'old' },
      calls: 0,
      costUsd: 0,
      cacheKey: keyOfJob(),
    });
  });

  it('reads the cache again after waiting for another process’s claim, and releases its own', async () => {
    const h = nodeHarness([imageAnswer(1, 0.02)]);
    h.cache.onLock = (key) => {
      h.cache.entries.set(key, { outputs: { text: 'from the other process' }, createdAt: 1 });
      return true;
    };
    const result = await executeNode(jobOf(oneCall()), h.env);
    expect(result).toMatchObject({ status: 'cached', outputs: { text: 'from the other process' } });
    expect(h.sent).toEqual([]);
    expect(h.cache.released).toEqual([keyOfJob()]);
  });

  it('runs the node when no claim could be made, without reading the cache again', async () => {
    const h = nodeHarness([imageAnswer(1, 0.02)]);
    h.cache.onLock = (key) => {
      h.cache.entries.set(key, { outputs: { text: 'written meanwhile' }, createdAt: 1 });
      return false;
    };
    const result = await executeNode(jobOf(oneCall()), h.env);
    expect(result).toMatchObject({ status: 'ran', outputs: { text: 'answer 1' }, calls: 1 });
    expect(h.cache.released).toEqual([]);
  });

  it('does not run a node cancelled while it waited for a claim', async () => {
    const h = nodeHarness([imageAnswer(1, 0.02)]);
    h.cache.onLock = () => {
      h.controller.abort();
      return true;
    };
    let runs = 0;
    const counted = modelNode(async () => {
      runs++;
      return ok({ outputs: {} });
    });
    expect(await executeNode(jobOf(counted), h.env)).toEqual({
      status: 'cancelled',
      calls: 0,
      costUsd: 0,
      cacheKey: keyOfJob(),
    });
    expect(runs).toBe(0);
    expect(h.cache.released).toEqual([keyOfJob()]);
  });

  it('keeps a result whose cache write failed, and says so', async () => {
    const h = nodeHarness([imageAnswer(1, 0.02)]);
    const cause = new Error('disk full');
    h.cache.set = () => Promise.reject(cause);
    const result = await executeNode(jobOf(oneCall()), h.env);
    expect(result).toMatchObject({ status: 'ran', outputs: { text: 'answer 1' } });
    expect(h.writeFailures).toEqual([{ nodeId: 'n1', cause }]);
  });
});
