import { ApiError, type GenerateContentConfig, GoogleGenAI, type Part } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readJpeg, readPng } from '../fake-gemini/inspect';
import { type FakeGemini, type FaultKind, startFakeGemini } from '../fake-gemini/server';

let fake: FakeGemini;
let ai: GoogleGenAI;
/** The one current image model that does not think: PNG, no thought parts. */
const FLASH = 'gemini-3.1-flash-lite-image';
const PRO = 'gemini-3-pro-image';
const FLASH31 = 'gemini-3.1-flash-image';

beforeAll(async () => {
  fake = await startFakeGemini();
  ai = new GoogleGenAI({ apiKey: 'test-key-123', apiVersion: 'v1beta', httpOptions: { baseUrl: fake.url } });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const gen = (prompt: string, model = FLASH, config: GenerateContentConfig = {}, parts: Part[] = []) =>
  ai.models.generateContent({
    model,
    contents: [{ role: 'user', parts: [{ text: prompt }, ...parts] }],
    config,
  });

const finalImage = (parts: Part[] = []) => {
  const p = parts.filter((x) => x.inlineData && !x.thought).at(-1);
  return { part: p, bytes: Buffer.from(p?.inlineData?.data ?? '', 'base64') };
};

async function apiError(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected ApiError, got ${String(err)}`);
  return err;
}

const smallPng = (n: number): Part => ({
  inlineData: { mimeType: 'image/png', data: Buffer.alloc(8 + n).toString('base64') },
});

describe('fake Gemini: success', () => {
  it('returns a decodable, deterministic PNG with text and usage for 3.1 flash-lite', async () => {
    const r = await gen('a red fox in snow');
    const cand = r.candidates?.[0];
    expect(cand?.finishReason).toBe('STOP');
    expect(cand?.content?.parts?.[0]?.text).toContain('a red fox in snow');
    const { part, bytes } = finalImage(cand?.content?.parts);
    expect(part?.inlineData?.mimeType).toBe('image/png');
    expect(part?.thoughtSignature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(readPng(bytes)).toMatchObject({ width: 64, height: 64 });
    expect(r.usageMetadata?.candidatesTokensDetails?.[0]).toEqual({ modality: 'IMAGE', tokenCount: 1120 });
    expect(r.modelVersion).toBe(FLASH);
    const again = finalImage((await gen('a red fox in snow')).candidates?.[0]?.content?.parts).bytes;
    const other = finalImage((await gen('a blue whale')).candidates?.[0]?.content?.parts).bytes;
    expect(again.equals(bytes)).toBe(true);
    expect(other.equals(bytes)).toBe(false);
    expect((await gen('x')).responseId).not.toBe(r.responseId);
    const rec = fake.generateRequests()[0];
    expect(rec).toMatchObject({ method: 'POST', model: FLASH, apiKey: 'test-key-123' });
    expect(rec?.path).toBe(`/v1beta/models/${FLASH}:generateContent`);
  });

  it('gemini-3 answers a thought image first, then a JPEG with thoughtSignature', async () => {
    const r = await gen('a lighthouse', PRO, { imageConfig: { imageSize: '4K', aspectRatio: '16:9' } });
    const parts = r.candidates?.[0]?.content?.parts ?? [];
    expect(parts[0]?.thought).toBe(true);
    expect(parts[0]?.inlineData).toBeDefined();
    const { part, bytes } = finalImage(parts);
    expect(part?.inlineData?.mimeType).toBe('image/jpeg');
    expect(part?.thoughtSignature).toBeTruthy();
    expect(readJpeg(bytes)).toEqual({ width: 256, height: 144 });
    expect(r.usageMetadata?.candidatesTokensDetails?.[0]?.tokenCount).toBe(2000);
    expect(r.usageMetadata?.thoughtsTokenCount).toBeGreaterThan(0);
    const small = await gen('a lighthouse', FLASH31, {
      imageConfig: { imageSize: '512', aspectRatio: '1:8' },
    });
    expect(small.usageMetadata?.candidatesTokensDetails?.[0]?.tokenCount).toBe(747);
    expect(readJpeg(finalImage(small.candidates?.[0]?.content?.parts).bytes)).toEqual({
      width: 4,
      height: 32,
    });
  });

  it('streams SSE chunks: text, image, then STOP with usage', async () => {
    const stream = await ai.models.generateContentStream({ model: FLASH, contents: 'a castle at dusk' });
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks.length).toBe(3);
    expect(chunks[0]?.candidates?.[0]?.content?.parts?.[0]?.text).toBeTruthy();
    readPng(finalImage(chunks[1]?.candidates?.[0]?.content?.parts).bytes);
    expect(chunks[2]?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(chunks[2]?.usageMetadata?.totalTokenCount).toBeGreaterThan(1120);
    expect(fake.generateRequests()[0]?.path).toContain(':streamGenerateContent?alt=sse');
  });

  it('serves model info', async () => {
    expect((await ai.models.get({ model: FLASH31 })).name).toBe(`models/${FLASH31}`);
  });
});

describe('fake Gemini: faults', () => {
  const errorCases: [FaultKind, number, string][] = [
    ['rateLimit', 429, 'PerMinute'],
    ['dailyQuota', 429, 'PerDay'],
    ['unavailable503', 503, 'overloaded'],
    ['internal500', 500, 'INTERNAL'],
    ['apiKeyInvalid', 400, 'API_KEY_INVALID'],
    ['referrerBlocked', 403, 'API_KEY_HTTP_REFERRER_BLOCKED'],
    ['serviceBlocked', 403, 'GenerativeService.GenerateContent are blocked'],
    ['notFound', 404, 'NOT_FOUND'],
  ];
  it.each(errorCases)('%s surfaces as ApiError %i', async (kind, status, text) => {
    fake.addFault({ kind, times: 1, retryDelaySeconds: kind === 'rateLimit' ? 3 : undefined });
    const err = await apiError(gen('hello'));
    expect(err.status).toBe(status);
    expect(err.message).toContain(text);
    if (kind === 'rateLimit')
      expect(JSON.parse(err.message).error.details).toContainEqual(
        expect.objectContaining({ retryDelay: '3s' }),
      );
    expect((await gen('hello')).candidates?.[0]?.finishReason).toBe('STOP'); // times: 1 used up
  });

  it('answers 200 faults with the real finish reasons', async () => {
    for (const kind of ['imageSafety', 'noImage', 'promptBlock', 'textOnly', 'badBase64'] as const)
      fake.addFault({ kind, times: 1 });
    const safety = await gen('a', FLASH31);
    expect(safety.candidates?.[0]?.finishReason).toBe('IMAGE_SAFETY'); // the SDK (2.32) drops finishMessage
    expect(finalImage(safety.candidates?.[0]?.content?.parts).part).toBeUndefined();
    expect((await gen('b', FLASH31)).candidates?.[0]?.finishReason).toBe('NO_IMAGE');
    const blocked = await gen('c', FLASH31);
    expect(blocked.candidates).toBeUndefined();
    expect(blocked.promptFeedback?.blockReason).toBe('PROHIBITED_CONTENT');
    const text = await gen('d');
    expect(text.candidates?.[0]?.finishReason).toBe('STOP');
    expect(text.candidates?.[0]?.content?.parts?.some((p) => p.inlineData)).toBe(false);
    const bad = await gen('e');
    expect(finalImage(bad.candidates?.[0]?.content?.parts).part?.inlineData?.data).toBe('!!!notbase64***');
    fake.addFault({ kind: 'imageSafety', times: 1 });
    const raw = await fetch(`${fake.url}/v1beta/models/${FLASH31}:generateContent?key=test-key-123`, {
      method: 'POST',
      body: JSON.stringify({ contents: [{ parts: [{ text: 'a' }] }] }),
    });
    expect((await raw.json()).candidates[0].finishMessage).toContain('filtered out');
  });

  it('applies rules in order, honours match, and errors on streams too', async () => {
    fake.addFault({ kind: 'unavailable503', match: (r) => JSON.stringify(r.body).includes('cat') });
    fake.addFault({ kind: 'rateLimit', times: 1 });
    expect((await apiError(gen('a cat'))).status).toBe(503);
    expect((await apiError(ai.models.generateContentStream({ model: FLASH, contents: 'dog' }))).status).toBe(
      429,
    );
    expect((await gen('dog')).candidates?.[0]?.finishReason).toBe('STOP');
    expect((await apiError(gen('another cat'))).status).toBe(503);
  });

  it('delays answers (delayMs) and aborts a hung call via abortSignal', async () => {
    fake.addFault({ kind: 'internal500', times: 1, delayMs: 150 });
    const t0 = Date.now();
    await apiError(gen('slow'));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    fake.addFault({ kind: 'hang', times: 1 });
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 100);
    await expect(gen('hang', FLASH, { abortSignal: ctrl.signal })).rejects.toThrow(/abort/i);
    fake.addFault({ kind: 'resetMidBody', times: 1 });
    await expect(gen('reset')).rejects.toThrow();
  });

  it('close() ends hung requests', async () => {
    const other = await startFakeGemini({ apiKey: 'k' });
    other.addFault({ kind: 'hang' });
    const client = new GoogleGenAI({
      apiKey: 'k',
      apiVersion: 'v1beta',
      httpOptions: { baseUrl: other.url },
    });
    const pending = client.models.generateContent({ model: FLASH, contents: 'x' }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('fake Gemini: validation and auth', () => {
  it('rejects unknown models, bad keys and invalid requests like the real API', async () => {
    const unknown = await apiError(gen('a', 'gemini-9-ultra-image'));
    expect(unknown.status).toBe(404);
    expect(unknown.message).toContain('models/gemini-9-ultra-image is not found for API version v1beta');
    const badKey = new GoogleGenAI({
      apiKey: 'wrong',
      apiVersion: 'v1beta',
      httpOptions: { baseUrl: fake.url },
    });
    const keyErr = await apiError(badKey.models.generateContent({ model: FLASH, contents: 'a' }));
    expect(keyErr.status).toBe(400);
    expect(keyErr.message).toContain('API_KEY_INVALID');
    const fifteen = Array.from({ length: 15 }, (_, i) => smallPng(i + 1));
    expect((await apiError(gen('edit', FLASH, {}, fifteen))).status).toBe(400);
    expect((await gen('edit', PRO, {}, fifteen.slice(1))).candidates?.[0]?.finishReason).toBe('STOP');
    expect(
      (await gen('edit', FLASH, {}, fifteen.slice(0, 3))).usageMetadata?.promptTokensDetails,
    ).toContainEqual({
      modality: 'IMAGE',
      tokenCount: 3 * 258,
    });
    const bad: [string, GenerateContentConfig, Part[]][] = [
      [FLASH, { imageConfig: { aspectRatio: '7:3' } }, []],
      [PRO, { imageConfig: { aspectRatio: '1:8' } }, []],
      [FLASH, { imageConfig: { imageSize: '2K' } }, []],
      [PRO, { imageConfig: { imageSize: '512' } }, []],
      [FLASH, {}, [{ inlineData: { mimeType: 'image/png', data: '%%%not base64' } }]],
    ];
    for (const [model, config, parts] of bad) {
      const err = await apiError(gen('x', model, config, parts));
      expect([err.status, JSON.parse(err.message).error.status]).toEqual([400, 'INVALID_ARGUMENT']);
    }
    expect(
      (await gen('ok', FLASH31, { imageConfig: { aspectRatio: '1:8', imageSize: '2K' } })).candidates,
    ).toHaveLength(1);
  });

  it('speaks CORS and the HTTP control API', async () => {
    const pre = await fetch(`${fake.url}/v1beta/models/${FLASH}:generateContent`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Headers': 'x-goog-api-key,content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toContain('x-goog-api-client');
    const post = (path: string, body?: unknown) =>
      fetch(`${fake.url}${path}`, {
        method: 'POST',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect(
      (await post('/__fake/faults', { kind: 'rateLimit', times: 1, matchPromptIncludes: 'zebra' })).status,
    ).toBe(200);
    expect((await gen('horse', FLASH, {}, [smallPng(30)])).candidates).toHaveLength(1);
    expect((await apiError(gen('zebra'))).status).toBe(429);
    const recorded = await (await fetch(`${fake.url}/__fake/requests`)).json();
    expect(recorded).toHaveLength(2);
    expect(recorded[0].body.contents[0].parts[1].inlineData.data).toBe(smallPng(30).inlineData?.data?.length);
    expect(fake.requests).toHaveLength(2);
    await post('/__fake/reset');
    expect(fake.requests).toHaveLength(0);
    const res = await fetch(`${fake.url}/v1beta/models/${FLASH}`, {
      headers: { 'x-goog-api-key': 'test-key-123' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
