/**
 * Model features reach the request body exactly as the REST API names them, only where the
 * catalog says the model offers them, and each is part of the cache key.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/engine/cache';
import { estimateCallUsd } from '../../src/engine/cost';
import {
  type FakeGemini,
  geminiFor,
  generateWorkflow,
  noSignal,
  run,
  startFakeGemini,
} from './provider-fixtures';

let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

interface SentBody {
  tools?: unknown;
  systemInstruction?: unknown;
  safetySettings?: unknown;
  generationConfig: Record<string, unknown>;
}
const sentBody = (index = 0) => fake.generateRequests()[index]?.body as SentBody;

describe('model features on the wire', () => {
  it('grounding, thinking level, system instruction, sampling, safety and image-only use the REST names', async () => {
    const { result } = await run(
      generateWorkflow('today’s weather in Lisbon as a poster', {
        googleSearch: true,
        imageSearch: true,
        thinkingLevel: 'HIGH',
        showThoughts: true,
        systemInstruction: 'You draw flat vector posters.',
        temperature: 0.4,
        topP: 0.9,
        seed: 7,
        safetyThreshold: 'BLOCK_ONLY_HIGH',
        responseModalities: 'image',
      }),
      geminiFor(fake),
    );
    expect(result.status).toBe('ok');
    const body = sentBody();
    expect(body.tools).toEqual([{ googleSearch: { searchTypes: { webSearch: {}, imageSearch: {} } } }]);
    expect(body.systemInstruction).toMatchObject({ parts: [{ text: 'You draw flat vector posters.' }] });
    expect(body.generationConfig.thinkingConfig).toEqual({ thinkingLevel: 'HIGH', includeThoughts: true });
    expect(body.generationConfig).toMatchObject({
      temperature: 0.4,
      topP: 0.9,
      seed: 7,
      responseModalities: ['IMAGE'],
    });
    expect(body.safetySettings).toHaveLength(4);
    expect(body.safetySettings).toContainEqual({
      category: 'HARM_CATEGORY_DANGEROUS_CONTENT',
      threshold: 'BLOCK_ONLY_HIGH',
    });
  });

  it('a plain node sends none of them', async () => {
    await run(generateWorkflow('a cat'), geminiFor(fake));
    const body = sentBody();
    expect(body.tools).toBeUndefined();
    expect(body.systemInstruction).toBeUndefined();
    expect(body.safetySettings).toBeUndefined();
    expect(body.generationConfig.thinkingConfig).toBeUndefined();
    expect(body.generationConfig.responseModalities).toEqual(['TEXT', 'IMAGE']);
  });

  it('a feature the model does not offer is refused before any request', async () => {
    // 3.1 Flash-Lite Image: no grounding; 3 Pro Image: grounding but no image search, no thinking level.
    for (const params of [
      { model: 'gemini-3.1-flash-lite-image', googleSearch: true },
      { model: 'gemini-3-pro-image', imageSearch: true },
      { model: 'gemini-3-pro-image', thinkingLevel: 'HIGH' },
      { model: 'gemini-3.1-flash-image', thinkingLevel: 'MEDIUM' },
    ]) {
      const { result } = await run(generateWorkflow('a cat', params), geminiFor(fake));
      expect(result.status).toBe('failed');
      expect(result.nodes.get('gen')?.error?.code).toBe('invalid_params');
    }
    expect(fake.generateRequests()).toHaveLength(0);
  });

  it('each feature is part of the cache key: changing one makes a new call, repeating one does not', async () => {
    const cache = new MemoryCache();
    const provider = geminiFor(fake);
    const variants = [
      {},
      { googleSearch: true },
      { thinkingLevel: 'HIGH' },
      { systemInstruction: 'Flat colours only.' },
      { systemInstruction: 'Flat colours only.' },
    ];
    for (const params of variants) await run(generateWorkflow('a lighthouse', params), provider, { cache });
    expect(fake.generateRequests()).toHaveLength(4);
  });

  it('the estimate counts grounding and thinking', () => {
    const base = { model: 'gemini-3.1-flash-image', promptChars: 40, inputImages: 0 };
    const plain = estimateCallUsd(base) ?? 0;
    expect(estimateCallUsd({ ...base, grounded: true })).toBeCloseTo(plain + 0.014, 6);
    expect(estimateCallUsd({ ...base, thinkingLevel: 'HIGH' }) ?? 0).toBeGreaterThan(plain);
  });

  it('a grounded answer brings its sources and search suggestions; thought images stay apart from the answer', async () => {
    const result = await geminiFor(fake).generateImage(
      {
        model: 'gemini-3.1-flash-image',
        prompt: 'the Lisbon skyline today',
        references: [],
        options: { googleSearch: { imageSearch: false }, includeThoughts: true },
      },
      { signal: noSignal() },
    );
    if (!result.ok) throw new Error(result.error.message);
    const { grounding, thoughtImages, images } = result.value;
    expect(grounding?.sources[0]?.uri).toMatch(/^https:\/\//);
    expect(grounding?.webSearchQueries).toHaveLength(1);
    expect(grounding?.searchEntryPoint).toContain('<a class="chip"');
    expect(thoughtImages).toHaveLength(1);
    expect(images).toHaveLength(1);
    expect(images[0]?.hash).not.toBe(thoughtImages?.[0]?.hash);
    expect(sentBody().tools).toEqual([{ googleSearch: {} }]);
  });
});
