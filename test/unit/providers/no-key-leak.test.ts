/**
 * The API key never reaches a message, an event or a run result, whatever Google (or anything
 * between) echoes back. Error bodies come from a tiny HTTP server; the real SDK talks to it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { MemoryAssetStore } from '../../../src/engine/assets';
import type { RunEvent } from '../../../src/engine/events';
import { runWorkflow } from '../../../src/engine/executor';
import { DEFAULT_RETRY_POLICY } from '../../../src/engine/retry-policy';
import type { Workflow } from '../../../src/engine/workflow';
import { createGeminiProvider } from '../../../src/providers/gemini';
import { redactSecrets } from '../../../src/providers/redact';

interface EchoAnswer {
  status: number;
  contentType: string;
  body: string;
}

let answer: EchoAnswer = { status: 500, contentType: 'text/plain', body: '' };
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(answer.status, { 'Content-Type': answer.contentType });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'.split('');
const googleLikeKey = fc
  .array(fc.constantFrom(...KEY_CHARS), { minLength: 35, maxLength: 35 })
  .map((chars) => `AIza${chars.join('')}`);
const anyKey = fc.oneof(googleLikeKey, fc.string({ minLength: 8, maxLength: 40 }));

/** Error answers that echo the key: in the message, in a URL query, in details, or as plain text. */
const echoingAnswer = (key: string) =>
  fc
    .record({
      status: fc.constantFrom(400, 401, 403, 404, 408, 413, 429, 500, 502, 503),
      shape: fc.constantFrom('message', 'url', 'details', 'text'),
      prefix: fc.string({ maxLength: 20 }),
    })
    .map(({ status, shape, prefix }): EchoAnswer => {
      const url = `https://generativelanguage.googleapis.com/v1beta/models/m:generateContent?key=${key}&alt=sse`;
      if (shape === 'text')
        return { status, contentType: 'text/html', body: `${prefix}<p>bad key ${key}</p> ${url}` };
      const message =
        shape === 'url' ? `${prefix} request to ${url} failed` : `${prefix} API key ${key} is bad`;
      const details =
        shape === 'details'
          ? [
              {
                '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                reason: 'API_KEY_INVALID',
                metadata: { key },
              },
            ]
          : [];
      return {
        status,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: status, message, status: 'SOMETHING', details } }),
      };
    });

/** True when `text` holds the key as is or JSON-escaped (as it would sit inside serialised events). */
const leaks = (text: string, key: string) =>
  text.includes(key) || text.includes(JSON.stringify(key).slice(1, -1));

const request = { model: 'gemini-3.1-flash-image', prompt: 'a cat', references: [] };

describe('no key in provider messages', () => {
  it('holds for any key and any echoing error body', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyKey.chain((key) => fc.tuple(fc.constant(key), echoingAnswer(key))),
        async ([key, echo]) => {
          answer = echo;
          const provider = createGeminiProvider({ apiKey: key, baseUrl });
          const result = await provider.generateImage(request, { signal: new AbortController().signal });
          expect(result.ok).toBe(false);
          if (!result.ok) expect(leaks(result.error.message, key)).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('holds for everything a run emits and returns', async () => {
    const flow: Workflow = {
      format: 'peel.workflow',
      version: 1,
      name: 'leak',
      nodes: [
        { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'a cat' } },
        { id: 'g', type: 'generate', position: { x: 1, y: 0 }, params: {} },
      ],
      edges: [{ source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' }],
    };
    await fc.assert(
      fc.asyncProperty(
        anyKey.chain((key) => fc.tuple(fc.constant(key), echoingAnswer(key))),
        async ([key, echo]) => {
          answer = echo;
          const events: RunEvent[] = [];
          const result = await runWorkflow(flow, {
            registry: nodeRegistry,
            provider: createGeminiProvider({ apiKey: key, baseUrl }),
            assets: new MemoryAssetStore(),
            retryPolicy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 2, random: () => 0 },
            onEvent: (event) => events.push(event),
          });
          expect(result.status).toBe('failed');
          const recorded = JSON.stringify({
            events,
            result: { ...result, nodes: [...result.nodes.entries()] },
          });
          expect(leaks(recorded, key)).toBe(false);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('holds when the key cannot even be sent (characters a header refuses)', async () => {
    const key = 'AIzaSyÄ€unsendable-key-with-non-latin1-💥';
    const result = await createGeminiProvider({ apiKey: key, baseUrl }).generateImage(request, {
      signal: new AbortController().signal,
    });
    expect(!result.ok && result.error.code).toBe('api_key_rejected');
    expect(!result.ok && leaks(result.error.message, key)).toBe(false);
  });
});

describe('redactSecrets', () => {
  it('removes every spelling of the secret wherever it sits, even where a marker would rebuild it', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 12 }),
          fc.constantFrom('ted]abcd', 'ed]', '[redacted]', '***'),
        ),
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 5 }),
        (secret, pieces) => {
          const text = pieces.join(secret) + secret + encodeURIComponent(secret) + JSON.stringify(secret);
          const out = redactSecrets(text, [secret]);
          expect(out.includes(secret)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hides key queries and Google-shaped keys that are not the caller’s', () => {
    const other = `AIza${'x'.repeat(35)}`;
    expect(redactSecrets(`GET /v1beta/models?key=abc123&x=1 with ${other}`, [])).toBe(
      'GET /v1beta/models?key=[redacted]&x=1 with [redacted]',
    );
    expect(redactSecrets('no secrets here', ['not-present'])).toBe('no secrets here');
  });
});
