/**
 * The models the fake serves: exactly the catalog's current (not retired) models, so a retired id
 * answers 404 NOT_FOUND as the real API does. Tests can add models the catalog lacks
 * (POST /__fake/models) to stand for "a model Google lists that Peel does not know yet".
 */
import { type CatalogModel, currentModels } from '../../src/engine/catalog';

export interface ModelSpec {
  kind: 'image' | 'text';
  displayName: string;
  maxInputImages: number;
  /** Allowed `imageConfig.imageSize` values (absent is always allowed). */
  imageSizes: readonly string[];
  aspectRatios: readonly string[];
  outputMime: 'image/png' | 'image/jpeg';
  /** Gemini 3 models think: thoughtsTokenCount, `thought: true` interim images. */
  thinking: boolean;
  imageTokens: (imageSize: string) => number;
  inputTokenLimit: number;
  outputTokenLimit: number;
}

function specOf(model: CatalogModel): ModelSpec {
  const tokens = model.prices?.imageTokensBySize ?? {};
  return {
    kind: model.kind,
    displayName: model.displayName,
    maxInputImages: model.limits.maxReferenceImages ?? 14,
    imageSizes: model.limits.imageSizes,
    aspectRatios: model.limits.aspectRatios,
    // Gemini 3 thinking image models answer JPEG (live samples); the non-thinking ones PNG as
    // 2.5 Flash Image did (unverified for 3.1 Flash-Lite Image).
    outputMime: model.capabilities.thoughts ? 'image/jpeg' : 'image/png',
    thinking: model.capabilities.thoughts,
    imageTokens: (size) => tokens[size as keyof typeof tokens] ?? tokens['1K'] ?? 1120,
    inputTokenLimit: model.limits.inputTokenLimit ?? 131_072,
    outputTokenLimit: model.limits.outputTokenLimit ?? 32_768,
  };
}

/** Built from the catalog once, when the fake starts (overrides never reach the fake). */
export const MODELS: Readonly<Record<string, ModelSpec>> = Object.fromEntries(
  currentModels().map((model) => [model.id, specOf(model)]),
);

const WIDE_RATIOS = [
  '1:1',
  '2:3',
  '3:2',
  '3:4',
  '4:3',
  '4:5',
  '5:4',
  '9:16',
  '16:9',
  '21:9',
  '1:4',
  '4:1',
  '1:8',
  '8:1',
];

/** An image model Google lists but the catalog lacks (a stand-in for "newer than Peel"). */
export function extraImageModel(displayName: string): ModelSpec {
  return {
    kind: 'image',
    displayName,
    maxInputImages: 14,
    imageSizes: ['1K', '2K'],
    aspectRatios: WIDE_RATIOS,
    outputMime: 'image/jpeg',
    thinking: true,
    imageTokens: () => 1120,
    inputTokenLimit: 131_072,
    outputTokenLimit: 32_768,
  };
}

/** Models added for one test (cleared by /__fake/reset); module state: one fake per process. */
const extraModels = new Map<string, ModelSpec>();

export function addExtraModel(id: string): void {
  extraModels.set(id, extraImageModel(`Fake ${id}`));
}

export function clearExtraModels(): void {
  extraModels.clear();
}

export function allModels(): Array<[string, ModelSpec]> {
  return [...Object.entries(MODELS), ...extraModels.entries()];
}

/** Accepts `gemini-x` or `models/gemini-x`. */
export function findModel(name: string): ModelSpec | undefined {
  const id = name.replace(/^models\//, '');
  return Object.hasOwn(MODELS, id) ? MODELS[id] : extraModels.get(id);
}

/** The `Model` resource as returned by GET /v1beta/models/{id} and in models.list. */
export function modelInfo(id: string, spec: ModelSpec): Record<string, unknown> {
  return {
    name: `models/${id}`,
    version: id.replace(/^gemini-/, '').split('-')[0] ?? '',
    displayName: spec.displayName,
    description: `Fake ${spec.displayName} (fake-gemini).`,
    inputTokenLimit: spec.inputTokenLimit,
    outputTokenLimit: spec.outputTokenLimit,
    supportedGenerationMethods: [
      'generateContent',
      'countTokens',
      'createCachedContent',
      'batchGenerateContent',
    ],
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: spec.thinking,
  };
}

/**
 * One page of models.list: `pageSize` (default 50, max 1000) and `pageToken` as the real API
 * takes them; `nextPageToken` only when more remain. Tokens are opaque offsets here.
 */
export function listModelsPage(pageSize: string | null, pageToken: string | null): Record<string, unknown> {
  const all = allModels();
  const size = Math.min(Math.max(Number(pageSize) || 50, 1), 1000);
  const start = pageToken
    ? Number.parseInt(Buffer.from(pageToken, 'base64url').toString('utf8'), 10) || 0
    : 0;
  const page = all.slice(start, start + size).map(([id, spec]) => modelInfo(id, spec));
  const next =
    start + size < all.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
  return { models: page, ...(next ? { nextPageToken: next } : {}) };
}
