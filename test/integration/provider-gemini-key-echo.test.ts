/**
 * A 500 whose body echoes the key, sent by the fake server exactly as given (`rawError`): the
 * real SDK reads it, the provider maps it, the engine retries it, and no spelling of the key
 * (plain, JSON-escaped once or twice, URL-encoded, base64) reaches a message, event or result.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64Of,
  base64UrlOf,
  googleLikeKey,
  leakedSpellings,
  sendableAwkwardKey,
  spellingsOf,
} from '../helpers/key-spellings';
import { fastPolicy, geminiFor, generateWorkflow, run, startFakeGemini } from './provider-fixtures';

type BodyShape = 'json' | 'jsonTwice' | 'url' | 'base64';

function echoingBody(key: string, shape: BodyShape): string {
  const spelled = spellingsOf(key);
  switch (shape) {
    case 'json':
      return JSON.stringify({
        error: { code: 500, message: `internal error for key ${key}`, status: 'INTERNAL' },
      });
    case 'jsonTwice':
      return JSON.stringify({ error: { message: JSON.stringify({ upstream: { key } }) } });
    case 'url':
      return `upstream GET /v1beta/files?token=${spelled.url} (${spelled.urlLowerHex}, ${spelled.form}, ${spelled.formLowerHex})`;
    case 'base64':
      return `proxy auth Basic ${base64Of(`peel:${key}`)}; echo ${base64UrlOf(key)}`;
  }
}

async function runAgainstEcho(key: string, body: string) {
  const fake = await startFakeGemini({ apiKey: key });
  try {
    fake.addFault({ kind: 'rawError', raw: { status: 500, contentType: 'text/plain', body } });
    const recorded = await run(generateWorkflow('a cat'), geminiFor(fake, key), {
      concurrency: 1,
      retryPolicy: fastPolicy({ baseDelayMs: 1, maxDelayMs: 2 }),
    });
    return { ...recorded, requests: fake.generateRequests() };
  } finally {
    await fake.close();
  }
}

describe('a 500 body that echoes the key, labelled text/plain', () => {
  it('the issue’s case: a key with " and \\ comes back JSON-escaped and is hidden', async () => {
    const key = 'my"secret\\key-0123456789';
    const { result, requests } = await runAgainstEcho(key, echoingBody(key, 'json'));
    expect(requests.map((request) => request.apiKey)).toEqual([key, key, key, key, key]);
    const message = result.nodes.get('gen')?.error?.message ?? '';
    expect(message).toMatch(/^Gemini is unavailable \(500/);
    expect(message).toContain('internal error for key [redacted]');
    expect(message).not.toContain('my\\"secret\\\\key');
    expect(leakedSpellings(message, key)).toEqual([]);
  });

  it('holds for any key and any spelling of it in the body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(sendableAwkwardKey, googleLikeKey),
        fc.constantFrom<BodyShape>('json', 'jsonTwice', 'url', 'base64'),
        async (key, shape) => {
          const body = echoingBody(key, shape);
          expect(leakedSpellings(body, key).length).toBeGreaterThan(0);
          const { result, events, requests } = await runAgainstEcho(key, body);
          // The key was really sent (so the echo is of what went over the wire), on every attempt.
          expect(requests).toHaveLength(5);
          expect(requests.every((request) => request.apiKey === key)).toBe(true);
          expect(result.status).toBe('failed');
          expect(result.nodes.get('gen')?.error?.code).toBe('unavailable');
          const everything = JSON.stringify({
            events,
            nodes: [...result.nodes.entries()],
            error: result.error,
          });
          expect(leakedSpellings(everything, key)).toEqual([]);
        },
      ),
      { numRuns: 12 },
    );
  });
});
