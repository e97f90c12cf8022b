/**
 * What executeNode reports for a node that ran, failed, was cancelled or threw: status, usage,
 * notes, calls and cost, and the cache entry written only for a finished answer.
 */
import { describe, expect, it } from 'vitest';
import { imageValueOf } from '../../../src/engine/assets';
import { estimateCallUsd, typicalAnswerTokens } from '../../../src/engine/cost';
import { err, ok } from '../../../src/engine/result';
import { executeNode } from '../../../src/engine/run-node';
import type { ConversationTurn } from '../../../src/engine/values';
import { failure, request } from '../../helpers/call-runtime';
import { imageAnswer, jobOf, modelNode, nodeHarness } from '../../helpers/node-env';

const usageOfOne = {
  promptTokens: 10,
  imageOutputTokens: 100,
  textOutputTokens: 1,
  thoughtsTokens: 0,
  totalTokens: 111,
};

/** Calls the model once and outputs the answer's text. */
const oneCall = () =>
  modelNode(async (context) => {
    const answer = await context.callModel(request());
    return answer.ok ? ok({ outputs: { text: answer.value.text } }) : err(answer.error);
  });

describe('executeNode outcome', () => {
  it('reports a node that ran, with the provider’s notice, and caches its outputs', async () => {
    const h = nodeHarness([imageAnswer(1, 0.02, 'conversation not kept')]);
    const result = await executeNode(jobOf(oneCall()), h.env);
    const key = result.cacheKey ?? '';
    expect(result).toEqual({
      status: 'ran',
      outputs: { text: 'answer 1' },
      usage: usageOfOne,
      calls: 1,
      costUsd: 0.02,
      cacheKey: key,
      notes: ['conversation not kept'],
    });
    expect(h.cache.entries.get(key)).toMatchObject({
      outputs: { text: 'answer 1' },
      usage: usageOfOne,
      costUsd: 0.02,
      provider: 'scripted',
    });
    expect(h.cache.entries.size).toBe(1);
    expect(h.env.inflight.size).toBe(0);
  });

  it('reports no notes when the provider gave none', async () => {
    const h = nodeHarness([imageAnswer(1, 0.02)]);
    const result = await executeNode(jobOf(oneCall()), h.env);
    expect(Object.keys(result).sort()).toEqual([
      'cacheKey',
      'calls',
      'costUsd',
      'outputs',
      'status',
      'usage',
    ]);
  });

  it('reports a cancelled answer as a cancelled node, and caches nothing', async () => {
    const h = nodeHarness([failure({ code: 'cancelled', message: 'stopped' })]);
    const result = await executeNode(jobOf(oneCall()), h.env);
    expect(result.status).toBe('cancelled');
    expect(result.error).toEqual({ code: 'cancelled', message: 'stopped', nodeId: 'n1' });
    expect(h.cache.entries.size).toBe(0);
  });

  it('reports a node that throws as an internal failure, keeping what it paid for', async () => {
    const h = nodeHarness([imageAnswer(1, 0.02)]);
    const node = modelNode(async (context) => {
      await context.callModel(request());
      throw new Error('boom');
    });
    const result = await executeNode(jobOf(node), h.env);
    expect(result).toEqual({
      status: 'failed',
      error: { code: 'internal', message: 'node crashed: boom', nodeId: 'n1' },
      calls: 1,
      costUsd: 0.02,
      cacheKey: result.cacheKey,
    });
    expect(h.cache.entries.size).toBe(1);
  });

  it('reports a node that throws after the run was cancelled as cancelled', async () => {
    const h = nodeHarness([imageAnswer(1, 0.02)]);
    const node = modelNode(async () => {
      h.controller.abort();
      throw 'torn down';
    });
    const result = await executeNode(jobOf(node), h.env);
    expect(result).toEqual({ status: 'cancelled', calls: 0, costUsd: 0, cacheKey: result.cacheKey });
  });

  it('reports a node whose run was cancelled as cancelled, keeping what it paid for', async () => {
    const h = nodeHarness([imageAnswer(1, 0.02)]);
    const node = modelNode(async (context) => {
      const answer = await context.callModel(request());
      h.controller.abort();
      return answer.ok ? ok({ outputs: { text: answer.value.text } }) : err(answer.error);
    });
    const result = await executeNode(jobOf(node), h.env);
    expect(result).toEqual({ status: 'cancelled', calls: 1, costUsd: 0.02, cacheKey: result.cacheKey });
    // Only the paid answer is kept, not the node's outputs.
    expect([...h.cache.entries.values()].map((entry) => entry.outputs.text)).toEqual(['answer 1']);
  });

  it('runs a node that neither calls a model nor caches without a key or usage', async () => {
    const h = nodeHarness([imageAnswer(1, 0.02)]);
    const node = modelNode(async () => ok({ outputs: { text: 'local' } }), { callsModel: false });
    expect(await executeNode(jobOf(node), h.env)).toEqual({
      status: 'ran',
      outputs: { text: 'local' },
      calls: 0,
      costUsd: 0,
    });
    expect(h.cache.entries.size).toBe(0);
  });

  it('estimates a call with the references and the non-thought images of its history', async () => {
    const h = nodeHarness([imageAnswer(1, 0.02)], { maxUsd: 0.01 });
    const image = imageValueOf(new Uint8Array([1, 2, 3]), 'image/png');
    const history: ConversationTurn[] = [
      {
        role: 'user',
        parts: [
          { kind: 'text', text: 'first' },
          { kind: 'image', image },
        ],
      },
      {
        role: 'model',
        parts: [
          { kind: 'image', image, thought: true },
          { kind: 'image', image },
        ],
      },
    ];
    const node = modelNode(async (context) => {
      const answer = await context.callModel({
        ...request(),
        references: [image],
        history,
        answer: { kind: 'text' },
      });
      return answer.ok ? ok({ outputs: {} }) : err(answer.error);
    });
    const result = await executeNode(jobOf(node), h.env);
    const estimate = estimateCallUsd({
      model: 'gemini-3.1-flash-image',
      promptChars: 'a cat'.length,
      inputImages: 3,
      textOutputTokens: typicalAnswerTokens({ kind: 'text' }),
    });
    expect(result.error?.message).toBe(
      `not started: this call (~$${estimate?.toFixed(4)}) would pass the $0.01 budget ($0.0000 spent)`,
    );
  });
});
