import { type ImageSize, type ModelInfo, modelInfo } from './models';

export interface Usage {
  promptTokens: number;
  imageOutputTokens: number;
  /** Text output tokens, excluding thinking. */
  textOutputTokens: number;
  thoughtsTokens: number;
  totalTokens: number;
}

export const ZERO_USAGE: Usage = {
  promptTokens: 0,
  imageOutputTokens: 0,
  textOutputTokens: 0,
  thoughtsTokens: 0,
  totalTokens: 0,
};

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    imageOutputTokens: a.imageOutputTokens + b.imageOutputTokens,
    textOutputTokens: a.textOutputTokens + b.textOutputTokens,
    thoughtsTokens: a.thoughtsTokens + b.thoughtsTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}

/** Billed USD for one answer: image tokens at the image rate, text and thinking at the text rate. */
export function costFromUsage(
  modelId: string,
  usage: Usage,
  options: { batch?: boolean } = {},
): number | null {
  const model = modelInfo(modelId);
  if (!model) return null;
  const factor = options.batch ? model.batchDiscount : 1;
  const usd =
    (usage.promptTokens * model.inputPerMillion +
      usage.imageOutputTokens * model.imageOutputPerMillion +
      (usage.textOutputTokens + usage.thoughtsTokens) * model.textOutputPerMillion) /
    1_000_000;
  return roundUsd(usd * factor);
}

/** Gemini bills each input image at a fixed token count (258 for images up to 384px tiles; 1K-ish refs). */
export const TOKENS_PER_INPUT_IMAGE = 258;
export const TEXT_CHARS_PER_TOKEN = 4;
/** Typical short text the image models answer alongside an image. */
export const TYPICAL_TEXT_OUTPUT_TOKENS = 20;

export interface CallEstimateInput {
  model: string;
  imageSize?: ImageSize | undefined;
  promptChars: number;
  inputImages: number;
  batch?: boolean;
}

/** Upper-ish estimate of one call, or null when the model is not in the table. */
export function estimateCallUsd(input: CallEstimateInput): number | null {
  const model = modelInfo(input.model);
  if (!model) return null;
  const usage = estimateCallUsage(model, input);
  return costFromUsage(model.id, usage, { batch: input.batch ?? false });
}

export function estimateCallUsage(model: ModelInfo, input: CallEstimateInput): Usage {
  const size = input.imageSize ?? model.defaultImageSize;
  const imageTokens = model.imageTokensBySize[size] ?? model.imageTokensBySize[model.defaultImageSize] ?? 0;
  const promptTokens =
    Math.ceil(input.promptChars / TEXT_CHARS_PER_TOKEN) + input.inputImages * TOKENS_PER_INPUT_IMAGE;
  return {
    promptTokens,
    imageOutputTokens: imageTokens,
    textOutputTokens: TYPICAL_TEXT_OUTPUT_TOKENS,
    thoughtsTokens: model.typicalThoughtTokens,
    totalTokens: promptTokens + imageTokens + TYPICAL_TEXT_OUTPUT_TOKENS + model.typicalThoughtTokens,
  };
}

/** Micro-dollar precision keeps sums stable without float noise in records. */
export const roundUsd = (usd: number): number => Math.round(usd * 1_000_000) / 1_000_000;

export function formatUsd(usd: number | null): string {
  if (usd === null) return 'unknown';
  if (usd === 0) return '$0.00';
  // A blocked answer bills a few prompt tokens: "$0.0000" would read as both free and not free.
  if (usd < 0.0001) return 'under $0.0001';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}
