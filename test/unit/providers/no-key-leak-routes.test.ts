/**
 * The Vertex AI key, the Vertex bearer token and the OpenRouter key get the same treatment as the
 * Gemini key (no-key-leak.test.ts): never in a message, an event or a run result, whatever the
 * server echoes. Error bodies come from a tiny HTTP server; the real SDK (and google-auth-library
 * for the token) or fetch talks to it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { withVertexAuth } from '../../../src/cli/route-settings';
import { MemoryAssetStore } from '../../../src/engine/assets';
import type { RunEvent } from '../../../src/engine/events';
import { runWorkflow } from '../../../src/engine/executor';
import type { ImageProvider } from '../../../src/engine/provider';
import { DEFAULT_RETRY_POLICY } from '../../../src/engine/retry-policy';
import type { Workflow } from '../../../src/engine/workflow';
import { createRouteProvider } from '../../../src/providers/routes';

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

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.'.split('');
const chars = (min: number, max: number) =>
  fc.array(fc.constantFrom(...TOKEN_CHARS), { minLength: min, maxLength: max }).map((c) => c.join(''));
// Shapes built at run time: an access token (ya29.), an OpenRouter key (sk-or-v1-), any string.
const accessToken = chars(20, 60).map((rest) => `ya29.${rest}`);
const openrouterKey = chars(64, 64).map((rest) => `sk-or-v1-${rest}`);
const anySecret = (shaped: fc.Arbitrary<string>) =>
  fc.oneof(shaped, fc.string({ minLength: 8, maxLength: 40 }));

type Route = 'vertex-key' | 'vertex-token' | 'openrouter';

/** Error answers that echo the secret: in a message, a URL, details, plain text, or a 200 body. */
const echoingAnswer = (secret: string, route: Route) =>
  fc
    .record({
      status: fc.constantFrom(200, 400, 401, 402, 403, 404, 408, 429, 500, 502, 503),
      shape: fc.constantFrom('message', 'url', 'details', 'text'),
      prefix: fc.string({ maxLength: 20 }),
    })
    .map(({ status, shape, prefix }): EchoAnswer => {
      const url = `https://aiplatform.googleapis.com/v1/publishers/google/models/m:generateContent?key=${secret}`;
      if (shape === 'text')
        return {
          status: status === 200 ? 502 : status,
          contentType: 'text/html',
          body: `${prefix}<p>bad ${secret}</p> ${url}`,
        };
      const message =
        shape === 'url' ? `${prefix} request to ${url} failed` : `${prefix} credential ${secret} is bad`;
      const metadata = shape === 'details' ? { key: secret, authorization: `Bearer ${secret}` } : {};
      const body =
        route === 'openrouter'
          ? { error: { code: status === 200 ? 502 : status, message, metadata } }
          : {
              error: {
                code: status,
                message,
                status: 'SOMETHING',
                details:
                  shape === 'details'
                    ? [
                        {
                          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                          reason: 'API_KEY_INVALID',
                          metadata,
                        },
                      ]
                    : [],
              },
            };
      return {
        status: route === 'openrouter' || status !== 200 ? status : 500,
        contentType: 'application/json',
        body: JSON.stringify(body),
      };
    });

async function providerFor(route: Route, secret: string): Promise<ImageProvider> {
  if (route === 'openrouter') return createRouteProvider({ route: 'openrouter', apiKey: secret, baseUrl });
  if (route === 'vertex-key') {
    return createRouteProvider({
      route: 'vertex',
      credential: 'express-key',
      apiKey: secret,
      location: 'global',
      baseUrl,
    });
  }
  return createRouteProvider(
    await withVertexAuth({
      route: 'vertex',
      credential: 'access-token',
      accessToken: secret,
      project: 'p',
      location: 'global',
      baseUrl,
    }),
  );
}

const leaks = (text: string, secret: string) =>
  text.includes(secret) || text.includes(JSON.stringify(secret).slice(1, -1));
const request = { model: 'gemini-2.5-flash-image', prompt: 'a cat', references: [] };
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

const ROUTES: Array<{ route: Route; secret: fc.Arbitrary<string> }> = [
  { route: 'vertex-key', secret: anySecret(chars(39, 39).map((rest) => `AQ.${rest}`)) },
  { route: 'vertex-token', secret: anySecret(accessToken) },
  { route: 'openrouter', secret: anySecret(openrouterKey) },
];

describe.each(ROUTES)('no $route secret in provider messages, events or results', ({ route, secret }) => {
  it('holds for any secret and any echoing answer', async () => {
    await fc.assert(
      fc.asyncProperty(
        secret.chain((s) => fc.tuple(fc.constant(s), echoingAnswer(s, route))),
        async ([s, echo]) => {
          answer = echo;
          const provider = await providerFor(route, s);
          const result = await provider.generateImage(request, { signal: new AbortController().signal });
          expect(result.ok).toBe(false);
          if (!result.ok) expect(leaks(result.error.message, s)).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('holds for everything a run emits and returns', async () => {
    await fc.assert(
      fc.asyncProperty(
        secret.chain((s) => fc.tuple(fc.constant(s), echoingAnswer(s, route))),
        async ([s, echo]) => {
          answer = echo;
          const events: RunEvent[] = [];
          const result = await runWorkflow(flow, {
            registry: nodeRegistry,
            provider: await providerFor(route, s),
            assets: new MemoryAssetStore(),
            retryPolicy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 2, random: () => 0 },
            onEvent: (event) => events.push(event),
          });
          expect(result.status).toBe('failed');
          expect(
            leaks(JSON.stringify({ events, result: { ...result, nodes: [...result.nodes.entries()] } }), s),
          ).toBe(false);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('holds when the secret cannot even be sent (characters a header refuses)', async () => {
    const s = 'sk-Ä€unsendable-secret-with-non-latin1-💥';
    const result = await (await providerFor(route, s)).generateImage(request, {
      signal: new AbortController().signal,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && leaks(result.error.message, s)).toBe(false);
  });
});
