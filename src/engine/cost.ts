import {
  type CatalogModel,
  catalogModel,
  type ImageSize,
  type ModelPrices,
  type ThinkingLevel,
} from './catalog';

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
  options: { batch?: boolean; groundedRequests?: number } = {},
): number | null {
  const prices = catalogModel(modelId)?.prices;
  if (!prices) return null;
  return costWithPrices(prices, usage, options);
}

function costWithPrices(
  prices: ModelPrices,
  usage: Usage,
  options: { batch?: boolean; groundedRequests?: number },
): number | null {
  // An image answer from a model whose image rate nobody knows cannot be priced.
  if (usage.imageOutputTokens > 0 && prices.imageOutputPerMillion === undefined) return null;
  const factor = options.batch ? prices.batchDiscount : 1;
  const tokensUsd =
    (usage.promptTokens * prices.inputPerMillion +
      usage.imageOutputTokens * (prices.imageOutputPerMillion ?? 0) +
      (usage.textOutputTokens + usage.thoughtsTokens) * prices.textOutputPerMillion) /
    1_000_000;
  const groundingUsd = (options.groundedRequests ?? 0) * (prices.groundedRequestUsd ?? 0);
  return roundUsd(tokensUsd * factor + groundingUsd);
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
  thinkingLevel?: ThinkingLevel | undefined;
  /** Google Search grounding on: billed per grounded request where the catalog knows the price. */
  grounded?: boolean | undefined;
  /** Text the answer is expected to hold (a text model's answer), instead of the short image caption. */
  textOutputTokens?: number | undefined;
}

/** Tokens a text model's answer typically holds: a paragraph, or one prompt-sized line per list item. */
export function typicalAnswerTokens(answer: { kind: 'text' } | { kind: 'list'; maxItems: number }): number {
  return answer.kind === 'list' ? answer.maxItems * 80 : 300;
}

/** Upper-ish estimate of one call, or null when its price is unknown (not in the catalog). */
export function estimateCallUsd(input: CallEstimateInput): number | null {
  const model = catalogModel(input.model);
  if (!model?.prices) return null;
  const usage = estimateCallUsage(model, input);
  return costWithPrices(model.prices, usage, {
    batch: input.batch ?? false,
    groundedRequests: input.grounded ? 1 : 0,
  });
}

export function estimateCallUsage(model: CatalogModel, input: CallEstimateInput): Usage {
  const tokensBySize = model.prices?.imageTokensBySize ?? {};
  const fallbackSize = model.limits.defaultImageSize ?? '1K';
  const size = input.imageSize ?? fallbackSize;
  const imageTokens = model.kind === 'image' ? (tokensBySize[size] ?? tokensBySize[fallbackSize] ?? 0) : 0;
  const thoughts = model.prices?.typicalThoughtTokens ?? {};
  const thoughtsTokens =
    (input.thinkingLevel ? thoughts[input.thinkingLevel] : undefined) ?? thoughts.default ?? 0;
  const promptTokens =
    Math.ceil(input.promptChars / TEXT_CHARS_PER_TOKEN) + input.inputImages * TOKENS_PER_INPUT_IMAGE;
  const textTokens = input.textOutputTokens ?? TYPICAL_TEXT_OUTPUT_TOKENS;
  return {
    promptTokens,
    imageOutputTokens: imageTokens,
    textOutputTokens: textTokens,
    thoughtsTokens,
    totalTokens: promptTokens + imageTokens + textTokens + thoughtsTokens,
  };
}

/** Micro-dollar precision keeps sums stable without float noise in records. */
export const roundUsd = (usd: number): number => Math.round(usd * 1_000_000) / 1_000_000;

export function formatUsd(usd: number | null): string {
  if (usd === null) return 'price unknown';
  if (usd === 0) return '$0.00';
  // A blocked answer bills a few prompt tokens: "$0.0000" would read as both free and not free.
  if (usd < 0.0001) return 'under $0.0001';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}
