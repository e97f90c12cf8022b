/** The image models the fake knows, with their per-model limits and token prices in tokens. */

export type ModelFamily = '2.0-flash' | '2.5-flash' | '3-pro' | '3.1-flash';

export interface ModelSpec {
  family: ModelFamily;
  displayName: string;
  maxInputImages: number;
  /** Allowed `imageConfig.imageSize` values (absent is always allowed). */
  imageSizes: readonly string[];
  aspectRatios: readonly string[];
  outputMime: 'image/png' | 'image/jpeg';
  /** Gemini 3 models think: thoughtsTokenCount, `thought: true` interim images. */
  thinking: boolean;
  imageTokens: (imageSize: string) => number;
}

const BASE_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;

const FLASH_25: ModelSpec = {
  family: '2.5-flash',
  displayName: 'Nano Banana',
  maxInputImages: 3,
  imageSizes: ['1K'],
  aspectRatios: BASE_RATIOS,
  outputMime: 'image/png',
  thinking: false,
  imageTokens: () => 1290,
};

const FLASH_20: ModelSpec = {
  ...FLASH_25,
  family: '2.0-flash',
  displayName: 'Gemini 2.0 Flash Image Generation',
};

const PRO_3: ModelSpec = {
  family: '3-pro',
  displayName: 'Nano Banana Pro',
  maxInputImages: 14,
  imageSizes: ['1K', '2K', '4K'],
  aspectRatios: BASE_RATIOS,
  outputMime: 'image/jpeg',
  thinking: true,
  imageTokens: (size) => (size === '4K' ? 2000 : 1120),
};

const FLASH_31_TOKENS: Record<string, number> = { '512': 747, '1K': 1120, '2K': 1680, '4K': 2520 };
const FLASH_31: ModelSpec = {
  family: '3.1-flash',
  displayName: 'Nano Banana 2',
  maxInputImages: 14,
  imageSizes: ['512', '1K', '2K', '4K'],
  aspectRatios: [...BASE_RATIOS, '1:4', '4:1', '1:8', '8:1'],
  outputMime: 'image/jpeg',
  thinking: true,
  imageTokens: (size) => FLASH_31_TOKENS[size] ?? 1120,
};

export const MODELS: Readonly<Record<string, ModelSpec>> = {
  'gemini-2.5-flash-image': FLASH_25,
  'gemini-2.5-flash-image-preview': FLASH_25,
  'gemini-3-pro-image-preview': PRO_3,
  'gemini-3-pro-image': PRO_3,
  'gemini-3.1-flash-image-preview': FLASH_31,
  'gemini-3.1-flash-image': FLASH_31,
  'gemini-2.0-flash-preview-image-generation': FLASH_20,
};

/** Accepts `gemini-x` or `models/gemini-x`. */
export function findModel(name: string): ModelSpec | undefined {
  const id = name.replace(/^models\//, '');
  return Object.hasOwn(MODELS, id) ? MODELS[id] : undefined;
}

/** Minimal `Model` resource as returned by GET /v1beta/models/{id}. */
export function modelInfo(id: string, spec: ModelSpec): Record<string, unknown> {
  return {
    name: `models/${id}`,
    version: spec.family === '2.0-flash' ? '2.0' : spec.family.replace(/-.*/, ''),
    displayName: spec.displayName,
    description: `Fake ${spec.displayName} image model (fake-gemini).`,
    inputTokenLimit: spec.thinking ? 131072 : 32768,
    outputTokenLimit: 32768,
    supportedGenerationMethods: ['generateContent', 'countTokens', 'batchGenerateContent'],
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: spec.thinking,
  };
}
