/**
 * executeNode keeps every answer paid for under its own key when the node does not finish, so
 * the next run takes them from the cache instead of paying again (unless the node is rerolled).
 */
import { describe, expect, it } from 'vitest';
import { ZERO_USAGE } from '../../../src/engine/cost';
import { paidCallKey } from '../../../src/engine/paid-calls';
import { err, ok } from '../../../src/engine/result';
import { executeNode } from '../../../src/engine/run-node';
import { failure, request } from '../../helpers/call-runtime';
import { imageAnswer, jobOf, modelNode, nodeHarness } from '../../helpers/node-env';

/** Asks for two answers, then fails on its own (as a later budget refusal would). */
const twoCallsThenFail = () =>
  modelNode(async (context) => {
    const first = await context.callModel(request());
    const second = await context.callModel(request());
    if (!first.ok || !second.ok) return err({ code: 'no_image', message: 'a call failed' });
    return err({ code: 'invalid_request', message: `kept ${first.value.text} and ${second.value.text}` });
  });

describe('executeNode paid calls', () => {
  it('keeps each paid answer of a failed node under its numbered key', async () => {
    const h = nodeHarness([imageAnswer(1, 0.01), imageAnswer(2, 0.02)]);
    const result = await executeNode(jobOf(twoCallsThenFail()), h.env);
    const key = result.cacheKey ?? '';
    expect(result).toEqual({
      status: 'failed',
      error: { code: 'invalid_request', message: 'kept answer 1 and answer 2', nodeId: 'n1' },
      usage: {
        promptTokens: 20,
        imageOutputTokens: 200,
        textOutputTokens: 2,
        thoughtsTokens: 0,
        totalTokens: 222,
      },
      calls: 2,
      costUsd: 0.03,
      cacheKey: key,
    });
    expect([...h.cache.entries.keys()].sort()).toEqual([paidCallKey(key, 1), paidCallKey(key, 2)].sort());
    expect(h.cache.entries.get(paidCallKey(key, 2))?.outputs.text).toBe('answer 2');
  });

  it('takes the kept answers on the next run, in order, without a call', async () => {
    const first = nodeHarness([imageAnswer(1, 0.01), imageAnswer(2, 0.02)]);
    await executeNode(jobOf(twoCallsThenFail()), first.env);
    const again = nodeHarness([imageAnswer(3, 0.05)]);
    again.env.cache = first.cache;
    const result = await executeNode(jobOf(twoCallsThenFail()), again.env);
    expect(result.error?.message).toBe('kept answer 1 and answer 2');
    expect(result).toMatchObject({ calls: 0, costUsd: 0, usage: ZERO_USAGE });
    expect(again.sent).toEqual([]);
  });

  it('pays again for a rerolled node', async () => {
    const first = nodeHarness([imageAnswer(1, 0.01), imageAnswer(2, 0.02)]);
    await executeNode(jobOf(twoCallsThenFail()), first.env);
    const again = nodeHarness([imageAnswer(3, 0.05), imageAnswer(4, 0.05)]);
    again.env.cache = first.cache;
    const result = await executeNode(jobOf(twoCallsThenFail(), { reroll: true }), again.env);
    expect(result.error?.message).toBe('kept answer 3 and answer 4');
    expect(again.sent).toHaveLength(2);
  });

  it('keeps nothing for a failed call, but counts what it billed', async () => {
    const billed = {
      promptTokens: 7,
      imageOutputTokens: 0,
      textOutputTokens: 3,
      thoughtsTokens: 0,
      totalTokens: 10,
    };
    const h = nodeHarness([
      failure({ code: 'safety_blocked', message: 'blocked', usage: billed, costUsd: 0.001 }),
    ]);
    const node = modelNode(async (context) => {
      const answer = await context.callModel(request());
      return answer.ok ? ok({ outputs: {} }) : err(answer.error);
    });
    const result = await executeNode(jobOf(node), h.env);
    expect(result).toMatchObject({ status: 'failed', usage: billed, calls: 1, costUsd: 0.001 });
    expect(result.error).toEqual({
      code: 'safety_blocked',
      message: 'blocked',
      usage: billed,
      costUsd: 0.001,
      nodeId: 'n1',
    });
    expect(h.cache.entries.size).toBe(0);
  });

  it('keeps no paid answers for a node outside the cache', async () => {
    const h = nodeHarness([imageAnswer(1, 0.01), imageAnswer(2, 0.02)]);
    const result = await executeNode(jobOf({ ...twoCallsThenFail(), callsModel: false }), h.env);
    expect(result).toEqual({
      status: 'failed',
      error: { code: 'invalid_request', message: 'kept answer 1 and answer 2', nodeId: 'n1' },
      usage: {
        promptTokens: 20,
        imageOutputTokens: 200,
        textOutputTokens: 2,
        thoughtsTokens: 0,
        totalTokens: 222,
      },
      calls: 2,
      costUsd: 0.03,
    });
    expect(h.cache.entries.size).toBe(0);
  });
});
