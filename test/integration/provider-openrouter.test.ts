/** The OpenRouter route: chat completions over fetch against the fake's OpenRouter endpoint. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryAssetStore } from '../../src/engine/assets';
import { costFromUsage } from '../../src/engine/cost';
import { makeTestPng } from '../../src/engine/image/test-images';
import type { ImageProvider } from '../../src/engine/provider';
import { CONVERSATION_NOT_KEPT } from '../../src/engine/route-models';
import { createRouteProvider } from '../../src/providers/routes';
import type { FakeGemini, FaultKind } from '../fake-gemini/server';
import {
  edge,
  generateEditEdit,
  generateWorkflow,
  node,
  run,
  startFakeGemini,
  twoGenerates,
  workflow,
} from './provider-fixtures';

const OR_KEY = 'test-or-key-321';

let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const openrouter = (apiKey = OR_KEY): ImageProvider =>
  createRouteProvider({
    route: 'openrouter',
    apiKey,
    baseUrl: `${fake.url}/api/v1`,
    appUrl: 'http://localhost',
  });

interface ChatBody {
  model: string;
  modalities: string[];
  stream: boolean;
  image_config?: Record<string, string>;
  messages: Array<{
    role: string;
    content: Array<{ type: string; text?: string; image_url?: { url: string } }>;
  }>;
}

describe('request shape', () => {
  it('posts chat completions with the mapped id, modalities, image_config, data-URL references and attribution headers', async () => {
    const assets = new MemoryAssetStore();
    const reference = assets.put(makeTestPng({ width: 3, height: 2, rgba: [200, 30, 30, 255] }), 'image/png');
    const flow = workflow(
      [
        node('p', 'prompt', { text: 'a red kite over dunes' }),
        node('r', 'referenceSet', {
          images: [{ name: 'r.png', mimeType: 'image/png', hash: reference.hash }],
        }),
        node(
          'gen',
          'generate',
          { model: 'gemini-3.1-flash-image', aspectRatio: '16:9', imageSize: '2K' },
          300,
        ),
      ],
      [edge('p', 'text', 'gen', 'prompt'), edge('r', 'images', 'gen', 'references')],
    );
    const { result } = await run(flow, openrouter(), { assets });
    expect(result.nodes.get('gen')?.error).toBeUndefined();
    expect(result.status).toBe('ok');
    const [call] = fake.generateRequests();
    expect(call?.path).toBe('/api/v1/chat/completions');
    expect(call?.bearer).toBe(OR_KEY);
    expect(call?.headers).toMatchObject({
      'http-referer': 'http://localhost',
      'x-title': 'Peel',
      'x-openrouter-title': 'Peel',
      'content-type': 'application/json',
    });
    const body = call?.body as ChatBody;
    expect(body.model).toBe('google/gemini-3.1-flash-image');
    expect(body.modalities).toEqual(['image', 'text']);
    expect(body.stream).toBe(false);
    expect(body.image_config).toEqual({ aspect_ratio: '16:9', image_size: '2K' });
    const content = body.messages[0]?.content ?? [];
    expect(content.map((part) => part.type)).toEqual(['image_url', 'text']);
    expect(content[0]?.image_url?.url).toMatch(/^data:image\/png;base64,iVBOR/);
    expect(content[1]?.text).toBe('a red kite over dunes');
    expect(result.nodes.get('gen')?.outputs?.image).toBeDefined();
  });

  it('the cost is what OpenRouter billed in usage.cost, not Peel’s token math', async () => {
    const { result } = await run(twoGenerates('a cat', 'a dog'), openrouter());
    const billed = fake.generateRequests().map((call) => call.costUsd ?? Number.NaN);
    expect(billed).toHaveLength(2);
    const sum = (billed[0] ?? 0) + (billed[1] ?? 0);
    // Peel keeps micro-dollar precision.
    expect(result.totals.costUsd).toBeCloseTo(sum, 5);
    const gen = result.nodes.get('a');
    expect(gen?.costUsd).not.toBe(costFromUsage('gemini-3.1-flash-image', gen?.usage as never));
  });

  it('a size OpenRouter cannot forward (512) and a model it has no id for are refused before any call', async () => {
    const small = await run(
      generateWorkflow('x', { model: 'gemini-3.1-flash-image', imageSize: '512' }),
      openrouter(),
    );
    expect(small.result.nodes.get('gen')?.error?.message).toMatch(
      /512 cannot be requested through OpenRouter/,
    );
    const unknown = await run(generateWorkflow('x', { model: 'gemini-9-imaginary-image' }), openrouter());
    expect(unknown.result.nodes.get('gen')?.error?.message).toMatch(
      /OpenRouter has no id for "gemini-9-imaginary-image"/,
    );
    expect(fake.generateRequests()).toHaveLength(0);
  });
});

describe('conversation', () => {
  it('Edit sends the input image plus the instruction, and the node says the conversation was not kept', async () => {
    const { result, events } = await run(generateEditEdit('gemini-3.1-flash-image'), openrouter());
    expect(result.status).toBe('ok');
    const calls = fake.generateRequests();
    expect(calls).toHaveLength(3);
    const edit = calls[1]?.body as ChatBody;
    expect(edit.messages).toHaveLength(1);
    expect(edit.messages[0]?.content.map((part) => part.type)).toEqual(['image_url', 'text']);
    expect(edit.messages[0]?.content[1]?.text).toBe('make the sail bright red');
    const finish = events.find((event) => event.type === 'node-finish' && event.nodeId === 'e1');
    expect(finish && 'notes' in finish ? finish.notes : undefined).toEqual([CONVERSATION_NOT_KEPT]);
  });
});

describe('errors', () => {
  it('401 stops the run and never shows the key', async () => {
    const wrong = `sk-or-v1-${'0'.repeat(64)}`;
    const { result, events } = await run(twoGenerates('a', 'b'), openrouter(wrong), { concurrency: 1 });
    expect(result.error?.code).toBe('api_key_rejected');
    expect(result.error?.message).toContain('OPENROUTER_API_KEY');
    expect(fake.generateRequests()).toHaveLength(1);
    expect(JSON.stringify({ events, nodes: [...result.nodes.values()] })).not.toContain(wrong);
  });

  it('402 out of credits stops the run like a daily quota', async () => {
    fake.addFault({ kind: 'orCredits' });
    const { result } = await run(twoGenerates('a', 'b'), openrouter(), { concurrency: 1 });
    expect(result.error?.code).toBe('credits_exhausted');
    expect(result.error?.message).toMatch(/out of credits/);
    expect(fake.generateRequests()).toHaveLength(1);
    expect(result.status).toBe('failed');
  });

  it('403 moderation is a safety block: not retried', async () => {
    fake.addFault({ kind: 'orModeration' });
    const { result } = await run(generateWorkflow('x'), openrouter());
    const error = result.nodes.get('gen')?.error;
    expect(error?.code).toBe('safety_blocked');
    expect(error?.message).toMatch(/moderation \(violence\)/);
    expect(fake.generateRequests()).toHaveLength(1);
  });

  it('a Gemini safety finish comes through as a safety block', async () => {
    fake.addFault({ kind: 'imageSafety' });
    const { result } = await run(generateWorkflow('x'), openrouter());
    expect(result.nodes.get('gen')?.error?.code).toBe('safety_blocked');
  });

  const transient: Array<{ kind: FaultKind; code: string }> = [
    { kind: 'orTimeout', code: 'timeout' },
    { kind: 'orRateLimit', code: 'rate_limited' },
    { kind: 'orBadGateway', code: 'unavailable' },
    { kind: 'orNoProvider', code: 'unavailable' },
    { kind: 'orErrorIn200', code: 'unavailable' },
  ];
  it.each(transient)('$kind is $code and retried until it works', async ({ kind, code }) => {
    fake.addFault({ kind, times: 1 });
    const { result, events } = await run(generateWorkflow('x'), openrouter());
    expect(result.status).toBe('ok');
    expect(result.totals.calls).toBe(2);
    const waiting = events.find((event) => event.type === 'node-waiting');
    expect(waiting && 'reason' in waiting ? waiting.reason : undefined).toBe(code);
  });

  it('429 with Retry-After waits what the server asks', async () => {
    fake.addFault({ kind: 'orRateLimit', times: 1, retryDelaySeconds: 2 });
    const outcome = await openrouter().generateImage(
      { model: 'gemini-3.1-flash-image', prompt: 'x', references: [] },
      { signal: new AbortController().signal },
    );
    expect(outcome.ok ? undefined : outcome.error).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 2000,
    });
  });
});
