/**
 * The figures behind every estimate and bill: the usage an estimate assumes (image tokens by size
 * with the model's default as fallback, thinking by level, prompt tokens from characters and
 * images), what a usage costs (batch discount, grounding), sums, rounding and how a price reads.
 * Prices come from the catalog at test time, so a price update does not break these tests.
 */
import { describe, expect, it } from 'vitest';
import { type CatalogModel, catalogModel } from '../../../src/engine/catalog';
import {
  addUsage,
  costFromUsage,
  estimateCallUsage,
  estimateCallUsd,
  formatUsd,
  roundUsd,
  TEXT_CHARS_PER_TOKEN,
  TOKENS_PER_INPUT_IMAGE,
  TYPICAL_TEXT_OUTPUT_TOKENS,
  typicalAnswerTokens,
  type Usage,
} from '../../../src/engine/cost';

const usage = (u: Partial<Usage>): Usage => ({
  promptTokens: 0,
  imageOutputTokens: 0,
  textOutputTokens: 0,
  thoughtsTokens: 0,
  totalTokens: 0,
  ...u,
});

/** A synthetic model, so the usage figures do not depend on the catalog's current entries. */
function modelWith(overrides: Partial<CatalogModel>): CatalogModel {
  const base = catalogModel('gemini-3-pro-image') as CatalogModel;
  return { ...base, ...overrides };
}

describe('estimateCallUsage', () => {
  const prices = {
    inputPerMillion: 1,
    imageOutputPerMillion: 10,
    textOutputPerMillion: 2,
    imageTokensBySize: { '1K': 1000, '2K': 2000 },
    batchDiscount: 0.5,
    typicalThoughtTokens: { default: 100, HIGH: 900 },
    source: { read: '2026-12-02', url: 'test' },
  } as CatalogModel['prices'];
  const image = modelWith({
    kind: 'image',
    prices,
    limits: { ...modelWith({}).limits, defaultImageSize: '2K' },
  });

  it('image tokens for the size asked, or for the default size; prompt tokens round up', () => {
    expect(estimateCallUsage(image, { model: 'x', imageSize: '1K', promptChars: 9, inputImages: 2 })).toEqual(
      {
        promptTokens: Math.ceil(9 / TEXT_CHARS_PER_TOKEN) + 2 * TOKENS_PER_INPUT_IMAGE,
        imageOutputTokens: 1000,
        textOutputTokens: TYPICAL_TEXT_OUTPUT_TOKENS,
        thoughtsTokens: 100,
        totalTokens: 3 + 2 * TOKENS_PER_INPUT_IMAGE + 1000 + TYPICAL_TEXT_OUTPUT_TOKENS + 100,
      },
    );
    expect(estimateCallUsage(image, { model: 'x', promptChars: 0, inputImages: 0 }).imageOutputTokens).toBe(
      2000,
    );
    // A size the price table lacks falls back to the default size's tokens.
    expect(
      estimateCallUsage(image, { model: 'x', imageSize: '4K', promptChars: 0, inputImages: 0 })
        .imageOutputTokens,
    ).toBe(2000);
  });

  it('a model without a default size counts 1K images', () => {
    const { defaultImageSize: _unset, ...limits } = image.limits;
    const noDefault = { ...image, limits };
    expect(
      estimateCallUsage(noDefault, { model: 'x', promptChars: 0, inputImages: 0 }).imageOutputTokens,
    ).toBe(1000);
    expect(
      estimateCallUsage(noDefault, { model: 'x', imageSize: '4K', promptChars: 0, inputImages: 0 })
        .imageOutputTokens,
    ).toBe(1000);
  });

  it("a text model's answer: a paragraph, or one prompt-sized line per list item", () => {
    expect(typicalAnswerTokens({ kind: 'text' })).toBe(300);
    expect(typicalAnswerTokens({ kind: 'list', maxItems: 5 })).toBe(400);
  });

  it('thinking tokens by level, the default for a level without a figure, none without figures', () => {
    expect(
      estimateCallUsage(image, { model: 'x', promptChars: 4, inputImages: 0, thinkingLevel: 'HIGH' })
        .thoughtsTokens,
    ).toBe(900);
    expect(
      estimateCallUsage(image, { model: 'x', promptChars: 4, inputImages: 0, thinkingLevel: 'LOW' })
        .thoughtsTokens,
    ).toBe(100);
    const noThoughts = modelWith({
      kind: 'image',
      prices: { ...prices, typicalThoughtTokens: {} } as CatalogModel['prices'],
    });
    expect(estimateCallUsage(noThoughts, { model: 'x', promptChars: 4, inputImages: 0 }).thoughtsTokens).toBe(
      0,
    );
  });

  it('a text model answers no image tokens; a model without prices or sizes estimates none', () => {
    const text = modelWith({ kind: 'text', prices });
    expect(
      estimateCallUsage(text, { model: 'x', imageSize: '1K', promptChars: 4, inputImages: 0 })
        .imageOutputTokens,
    ).toBe(0);
    const bare = modelWith({
      kind: 'image',
      prices: undefined,
      limits: { ...modelWith({}).limits, defaultImageSize: undefined },
    });
    expect(estimateCallUsage(bare, { model: 'x', promptChars: 4, inputImages: 0 })).toEqual({
      promptTokens: 1,
      imageOutputTokens: 0,
      textOutputTokens: TYPICAL_TEXT_OUTPUT_TOKENS,
      thoughtsTokens: 0,
      totalTokens: 1 + TYPICAL_TEXT_OUTPUT_TOKENS,
    });
  });
});

