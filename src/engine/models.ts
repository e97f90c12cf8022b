/**
 * The one model table: read by validation, the editor, estimates and the provider.
 * Figures from Google's pricing page as summarised in gemini-wire-samples/README.md.
 */
export const PRICES_READ_ON = '2026-11-25';

export type ImageSize = '512' | '1K' | '2K' | '4K';

export interface ModelInfo {
  id: string;
  displayName: string;
  maxReferenceImages: number;
  aspectRatios: readonly string[];
  imageSizes: readonly ImageSize[];
  defaultImageSize: ImageSize;
  /** Output image tokens billed per generated image, by size. */
  imageTokensBySize: Partial<Record<ImageSize, number>>;
  /** USD per 1M tokens. */
  inputPerMillion: number;
  imageOutputPerMillion: number;
  textOutputPerMillion: number;
  /** Batch API multiplier on every price. */
  batchDiscount: number;
  /** Typical thinking tokens per call, for estimates only. */
  typicalThoughtTokens: number;
}

const BASE_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;

const flash25: Omit<ModelInfo, 'id' | 'displayName'> = {
  maxReferenceImages: 3,
  aspectRatios: BASE_RATIOS,
  imageSizes: ['1K'],
  defaultImageSize: '1K',
  imageTokensBySize: { '1K': 1290 },
  inputPerMillion: 0.3,
  imageOutputPerMillion: 30,
  textOutputPerMillion: 2.5,
  batchDiscount: 0.5,
  typicalThoughtTokens: 0,
};

const pro3: Omit<ModelInfo, 'id' | 'displayName'> = {
  maxReferenceImages: 14,
  aspectRatios: BASE_RATIOS,
  imageSizes: ['1K', '2K', '4K'],
  defaultImageSize: '1K',
  imageTokensBySize: { '1K': 1120, '2K': 1120, '4K': 2000 },
  inputPerMillion: 2,
  imageOutputPerMillion: 120,
  textOutputPerMillion: 12,
  batchDiscount: 0.5,
  typicalThoughtTokens: 200,
};

const flash31: Omit<ModelInfo, 'id' | 'displayName'> = {
  maxReferenceImages: 14,
  aspectRatios: [...BASE_RATIOS, '1:4', '4:1', '1:8', '8:1'],
  imageSizes: ['512', '1K', '2K', '4K'],
  defaultImageSize: '1K',
  imageTokensBySize: { '512': 747, '1K': 1120, '2K': 1680, '4K': 2520 },
  inputPerMillion: 0.5,
  imageOutputPerMillion: 60,
  textOutputPerMillion: 3,
  batchDiscount: 0.5,
  typicalThoughtTokens: 200,
};

export const MODELS: readonly ModelInfo[] = [
  { id: 'gemini-2.5-flash-image', displayName: 'Nano Banana (Gemini 2.5 Flash Image)', ...flash25 },
  { id: 'gemini-2.5-flash-image-preview', displayName: 'Gemini 2.5 Flash Image (preview id)', ...flash25 },
  { id: 'gemini-3-pro-image', displayName: 'Nano Banana Pro (Gemini 3 Pro Image)', ...pro3 },
  { id: 'gemini-3-pro-image-preview', displayName: 'Gemini 3 Pro Image (preview id)', ...pro3 },
  { id: 'gemini-3.1-flash-image', displayName: 'Nano Banana 2 (Gemini 3.1 Flash Image)', ...flash31 },
  { id: 'gemini-3.1-flash-image-preview', displayName: 'Gemini 3.1 Flash Image (preview id)', ...flash31 },
];

export const DEFAULT_MODEL = 'gemini-2.5-flash-image';

export function modelInfo(id: string): ModelInfo | undefined {
  return MODELS.find((model) => model.id === id);
}

/** Loose model id check: unknown ids are allowed (with a warning), but must look like a model id. */
export const MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9.-]{0,99}$/;
