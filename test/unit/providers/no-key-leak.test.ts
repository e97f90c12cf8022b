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
import {
  awkwardKey,
  base64Of,
  base64UrlOf,
  googleLikeKey,
  leakedSpellings,
  sendableAwkwardKey,
  spellingsOf,
} from '../../helpers/key-spellings';

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

const anyKey = fc.oneof(googleLikeKey, fc.string({ minLength: 8, maxLength: 40 }), sendableAwkwardKey);

const ECHO_SHAPES = [
  'message',
  'url',
  'details',
  'text',
  'jsonAsText',
  'jsonTwiceAsText',
  'urlEncodedAsText',
  'base64AsText',
] as const;

/**
 * Error answers that echo the key: in the message, in a URL query, in details, as plain text, or
 * (labelled text/plain, so the message keeps the raw body) JSON-escaped once or twice,
 * URL-encoded by several encoders (not in a `key=` query, which the query rule would hide
 * anyway), or base64-encoded alone and inside a longer value.
 */
const echoingAnswer = (key: string) =>
  fc
    .record({
      status: fc.constantFrom(400, 401, 403, 404, 408, 413, 429, 500, 502, 503),
      shape: fc.constantFrom(...ECHO_SHAPES),
      prefix: fc.string({ maxLength: 20 }),
    })
    .map(({ status, shape, prefix }): EchoAnswer => {
      const url = `https://generativelanguage.googleapis.com/v1beta/models/m:generateContent?key=${key}&alt=sse`;
      const spelled = spellingsOf(key);
      const asText = (body: string): EchoAnswer => ({ status, contentType: 'text/plain', body });
      switch (shape) {
        case 'text':
          return { status, contentType: 'text/html', body: `${prefix}<p>bad key ${key}</p> ${url}` };
        case 'jsonAsText':
          return asText(
            JSON.stringify({ error: { code: status, message: `${prefix} API key ${key} is bad` } }),
          );
        case 'jsonTwiceAsText':
          return asText(
            JSON.stringify({ error: { message: JSON.stringify({ error: { message: `bad key ${key}` } }) } }),
          );
        case 'urlEncodedAsText':
          return asText(
            `${prefix} GET /v1beta/models/m?token=${spelled.url}&t=${spelled.urlLowerHex} form ${spelled.form} ${spelled.formLowerHex}`,
          );
        case 'base64AsText':
          return asText(
            `${prefix} Authorization: Basic ${base64Of(`user:${key}`)} echo ${base64UrlOf(key)} ${base64Of(key)}`,
          );
      }
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
          if (!result.ok) expect(leakedSpellings(result.error.message, key)).toEqual([]);
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
          expect(leakedSpellings(recorded, key)).toEqual([]);
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
    expect(!result.ok && leakedSpellings(result.error.message, key)).toEqual([]);
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

  it('removes every spelling of awkward keys: JSON-escaped (twice), URL-encoded (upper or lower hex, + for space), base64', () => {
    fc.assert(
      fc.property(
        fc.oneof(awkwardKey, googleLikeKey),
        fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        fc.string({ maxLength: 3 }),
        (key, pieces, around) => {
          const spelled = Object.values(spellingsOf(key));
          const embedded = [base64Of(`${around}${key}${around}`), base64UrlOf(`${around}${key}`)];
          const text = [...spelled, ...embedded]
            .map((spelling, i) => `${pieces[i % pieces.length]}${spelling}`)
            .join(' ');
          expect(leakedSpellings(text, key).length).toBeGreaterThan(spelled.length - 1);
          expect(leakedSpellings(redactSecrets(text, [key]), key)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('replaces each spelling with one marker and leaves the text around it alone', () => {
    const key = 'my"secret\\key/é +';
    const { json, jsonTwice, jsonAscii, url, urlLowerHex, form, formLowerHex, base64, base64Url } =
      spellingsOf(key);
    for (const spelling of [
      key,
      json,
      jsonTwice,
      jsonAscii,
      url,
      urlLowerHex,
      form,
      formLowerHex,
      base64,
      base64Url,
    ]) {
      expect(redactSecrets(`before <${spelling}> after`, [key])).toBe('before <[redacted]> after');
    }
    expect(jsonTwice).toBe('my\\\\\\"secret\\\\\\\\key/é +');
    expect(urlLowerHex).toBe('my%22secret%5ckey%2f%c3%a9%20%2b');
    expect(formLowerHex).toBe('my%22secret%5ckey%2f%c3%a9+%2b');
    // JSON with non-ASCII as \u escapes in upper hex, and a key inside longer base64 at each alignment.
    expect(redactSecrets('k=my\\"secret\\\\key/\\u00E9 +', [key])).toBe('k=[redacted]');
    for (const around of ['', 'x', 'xy']) {
      const text = base64Of(`${around}${key}${around}`);
      expect(leakedSpellings(redactSecrets(text, [key]), key)).toEqual([]);
      expect(redactSecrets(text, [key])).toContain('[redacted]');
    }
    expect(redactSecrets('no secrets here, not even my"secret', [key])).toBe(
      'no secrets here, not even my"secret',
    );
    expect(redactSecrets('empty secrets are ignored', ['', key])).toBe('empty secrets are ignored');
  });

  it('does not look for short secrets inside base64 (they would match at random)', () => {
    expect(redactSecrets(`x ${base64Of('abc12')} y`, ['abc12'])).toBe(`x ${base64Of('abc12')} y`);
    // 'YWJjZDEyMzQ=': the last character also holds bits of whatever would follow, so it stays.
    expect(redactSecrets(`x ${base64Of('abcd1234')} y`, ['abcd1234'])).toBe('x [redacted]Q= y');
  });

  it('hides key queries and Google-shaped keys that are not the caller’s', () => {
    const other = `AIza${'x'.repeat(35)}`;
    expect(redactSecrets(`GET /v1beta/models?key=abc123&x=1 with ${other}`, [])).toBe(
      'GET /v1beta/models?key=[redacted]&x=1 with [redacted]',
    );
    expect(redactSecrets('no secrets here', ['not-present'])).toBe('no secrets here');
    // The key header written out in a dump, however it is quoted or spaced.
    for (const [dump, hidden] of [
      ['x-goog-api-key: abc123 next', 'x-goog-api-key: [redacted] next'],
      ['{"x-goog-api-key":"abc123","b":1}', '{"x-goog-api-key":"[redacted]","b":1}'],
      ["X-Goog-Api-Key = 'abc123';", "X-Goog-Api-Key = '[redacted]';"],
      ['x-goog-api-key:abc123,x', 'x-goog-api-key:[redacted],x'],
      ['x-goog-api-key:\tabc123}', 'x-goog-api-key:\t[redacted]}'],
    ]) {
      expect(redactSecrets(dump as string, [])).toBe(hidden);
    }
    // A longer secret that contains a shorter one is removed whole.
    expect(redactSecrets('a key-long-1234 b', ['key-long', 'key-long-1234'])).toBe('a [redacted] b');
    // A secret that is itself a marker gets another marker; all three taken leaves plain removal.
    expect(redactSecrets('x [redacted] y', ['[redacted]'])).toBe('x [hidden] y');
    expect(redactSecrets('x ab y', ['ab', '[redacted]', '[hidden]', '***'])).toBe('x  y');
    expect(redactSecrets('a [redacted] [hidden] b', ['[redacted]', '[hidden]'])).toBe('a *** *** b');
  });

  it('a marker that rebuilds the secret with the text around it: four marker passes, then plain removal', () => {
    // The secret is the marker between x and y: each marker pass peels one x...y layer off.
    const secret = 'x[redacted]y';
    const layered = (depth: number) => `${'x'.repeat(depth)}[redacted]${'y'.repeat(depth)}`;
    expect(redactSecrets(`a ${layered(4)} b`, [secret])).toBe('a [redacted] b');
    // Five layers outlast the four marker passes; removal then takes out what is left, marker included.
    expect(redactSecrets(`a ${layered(5)} b`, [secret])).toBe('a  b');
    // Removal never rebuilds: nine layers lose four to markers, then the one whole secret left.
    expect(redactSecrets(`a ${layered(9)} b`, [secret])).toBe('a xxxxyyyy b');
  });
});
