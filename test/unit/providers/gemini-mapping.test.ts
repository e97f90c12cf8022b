/** Pure mapping pieces of the Gemini provider: error bodies, thrown errors, answers, requests. */
import { describe, expect, it } from 'vitest';
import { MemoryAssetStore } from '../../../src/engine/assets';
import { bytesToBase64 } from '../../../src/engine/image/base64';
import { makeTestPng } from '../../../src/engine/image/test-images';
import type { ConversationTurn } from '../../../src/engine/values';
import { providerErrorFromThrown } from '../../../src/providers/gemini/errors';
import { buildGeminiRequest } from '../../../src/providers/gemini/request';
import { mapGeminiResponse } from '../../../src/providers/gemini/response';
import { parseDurationMs } from '../../../src/providers/gemini/rpc-error';

const context = { model: 'gemini-3-pro-image', apiVersion: 'v1beta', aborted: false };
const apiError = (status: number, body: unknown) =>
  Object.assign(new Error(typeof body === 'string' ? body : JSON.stringify(body)), {
    name: 'ApiError',
    status,
  });
const quota = (retryDelay: string | undefined, quotaId: string) => ({
  error: {
    code: 429,
    message: 'You exceeded your current quota, please check your plan.',
    status: 'RESOURCE_EXHAUSTED',
    details: [
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId }] },
      ...(retryDelay ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }] : []),
    ],
  },
});

describe('HTTP errors', () => {
  it('429 per minute is retryable after RetryInfo (live body: 34.4s)', async () => {
    const error = providerErrorFromThrown(
      apiError(429, quota('34.4s', 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier')),
      context,
    );
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 34_400 });
  });

  it('429 per day, or with a wait longer than a minute, is a daily quota that stops the run', async () => {
    const perDay = providerErrorFromThrown(
      apiError(429, quota('20s', 'GenerateRequestsPerDayPerProjectPerModel-FreeTier')),
      context,
    );
    const longWait = providerErrorFromThrown(apiError(429, quota('3600s', 'SomeOtherQuota')), context);
    for (const error of [perDay, longWait]) {
      expect(error).toMatchObject({ code: 'daily_quota', retryable: false, stopsRun: true });
      expect(error.message).toMatch(/^daily quota exhausted for gemini-3-pro-image/);
    }
  });

  it('429 without details is retryable with backoff only', async () => {
    const error = providerErrorFromThrown(
      apiError(429, {
        error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED' },
      }),
      context,
    );
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true });
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('403 without a reason, and 401, still reject the key', async () => {
    const unregistered = providerErrorFromThrown(
      apiError(403, {
        error: {
          code: 403,
          message: "Method doesn't allow unregistered callers",
          status: 'PERMISSION_DENIED',
        },
      }),
      context,
    );
    expect(unregistered).toMatchObject({ code: 'api_key_rejected', stopsRun: true });
    expect(unregistered.message).toContain("permission denied (Method doesn't allow unregistered callers)");
    expect(providerErrorFromThrown(apiError(401, 'nope'), context).code).toBe('api_key_rejected');
  });

  it('5xx are retryable; a non-JSON body is quoted as it came', async () => {
    const error = providerErrorFromThrown(apiError(502, '<html>Bad Gateway</html>'), context);
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
    expect(error.message).toContain('<html>Bad Gateway</html>');
  });

  it('reads protobuf durations', async () => {
    expect([
      parseDurationMs('1.5s'),
      parseDurationMs('34s'),
      parseDurationMs('0.250s'),
      parseDurationMs('1m'),
    ]).toEqual([1500, 34_000, 250, undefined]);
  });
});

describe('thrown errors that are not HTTP answers', () => {
  it('a refused connection, a reset and a body cut short are retryable network errors', async () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    });
    for (const thrown of [
      refused,
      new TypeError('terminated'),
      new SyntaxError('Unexpected end of JSON input'),
    ]) {
      expect(providerErrorFromThrown(thrown, context)).toMatchObject({ code: 'network', retryable: true });
    }
  });

  it('an abort is "cancelled"; anything unknown is a non-retryable bad response', async () => {
    expect(providerErrorFromThrown(new Error('whatever'), { ...context, aborted: true }).code).toBe(
      'cancelled',
    );
    expect(providerErrorFromThrown(new Error('boom'), context)).toMatchObject({
      code: 'bad_response',
      retryable: false,
    });
  });
});

