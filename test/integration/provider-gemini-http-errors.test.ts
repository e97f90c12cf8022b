/** HTTP errors that no retry can fix: rejected keys, unknown models, invalid requests. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultKind } from '../fake-gemini/server';
import {
  DEFAULT_API_KEY,
  type FakeGemini,
  geminiFor,
  generateWorkflow,
  noSignal,
  referencePng,
  run,
  startFakeGemini,
  twoGenerates,
} from './provider-fixtures';

let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

describe('a rejected API key stops the run after one request', () => {
  const cases: { name: string; key: string; fault?: FaultKind; words: RegExp }[] = [
    {
      name: '400 API_KEY_INVALID',
      // Built at run time so no key-shaped literal sits in the tree.
      key: `AIza${'WrongKey'.repeat(4)}123`,
      words: /key is not valid/,
    },
    {
      name: '403 referrer blocked',
      key: DEFAULT_API_KEY,
      fault: 'referrerBlocked',
      words: /restricted to certain websites/,
    },
    {
      name: '403 service blocked',
      key: DEFAULT_API_KEY,
      fault: 'serviceBlocked',
      words: /do not allow the Gemini API/,
    },
  ];
  it.each(cases)('$name', async ({ key, fault, words }) => {
    if (fault) fake.addFault({ kind: fault });
    const { result, events } = await run(generateWorkflow('a cat'), geminiFor(fake, key), { concurrency: 1 });
    expect(fake.generateRequests()).toHaveLength(1);
    const error = result.nodes.get('gen')?.error;
    expect(error?.code).toBe('api_key_rejected');
    expect(error?.message).toMatch(words);
    expect(error?.message).toContain('Enter a new key (Settings) or set GEMINI_API_KEY.');
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('api_key_rejected');
    const everything = JSON.stringify({ events, nodes: [...result.nodes.values()], error: result.error });
    expect(everything).not.toContain(key);
  });

  it('the other branches are not attempted once the key is rejected', async () => {
    const { result } = await run(twoGenerates('one', 'two'), geminiFor(fake, 'not-the-right-key'), {
      concurrency: 1,
    });
    expect(fake.generateRequests()).toHaveLength(1);
    expect(result.error?.code).toBe('api_key_rejected');
    for (const id of ['a', 'b']) expect(result.nodes.get(id)?.status).not.toBe('ran');
  });
});

describe('other errors', () => {
  it('404 names the model and is not retried', async () => {
    const { result } = await run(
      generateWorkflow('a cat', { model: 'gemini-7-imaginary-image' }),
      geminiFor(fake),
    );
    expect(fake.generateRequests()).toHaveLength(1);
    const error = result.nodes.get('gen')?.error;
    expect(error?.code).toBe('model_not_found');
    expect(error?.message).toBe(
      'model "gemini-7-imaginary-image" does not exist in Gemini API v1beta (404 NOT_FOUND): check the model id, or list the models your key can use (peel models, or Settings > Check models)',
    );
  });

  it('404 for a retired model names its shutdown and the replacement, in one request', async () => {
    // The provider directly: validation would refuse a retired model before any call.
    const result = await geminiFor(fake).generateImage(
      { model: 'gemini-3.1-flash-image-preview', prompt: 'a cat', references: [] },
      { signal: noSignal() },
    );
    expect(fake.generateRequests()).toHaveLength(1);
    expect(fake.generateRequests()[0]?.path).toBe(
      '/v1beta/models/gemini-3.1-flash-image-preview:generateContent',
    );
    expect(!result.ok && result.error).toEqual({
      code: 'model_not_found',
      message:
        'model "gemini-3.1-flash-image-preview" does not exist in Gemini API v1beta (404 NOT_FOUND): Google shut it down on 2026-06-25; switch the node to gemini-3.1-flash-image (output and price differ)',
      retryable: false,
    });
  });

  it('another 400 is an invalid request carrying Google’s message', async () => {
    const references = Array.from({ length: 15 }, (_, n) => referencePng([n, n, n, 255]));
    // Fifteen references are one more than 3.1 Flash Image takes; the node would refuse, the API does too.
    const result = await geminiFor(fake).generateImage(
      { model: 'gemini-3.1-flash-image', prompt: 'merge', references },
      { signal: noSignal() },
    );
    expect(!result.ok && result.error).toMatchObject({ code: 'invalid_request', retryable: false });
    expect(!result.ok && result.error.message).toContain(
      'Gemini rejected the request: Too many input images',
    );
  });

  it('an empty key is reported as missing before any request', async () => {
    const result = await geminiFor(fake, '   ').generateImage(
      { model: 'gemini-3.1-flash-image', prompt: 'x', references: [] },
      { signal: noSignal() },
    );
    expect(!result.ok && result.error).toMatchObject({ code: 'api_key_missing', stopsRun: true });
    expect(!result.ok && result.error.message).toContain('GEMINI_API_KEY');
    expect(fake.generateRequests()).toHaveLength(0);
  });

  it('a refused connection is a retryable network error', async () => {
    const closed = await startFakeGemini();
    const url = closed.url;
    await closed.close();
    const result = await geminiFor({ url }).generateImage(
      { model: 'gemini-3.1-flash-image', prompt: 'x', references: [] },
      { signal: noSignal() },
    );
    expect(!result.ok && result.error).toMatchObject({ code: 'network', retryable: true });
    expect(!result.ok && result.error.message).toMatch(/ECONNREFUSED|fetch failed/);
  });
});
