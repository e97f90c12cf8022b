/**
 * Bad answers from Gemini, through the real SDK and the engine against the fake server, checked
 * for the three promises: a clear message, nothing lost, nothing paid twice.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CacheEntry, NodeCache } from '../../src/engine/cache';
import { MemoryCache } from '../../src/engine/cache';
import { promptText } from '../fake-gemini/faults';
import {
  type FakeGemini,
  geminiFor,
  generateWorkflow,
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

describe('rate limits and outages, then recovery', () => {
  it('429 with a 2 s retryDelay: waits at least 2 s, succeeds, and is paid for once', async () => {
    fake.addFault({ kind: 'rateLimit', times: 1, retryDelaySeconds: 2 });
    const cache = new MemoryCache();
    const { result, events } = await run(generateWorkflow('a kite'), geminiFor(fake), { cache });
    expect(result.status).toBe('ok');
    const [first, second] = fake.generateRequests();
    expect(fake.generateRequests()).toHaveLength(2);
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(2_000);
    const waiting = events.find((event) => event.type === 'node-waiting');
    expect(waiting).toMatchObject({ reason: 'rate_limited' });
    expect(waiting && 'message' in waiting && waiting.message).toMatch(/rate limit reached/);
    // Only the answered call costs money; the 429 does not.
    const billed = events.filter((event) => event.type === 'call-finish' && (event.costUsd ?? 0) > 0);
    expect(billed).toHaveLength(1);
    expect(result.nodes.get('gen')?.outputs?.image).toBeDefined();
    // Nothing paid twice: the same graph again is served from the cache.
    const again = await run(generateWorkflow('a kite'), geminiFor(fake), { cache });
    expect(again.result.nodes.get('gen')?.status).toBe('cached');
    expect(fake.generateRequests()).toHaveLength(2);
  });

  it.each(['unavailable503', 'resetMidBody'] as const)(
    '%s then 200: one image, and the next run makes no call',
    async (kind) => {
      fake.addFault({ kind, times: 1 });
      const cache = new MemoryCache();
      const { result } = await run(generateWorkflow('a boat'), geminiFor(fake), { cache });
      expect(result.status).toBe('ok');
      expect(fake.generateRequests()).toHaveLength(2);
      const again = await run(generateWorkflow('a boat'), geminiFor(fake), { cache });
      expect(again.result.status).toBe('ok');
      expect(again.result.totals.calls).toBe(0);
      expect(fake.generateRequests()).toHaveLength(2);
    },
  );

  it('429 on every call: gives up with a clear message; the other branch keeps its image', async () => {
    fake.addFault({
      kind: 'rateLimit',
      retryDelaySeconds: 0.05,
      match: (request) => promptText(request.body).includes('always limited'),
    });
    const { result } = await run(twoGenerates('always limited', 'fine'), geminiFor(fake));
    const limited = result.nodes.get('a');
    expect(limited?.status).toBe('failed');
    expect(limited?.error?.message).toMatch(/rate limit reached .*\(gave up after 5 attempts\)/);
    expect(result.nodes.get('b')?.status).toBe('ran');
    expect(result.nodes.get('b')?.outputs?.image).toBeDefined();
  });

  it('a daily-quota 429 stops the run with the reason, after a single request', async () => {
    fake.addFault({ kind: 'dailyQuota' });
    const { result } = await run(twoGenerates('one', 'two'), geminiFor(fake), { concurrency: 1 });
    expect(fake.generateRequests()).toHaveLength(1);
    expect(result.error?.message).toMatch(/daily quota exhausted .*Try again tomorrow/);
  });
});

describe('answers without a usable image', () => {
  it.each([
    ['noImage', /no image/i],
    ['imageSafety', /safety filter \(IMAGE_SAFETY\)/],
    ['badBase64', /./],
  ] as const)('%s: failed once with a message, never retried, nothing cached', async (kind, words) => {
    fake.addFault({ kind });
    const cache = new MemoryCache();
    const { result } = await run(generateWorkflow('a fox'), geminiFor(fake), { cache });
    const gen = result.nodes.get('gen');
    expect(gen?.status).toBe('failed');
    expect(gen?.error?.message).toMatch(words);
    expect(gen?.error?.message.length).toBeGreaterThan(10);
    expect(fake.generateRequests()).toHaveLength(1);
    expect(cache.entries.size).toBe(0);
  });
});

describe('QuotaExceededError when the output is written', () => {
  it('the run still delivers the image; only caching is lost, and the call is not repeated', async () => {
    const writes: string[] = [];
    const full: NodeCache = {
      get: async () => undefined,
      set: async (_key: string, _entry: CacheEntry) => {
        writes.push(_key);
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    };
    const { result, events } = await run(generateWorkflow('a lamp'), geminiFor(fake), { cache: full });
    expect(writes).toHaveLength(1);
    expect(result.status).toBe('ok');
    const gen = result.nodes.get('gen');
    expect(gen?.status).toBe('ran');
    expect(gen?.outputs?.image).toBeDefined();
    expect(fake.generateRequests()).toHaveLength(1);
    expect(events.some((event) => event.type === 'run-finish')).toBe(true);
  });
});
