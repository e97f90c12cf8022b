/** The fake serves exactly the catalog's current models; retired ids answer 404 like the real API. */
import { ApiError, GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_MODELS, currentModels } from '../../src/engine/catalog';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';

let fake: FakeGemini;
let ai: GoogleGenAI;
beforeAll(async () => {
  fake = await startFakeGemini();
  ai = new GoogleGenAI({ apiKey: 'test-key-123', apiVersion: 'v1beta', httpOptions: { baseUrl: fake.url } });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function listAll(pageSize: number): Promise<string[]> {
  const pager = await ai.models.list({ config: { pageSize } });
  const names: string[] = [];
  for await (const model of pager) names.push((model.name ?? '').replace(/^models\//, ''));
  return names;
}

describe('the fake model set', () => {
  it('models.list (every page) is exactly the catalog current models', async () => {
    const listed = await listAll(3);
    expect([...listed].sort()).toEqual(
      currentModels()
        .map((model) => model.id)
        .sort(),
    );
    // Pages of 3 need several requests carrying the previous nextPageToken.
    const pages = fake.requests.filter((request) => request.path.startsWith('/v1beta/models?'));
    expect(pages.length).toBe(Math.ceil(listed.length / 3));
    expect(pages.slice(1).every((request) => request.path.includes('pageToken='))).toBe(true);
  });

  it('every retired catalog id answers 404 NOT_FOUND in the real body shape', async () => {
    const retired = BUILT_IN_MODELS.filter((model) => model.lifecycle.status === 'retired');
    expect(retired.map((model) => model.id)).toContain('gemini-2.5-flash-image');
    for (const model of retired) {
      const thrown = await ai.models.generateContent({ model: model.id, contents: 'a cat' }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(thrown).toBeInstanceOf(ApiError);
      const body = JSON.parse((thrown as ApiError).message);
      expect(body.error).toMatchObject({
        code: 404,
        status: 'NOT_FOUND',
        message: `models/${model.id} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
      });
      expect(body.error.details[0]['@type']).toBe('type.googleapis.com/google.rpc.DebugInfo');
    }
  });

  it('serves a model added for a test, then forgets it on reset', async () => {
    fake.addModels(['gemini-3.2-flash-image']);
    expect(await listAll(100)).toContain('gemini-3.2-flash-image');
    const answer = await ai.models.generateContent({ model: 'gemini-3.2-flash-image', contents: 'a cat' });
    expect(answer.candidates?.[0]?.finishReason).toBe('STOP');
    fake.reset();
    expect(await listAll(100)).not.toContain('gemini-3.2-flash-image');
  });
});
