/**
 * Text-model calls through the real @google/genai SDK against the fake: a plain text answer, and
 * a list by structured output (responseMimeType + array responseSchema on the wire), priced by the
 * catalog's text rate.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { costFromUsage } from '../../src/engine/cost';
import { type FakeGemini, geminiFor, noSignal, startFakeGemini } from './provider-fixtures';

let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const MODEL = 'gemini-3.1-flash-lite';
interface SentBody {
  systemInstruction?: unknown;
  generationConfig: Record<string, unknown>;
}

describe('text answers through the Gemini provider', () => {
  it('asks for TEXT only, sends no imageConfig, and returns the text at the text price', async () => {
    const provider = geminiFor(fake);
    const result = await provider.generateImage(
      {
        model: MODEL,
        prompt: 'Describe a lighthouse at dawn',
        references: [],
        answer: { kind: 'text' },
        options: { systemInstruction: 'Be brief.' },
      },
      { signal: noSignal() },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.images).toEqual([]);
    expect(result.value.text).toContain('lighthouse');
    expect(result.value.usage.imageOutputTokens).toBe(0);
    expect(result.value.usage.textOutputTokens).toBeGreaterThan(0);
    expect(result.value.costUsd).toBe(costFromUsage(MODEL, result.value.usage));
    const body = fake.generateRequests()[0]?.body as SentBody;
    expect(body.generationConfig.responseModalities).toEqual(['TEXT']);
    expect(body.generationConfig.imageConfig).toBeUndefined();
    expect(body.generationConfig.responseMimeType).toBeUndefined();
    expect(body.systemInstruction).toMatchObject({ parts: [{ text: 'Be brief.' }] });
  });

  it('asks for a list by structured output and gets a JSON array of at most maxItems strings', async () => {
    const provider = geminiFor(fake);
    const result = await provider.generateImage(
      { model: MODEL, prompt: 'Five poster ideas', references: [], answer: { kind: 'list', maxItems: 4 } },
      { signal: noSignal() },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const items = JSON.parse(result.value.text) as unknown[];
    expect(items).toHaveLength(4);
    expect(items.every((item) => typeof item === 'string')).toBe(true);
    const body = fake.generateRequests()[0]?.body as SentBody;
    expect(body.generationConfig).toMatchObject({
      responseMimeType: 'application/json',
      responseSchema: { type: 'ARRAY', items: { type: 'STRING' }, minItems: '1', maxItems: '4' },
    });
  });

  it('an image model asked for an image still needs an image in its answer', async () => {
    const provider = geminiFor(fake);
    const result = await provider.generateImage(
      { model: 'gemini-3.1-flash-image', prompt: 'a red kite', references: [] },
      { signal: noSignal() },
    );
    expect(result.ok && result.value.images.length).toBe(1);
  });
});