describe('answers', () => {
  const userTurn: ConversationTurn = { role: 'user', parts: [{ kind: 'text', text: 'x' }] };
  const answer = { model: 'gemini-3-pro-image', userTurn };

  it('a relayed IMAGE_SAFETY answer with null parts is a block, billed for its thinking', async () => {
    const result = await mapGeminiResponse(
      {
        candidates: [
          { content: { parts: null }, finishReason: 'IMAGE_SAFETY', finishMessage: 'Unable to show.' },
        ],
        promptFeedback: { blockReason: null },
        usageMetadata: {
          promptTokenCount: 464,
          candidatesTokenCount: 0,
          thoughtsTokenCount: 291,
          totalTokenCount: 755,
        },
      },
      answer,
    );
    expect(!result.ok && result.error).toMatchObject({
      code: 'safety_blocked',
      message: "Blocked by Gemini's safety filter (IMAGE_SAFETY): Unable to show.",
      retryable: false,
    });
    // 464 × $2 + 291 × $12, per 1M.
    expect(!result.ok && result.error.costUsd).toBeCloseTo((928 + 3492) / 1e6, 9);
  });

  it('a safety finish reason wins even when an image came with it', async () => {
    const png = bytesToBase64(makeTestPng());
    const result = await mapGeminiResponse(
      {
        candidates: [
          {
            content: { parts: [{ inlineData: { mimeType: 'image/png', data: png } }] },
            finishReason: 'RECITATION',
          },
        ],
      },
      answer,
    );
    expect(!result.ok && result.error.code).toBe('safety_blocked');
  });

  it('an empty answer is "no image", never an empty success', async () => {
    const result = await mapGeminiResponse({}, answer);
    expect(!result.ok && result.error).toMatchObject({
      code: 'no_image',
      message: 'the model returned no image',
    });
  });

  it('bytes that are not an image are a bad response, whatever the declared type', async () => {
    const data = bytesToBase64(new TextEncoder().encode('<html>not an image</html>'));
    const result = await mapGeminiResponse(
      { candidates: [{ content: { parts: [{ inlineData: { mimeType: 'image/png', data } }] } }] },
      answer,
    );
    expect(!result.ok && result.error.code).toBe('bad_response');
    expect(!result.ok && result.error.message).toContain('Gemini sent an image that could not be decoded');
  });
});

describe('requests', () => {
  const image = new MemoryAssetStore().put(makeTestPng({ width: 4, height: 4 }), 'image/png');

  it('replays history untouched: thought flags and signatures on text and image parts', async () => {
    const history: ConversationTurn[] = [
      { role: 'user', parts: [{ kind: 'text', text: 'draw' }] },
      {
        role: 'model',
        parts: [
          { kind: 'image', image, thought: true },
          { kind: 'text', text: 'thinking', thought: true, thoughtSignature: 'c2lnLXRleHQ=' },
          { kind: 'image', image, thoughtSignature: 'c2lnLWltYWdl' },
        ],
      },
    ];
    const built = buildGeminiRequest({
      model: 'gemini-3-pro-image',
      prompt: 'again',
      references: [image],
      history,
    });
    if (!built.ok) throw new Error(built.error.message);
    const data = bytesToBase64(image.bytes);
    expect(built.value.contents).toEqual([
      { role: 'user', parts: [{ text: 'draw' }] },
      {
        role: 'model',
        parts: [
          { inlineData: { mimeType: 'image/png', data }, thought: true },
          { text: 'thinking', thought: true, thoughtSignature: 'c2lnLXRleHQ=' },
          { inlineData: { mimeType: 'image/png', data }, thoughtSignature: 'c2lnLWltYWdl' },
        ],
      },
      { role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data } }, { text: 'again' }] },
    ]);
  });

  it('names an oversized image inside the conversation being continued', async () => {
    const huge = { ...image, bytes: new Uint8Array(8 * 1024 * 1024) };
    const built = buildGeminiRequest({
      model: 'gemini-3-pro-image',
      prompt: 'again',
      references: [],
      history: [{ role: 'model', parts: [{ kind: 'image', image: huge }] }],
    });
    expect(!built.ok && built.error.code).toBe('image_too_large');
    expect(!built.ok && built.error.message).toContain(
      'an image in turn 1 of the conversation being continued (8.0 MB)',
    );
  });
});
