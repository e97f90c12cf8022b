/** Prices by hand: image tokens at the image rate, text and thinking at the text rate, input apart. */
import { describe, expect, it } from 'vitest';
import { costFromUsage, estimateCallUsd, type Usage } from '../../../src/engine/cost';
import { usageFromMetadata } from '../../../src/providers/gemini/usage';

const usage = (fields: Partial<Usage>): Usage => ({
  promptTokens: 0,
  imageOutputTokens: 0,
  textOutputTokens: 0,
  thoughtsTokens: 0,
  totalTokens: 0,
  ...fields,
});

describe('costFromUsage', () => {
  it.each([
    ['gemini-3.1-flash-lite-image', 1120, 0.0336], // 1120 × $30/1M
    ['gemini-3-pro-image', 1120, 0.1344], // 1K/2K: 1120 × $120/1M
    ['gemini-3-pro-image', 2000, 0.24], // 4K: 2000 × $120/1M
    ['gemini-3.1-flash-image', 747, 0.04482], // 512: 747 × $60/1M
    ['gemini-3.1-flash-image', 1120, 0.0672], // 1K
    ['gemini-3.1-flash-image', 1680, 0.1008], // 2K
    ['gemini-3.1-flash-image', 2520, 0.1512], // 4K
  ])('%s: %i image tokens cost $%f', (model, tokens, usd) => {
    expect(costFromUsage(model, usage({ imageOutputTokens: tokens }))).toBeCloseTo(usd, 9);
  });

  it('bills text and thinking at the text rate and input at the input rate', () => {
    // 3 Pro Image: 1000 prompt × $2 + 1120 image × $120 + (50 text + 300 thoughts) × $12, per 1M.
    const cost = costFromUsage(
      'gemini-3-pro-image',
      usage({ promptTokens: 1000, imageOutputTokens: 1120, textOutputTokens: 50, thoughtsTokens: 300 }),
    );
    expect(cost).toBeCloseTo((2000 + 134_400 + 4200) / 1e6, 9);
    // 3.1 Flash-Lite Image: 260 prompt × $0.25 + 1120 × $30 + 12 text × $1.50, per 1M.
    expect(
      costFromUsage(
        'gemini-3.1-flash-lite-image',
        usage({ promptTokens: 260, imageOutputTokens: 1120, textOutputTokens: 12 }),
      ),
    ).toBeCloseTo((65 + 33_600 + 18) / 1e6, 9);
    // Costs are kept to the micro-dollar: 259 prompt tokens make $0.03368275, recorded as $0.033683.
    expect(
      costFromUsage(
        'gemini-3.1-flash-lite-image',
        usage({ promptTokens: 259, imageOutputTokens: 1120, textOutputTokens: 12 }),
      ),
    ).toBe(0.033683);
  });

  it('halves every price in batch mode, and knows nothing of unknown models', () => {
    expect(
      costFromUsage('gemini-3.1-flash-lite-image', usage({ imageOutputTokens: 1120 }), { batch: true }),
    ).toBeCloseTo(0.0168, 9);
    expect(costFromUsage('gemini-9-image', usage({ imageOutputTokens: 1290 }))).toBeNull();
  });
});

describe('estimateCallUsd', () => {
  // 40 prompt characters = 10 tokens; every estimate adds 20 text tokens and the model's typical thinking.
  it.each([
    ['gemini-3.1-flash-lite-image', '1K', 1, 0.033697], // (10+258)×0.25 + 1120×30 + 20×1.5 = 33 697
    ['gemini-3-pro-image', '1K', 1, 0.137576], // (10+258)×2 + 1120×120 + 220×12 = 137 576
    ['gemini-3-pro-image', '2K', 1, 0.137576],
    ['gemini-3-pro-image', '4K', 1, 0.243176], // 536 + 240 000 + 2 640
    ['gemini-3.1-flash-image', '512', 0, 0.045485], // 10×0.5 + 747×60 + 220×3 = 45 485
    ['gemini-3.1-flash-image', '1K', 0, 0.067865], // 5 + 67 200 + 660
    ['gemini-3.1-flash-image', '2K', 0, 0.101465], // 5 + 100 800 + 660
    ['gemini-3.1-flash-image', '4K', 0, 0.151865], // 5 + 151 200 + 660
  ] as const)('%s at %s with %i input images: $%f', (model, imageSize, inputImages, usd) => {
    expect(estimateCallUsd({ model, imageSize, promptChars: 40, inputImages })).toBeCloseTo(usd, 9);
  });

  it('is null for a model without prices', () => {
    expect(estimateCallUsd({ model: 'gemini-9-image', promptChars: 40, inputImages: 0 })).toBeNull();
  });
});

describe('usage from usageMetadata', () => {
  it('splits image from text output by candidatesTokensDetails (live 3.1 Flash Image answer)', () => {
    const metadata = {
      promptTokenCount: 10,
      candidatesTokenCount: 1392,
      totalTokenCount: 1402,
      candidatesTokensDetails: [{ modality: 'IMAGE', tokenCount: 1120 }],
    };
    const parsed = usageFromMetadata(metadata, true);
    expect(parsed).toEqual({
      promptTokens: 10,
      imageOutputTokens: 1120,
      textOutputTokens: 272,
      thoughtsTokens: 0,
      totalTokens: 1402,
    });
    // 10 × $0.50 + 1120 × $60 + 272 × $3, per 1M.
    expect(costFromUsage('gemini-3.1-flash-image', parsed)).toBeCloseTo(0.068021, 9);
  });

  it('reads thinking tokens and tolerates nulls (relayed IMAGE_SAFETY answer)', () => {
    const parsed = usageFromMetadata(
      {
        promptTokenCount: 464,
        candidatesTokenCount: 0,
        totalTokenCount: 755,
        thoughtsTokenCount: 291,
        candidatesTokensDetails: null,
      },
      false,
    );
    expect(parsed).toEqual({
      promptTokens: 464,
      imageOutputTokens: 0,
      textOutputTokens: 0,
      thoughtsTokens: 291,
      totalTokens: 755,
    });
  });

  it('without modality details, counts an image answer’s output at the image rate (never under-bills)', () => {
    expect(usageFromMetadata({ candidatesTokenCount: 1290 }, true).imageOutputTokens).toBe(1290);
    expect(usageFromMetadata({ candidatesTokenCount: 40 }, false).textOutputTokens).toBe(40);
    expect(usageFromMetadata(undefined, false).totalTokens).toBe(0);
  });
});
