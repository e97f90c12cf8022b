/**
 * Transient failures through the real engine retry layer: RetryInfo as a floor, the whole queue
 * pausing on 429, giving up after five attempts, daily quota stopping the run, 5xx, resets,
 * per-attempt timeouts and cancellation reaching the socket.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/engine/cache';
import {
  type FakeGemini,
  fastPolicy,
  geminiFor,
  generateWorkflow,
  noSignal,
  run,
  startFakeGemini,
  twoGenerates,
  watchSockets,
} from './provider-fixtures';

let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('429 per minute', () => {
  it('waits at least the RetryInfo delay (1 s) before the retry, then succeeds', async () => {
    fake.addFault({ kind: 'rateLimit', times: 1, retryDelaySeconds: 1 });
    const { result, events } = await run(generateWorkflow('a kite'), geminiFor(fake));
    expect(result.status).toBe('ok');
    const [first, second] = fake.generateRequests();
    expect(fake.generateRequests()).toHaveLength(2);
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(1000);
    const waiting = events.find((event) => event.type === 'node-waiting');
    expect(waiting).toMatchObject({ reason: 'rate_limited', attempt: 2 });
  });

  it('pauses the whole queue: the other node waits too', async () => {
    fake.addFault({ kind: 'rateLimit', times: 1, retryDelaySeconds: 1 });
    const { result } = await run(twoGenerates('first kite', 'second kite'), geminiFor(fake), {
      concurrency: 1,
    });
    expect(result.status).toBe('ok');
    const requests = fake.generateRequests();
    expect(requests).toHaveLength(3);
    const limited = requests[0];
    const prompt = (index: number) => JSON.stringify(requests[index]?.body);
    const other = requests.findIndex((_, index) => index > 0 && prompt(index) !== prompt(0));
    const retry = requests.findIndex((_, index) => index > 0 && prompt(index) === prompt(0));
    expect(other).toBeGreaterThan(0);
    expect(retry).toBeGreaterThan(0);
    // Without the queue pause the other node would have been sent as soon as the slot was free.
    for (const index of [other, retry]) {
      expect((requests[index]?.receivedAt ?? 0) - (limited?.receivedAt ?? 0)).toBeGreaterThanOrEqual(1000);
    }
  });

  it('gives up after 5 attempts with a clear message', async () => {
    fake.addFault({ kind: 'rateLimit', retryDelaySeconds: 0.05 });
    const { result } = await run(generateWorkflow('a kite'), geminiFor(fake));
    const requests = fake.generateRequests();
    expect(requests).toHaveLength(5);
    for (let i = 1; i < requests.length; i++) {
      expect((requests[i]?.receivedAt ?? 0) - (requests[i - 1]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(50);
    }
    const error = result.nodes.get('gen')?.error;
    expect(error?.code).toBe('rate_limited');
    expect(error?.message).toBe(
      'rate limit reached for gemini-3.1-flash-image (requests per minute) (gave up after 5 attempts)',
    );
  });
});

describe('daily quota', () => {
  it('stops the run at once, without a retry', async () => {
    fake.addFault({ kind: 'dailyQuota' });
    const { result } = await run(twoGenerates('one', 'two'), geminiFor(fake), { concurrency: 1 });
    expect(fake.generateRequests()).toHaveLength(1);
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('daily_quota');
    expect(result.error?.message).toMatch(/^daily quota exhausted for gemini-3\.1-flash-image/);
  });
});

describe('server and connection failures are retried', () => {
  it.each(['unavailable503', 'internal500', 'resetMidBody'] as const)(
    '%s once, then success',
    async (kind) => {
      fake.addFault({ kind, times: 1 });
      const { result, events } = await run(generateWorkflow('a kite'), geminiFor(fake));
      expect(result.status).toBe('ok');
      expect(fake.generateRequests()).toHaveLength(2);
      expect(result.totals.calls).toBe(2);
      const waiting = events.find((event) => event.type === 'node-waiting');
      expect(waiting && 'reason' in waiting && waiting.reason).toBe(
        kind === 'resetMidBody' ? 'network' : 'unavailable',
      );
    },
  );

  it('an answer that hangs past the per-attempt timeout is a timeout, retried, then an error', async () => {
    fake.addFault({ kind: 'hang' });
    const policy = fastPolicy({ attemptTimeoutMs: 300, maxAttempts: 3 });
    const { result } = await run(generateWorkflow('a kite'), geminiFor(fake), { retryPolicy: policy });
    expect(fake.generateRequests()).toHaveLength(3);
    const error = result.nodes.get('gen')?.error;
    expect(error?.code).toBe('timeout');
    expect(error?.message).toContain('(gave up after 3 attempts)');
  });

  it('the provider’s own timeoutMs gives a retryable timeout', async () => {
    fake.addFault({ kind: 'hang' });
    const { createGeminiProvider } = await import('../../src/providers/gemini');
    const provider = createGeminiProvider({ apiKey: 'test-key-123', baseUrl: fake.url, timeoutMs: 200 });
    const result = await provider.generateImage(
      { model: 'gemini-3.1-flash-image', prompt: 'x', references: [] },
      { signal: noSignal() },
    );
    expect(!result.ok && result.error).toMatchObject({ code: 'timeout', retryable: true });
  });
});

describe('cancel', () => {
  it('aborts the request on the socket and records nothing afterwards', async () => {
    const relay = await watchSockets(fake);
    try {
      fake.addFault({ kind: 'hang' });
      const controller = new AbortController();
      const cache = new MemoryCache();
      const running = run(generateWorkflow('a kite'), geminiFor(relay), { signal: controller.signal, cache });
      while (fake.generateRequests().length === 0) await sleep(10);
      expect(relay.closedBeforeAnswer).toBe(0);
      controller.abort();
      const { result, events } = await running;
      for (let waited = 0; relay.closedBeforeAnswer === 0 && waited < 2000; waited += 10) await sleep(10);
      expect(relay.closedBeforeAnswer).toBe(1);
      expect(result.status).toBe('cancelled');
      expect(result.nodes.get('gen')?.status).toBe('cancelled');
      expect(result.nodes.get('gen')?.outputs).toBeUndefined();
      await sleep(100);
      expect(fake.generateRequests()).toHaveLength(1);
      expect(cache.entries.size).toBe(0);
      expect(events.filter((event) => event.type === 'call-finish')).toHaveLength(0);
    } finally {
      await relay.close();
    }
  });

  it('an abort during the call comes back as "cancelled" from the provider itself', async () => {
    fake.addFault({ kind: 'hang' });
    const controller = new AbortController();
    const pending = geminiFor(fake).generateImage(
      { model: 'gemini-3.1-flash-image', prompt: 'x', references: [] },
      { signal: controller.signal },
    );
    while (fake.generateRequests().length === 0) await sleep(10);
    controller.abort();
    const result = await pending;
    expect(!result.ok && result.error.code).toBe('cancelled');
  });
});