describe('what a usage costs', () => {
  const id = 'gemini-3-pro-image';
  const p = catalogModel(id)?.prices as NonNullable<CatalogModel['prices']>;
  const answer = usage({
    promptTokens: 1000,
    imageOutputTokens: 1120,
    textOutputTokens: 30,
    thoughtsTokens: 70,
  });
  const tokensUsd =
    (1000 * p.inputPerMillion + 1120 * (p.imageOutputPerMillion ?? 0) + 100 * p.textOutputPerMillion) /
    1_000_000;

  it('tokens at their rates, the batch discount on tokens only, grounding per request', () => {
    expect(costFromUsage(id, answer)).toBe(roundUsd(tokensUsd));
    expect(costFromUsage(id, answer, { batch: true })).toBe(roundUsd(tokensUsd * p.batchDiscount));
    expect(costFromUsage(id, answer, { groundedRequests: 2 })).toBe(
      roundUsd(tokensUsd + 2 * (p.groundedRequestUsd ?? 0)),
    );
    expect(costFromUsage('no-such-model', answer)).toBeNull();
  });

  it('an estimate: grounding adds one request, batch halves the tokens; unknown models have no price', () => {
    const input = { model: id, imageSize: '1K' as const, promptChars: 40, inputImages: 1 };
    const model = catalogModel(id) as CatalogModel;
    const u = estimateCallUsage(model, input);
    const base =
      (u.promptTokens * p.inputPerMillion +
        u.imageOutputTokens * (p.imageOutputPerMillion ?? 0) +
        (u.textOutputTokens + u.thoughtsTokens) * p.textOutputPerMillion) /
      1_000_000;
    expect(estimateCallUsd(input)).toBe(roundUsd(base));
    expect(estimateCallUsd({ ...input, grounded: true })).toBe(roundUsd(base + (p.groundedRequestUsd ?? 0)));
    expect(estimateCallUsd({ ...input, batch: true })).toBe(roundUsd(base * p.batchDiscount));
    expect(estimateCallUsd({ ...input, model: 'no-such-model' })).toBeNull();
  });

  it('an image answer from a model without an image rate cannot be priced; a text answer can', () => {
    const textModel = 'gemini-3.1-flash-lite';
    expect(catalogModel(textModel)?.prices?.imageOutputPerMillion).toBeUndefined();
    expect(costFromUsage(textModel, usage({ imageOutputTokens: 1 }))).toBeNull();
    expect(costFromUsage(textModel, usage({ promptTokens: 1_000_000 }))).toBe(
      catalogModel(textModel)?.prices?.inputPerMillion,
    );
  });
});

describe('sums, rounding and wording', () => {
  it('addUsage adds every field on its own', () => {
    expect(
      addUsage(
        { promptTokens: 1, imageOutputTokens: 2, textOutputTokens: 3, thoughtsTokens: 4, totalTokens: 5 },
        {
          promptTokens: 10,
          imageOutputTokens: 20,
          textOutputTokens: 30,
          thoughtsTokens: 40,
          totalTokens: 50,
        },
      ),
    ).toEqual({
      promptTokens: 11,
      imageOutputTokens: 22,
      textOutputTokens: 33,
      thoughtsTokens: 44,
      totalTokens: 55,
    });
  });

  it('roundUsd keeps micro-dollars', () => {
    expect(roundUsd(0.1 + 0.2)).toBe(0.3);
    expect(roundUsd(0.0000014)).toBe(0.000001);
    expect(roundUsd(0.0000016)).toBe(0.000002);
  });

  it('formatUsd: unknown, free, under a hundredth of a cent, four decimals under a cent, else cents', () => {
    expect(formatUsd(null)).toBe('price unknown');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.00005)).toBe('under $0.0001');
    expect(formatUsd(0.0001)).toBe('$0.0001');
    expect(formatUsd(0.00994)).toBe('$0.0099');
    expect(formatUsd(0.01)).toBe('$0.01');
    expect(formatUsd(0.134)).toBe('$0.13');
    expect(formatUsd(12.5)).toBe('$12.50');
  });
});
