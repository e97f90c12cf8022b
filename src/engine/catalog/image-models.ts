import {
  CHANGELOG_NANO_BANANA_2_1,
  DEPRECATIONS,
  FLASH_LITE_IMAGE,
  GROUNDING_PRICE,
  IMAGE_GENERATION_DOCS,
  NANO_BANANA_2_1_PRICES,
  OPENROUTER_IDS,
  PREVIEW_ID_SHUTDOWN_UNKNOWN,
  PRICES_FROM_WIRE_NOTES,
  VERTEX_IDS,
} from './sources';
import type {
  CatalogModel,
  ImageConfigField,
  ModelCapabilities,
  ModelLimits,
  ModelPrices,
  ModelRoutes,
} from './types';

const BASE_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;
const WIDE_RATIOS = [...BASE_RATIOS, '1:4', '4:1', '1:8', '8:1'] as const;

/** Routes where every route calls the model by its own Gemini id (OpenRouter prefixes `google/`). */
function sameIdRoutes(id: string, imageConfig: readonly ImageConfigField[]): ModelRoutes {
  return {
    gemini: { id, imageConfig, source: IMAGE_GENERATION_DOCS },
    vertex: { id, imageConfig, source: VERTEX_IDS },
    openrouter: { id: `google/${id}`, imageConfig, source: OPENROUTER_IDS },
  };
}

const flash31Limits: ModelLimits = {
  maxReferenceImages: 14,
  aspectRatios: WIDE_RATIOS,
  imageSizes: ['512', '1K', '2K', '4K'],
  defaultImageSize: '1K',
  inputTokenLimit: 131_072,
  outputTokenLimit: 32_768,
  source: {
    ...IMAGE_GENERATION_DOCS,
    note: '14 references and 131,072 input tokens also per whichllm.io / modelpedia.dev',
  },
};

const flash31Capabilities: ModelCapabilities = {
  thinkingLevels: ['MINIMAL', 'HIGH'],
  thoughts: true,
  searchGrounding: true,
  imageSearch: true,
  systemInstruction: true,
  sampling: true,
  safetySettings: true,
  imageOnlyOutput: true,
  source: IMAGE_GENERATION_DOCS,
};

const flash31Prices: ModelPrices = {
  inputPerMillion: 0.5,
  imageOutputPerMillion: 60,
  textOutputPerMillion: 3,
  imageTokensBySize: { '512': 747, '1K': 1120, '2K': 1680, '4K': 2520 },
  batchDiscount: 0.5,
  groundedRequestUsd: 0.014,
  typicalThoughtTokens: { default: 200, MINIMAL: 200, HIGH: 1200 },
  source: {
    ...PRICES_FROM_WIRE_NOTES,
    note: `${PRICES_FROM_WIRE_NOTES.note}; grounding $14/1K requests (${GROUNDING_PRICE.url}, unverified); thought tokens per level are Peel's guess for estimates`,
  },
};

const pro3Limits: ModelLimits = {
  maxReferenceImages: 14,
  aspectRatios: BASE_RATIOS,
  imageSizes: ['1K', '2K', '4K'],
  defaultImageSize: '1K',
  inputTokenLimit: 65_536,
  outputTokenLimit: 32_768,
  source: {
    ...IMAGE_GENERATION_DOCS,
    note: 'token limits as published for gemini-3-pro-image-preview; not re-checked for the GA id',
  },
};

const pro3Capabilities: ModelCapabilities = {
  // Nano Banana Pro always thinks; its level is not a request option (unverified).
  thinkingLevels: [],
  thoughts: true,
  searchGrounding: true,
  imageSearch: false,
  systemInstruction: true,
  sampling: true,
  safetySettings: true,
  imageOnlyOutput: true,
  source: IMAGE_GENERATION_DOCS,
};

const pro3Prices: ModelPrices = {
  inputPerMillion: 2,
  imageOutputPerMillion: 120,
  textOutputPerMillion: 12,
  imageTokensBySize: { '1K': 1120, '2K': 1120, '4K': 2000 },
  batchDiscount: 0.5,
  groundedRequestUsd: 0.014,
  typicalThoughtTokens: { default: 200 },
  source: PRICES_FROM_WIRE_NOTES,
};

const flash25Retired = (id: string, displayName: string, shutdown: string | undefined): CatalogModel => ({
  id,
  displayName,
  kind: 'image',
  lifecycle: {
    status: 'retired',
    released: '2025-10-02',
    ...(shutdown ? { shutdown } : {}),
    replacement: 'gemini-3.1-flash-image',
    source: shutdown ? DEPRECATIONS : PREVIEW_ID_SHUTDOWN_UNKNOWN,
  },
  limits: {
    maxReferenceImages: 3,
    aspectRatios: BASE_RATIOS,
    imageSizes: ['1K'],
    defaultImageSize: '1K',
    inputTokenLimit: 32_768,
    source: PRICES_FROM_WIRE_NOTES,
  },
  capabilities: {
    thinkingLevels: [],
    thoughts: false,
    searchGrounding: false,
    imageSearch: false,
    systemInstruction: true,
    sampling: true,
    safetySettings: true,
    imageOnlyOutput: true,
    source: PRICES_FROM_WIRE_NOTES,
  },
  // 2.5 Flash Image predates imageConfig.imageSize: only the aspect ratio may be sent.
  routes: sameIdRoutes(id, ['aspectRatio']),
  prices: {
    inputPerMillion: 0.3,
    imageOutputPerMillion: 30,
    textOutputPerMillion: 2.5,
    imageTokensBySize: { '1K': 1290 },
    batchDiscount: 0.5,
    typicalThoughtTokens: { default: 0 },
    source: PRICES_FROM_WIRE_NOTES,
  },
});

export const IMAGE_MODELS: readonly CatalogModel[] = [
  {
    id: 'gemini-3.1-flash-image',
    displayName: 'Nano Banana 2 (Gemini 3.1 Flash Image)',
    kind: 'image',
    // Deprecated by Google on 2026-10-06 with no shutdown date announced on its pages (third
    // parties report 2026-10-29: see the source). The live check (`peel models`) tells a key's truth.
    lifecycle: {
      status: 'deprecated',
      released: '2026-05-28',
      replacement: 'gemini-nano-banana-2.1',
      source: CHANGELOG_NANO_BANANA_2_1,
    },
    limits: flash31Limits,
    capabilities: flash31Capabilities,
    routes: sameIdRoutes('gemini-3.1-flash-image', ['aspectRatio', 'imageSize']),
    prices: flash31Prices,
  },
  {
    id: 'gemini-nano-banana-2.1',
    displayName: 'Nano Banana 2.1',
    kind: 'image',
    lifecycle: { status: 'ga', released: '2026-10-06', source: CHANGELOG_NANO_BANANA_2_1 },
    limits: {
      maxReferenceImages: 14,
      aspectRatios: WIDE_RATIOS,
      // No 512 on this model (the changelog names 1K, 2K and 4K).
      imageSizes: ['1K', '2K', '4K'],
      defaultImageSize: '1K',
      source: {
        ...CHANGELOG_NANO_BANANA_2_1,
        unverified: true,
        note: "sizes and ratios from the changelog; 14 references and the token limits were not published in the sources read (Nano Banana 2's reference limit assumed, token limits left out)",
      },
    },
    capabilities: {
      ...flash31Capabilities,
      // Grounding in web search is sold with it (inference.sh); image search was not confirmed, so it is never sent.
      imageSearch: false,
      thinkingLevels: ['MINIMAL', 'MEDIUM', 'HIGH'],
      source: {
        read: CHANGELOG_NANO_BANANA_2_1.read,
        url: 'https://www.skills.sh/jpcaparas/skills/nanobanana',
        unverified: true,
        note: 'thinking minimal/medium (default)/high from a live snapshot of 2026-10-18 (third party); web search grounding per inference.sh; function calling and structured outputs not supported (LiteLLM)',
      },
    },
    // Same id on the Gemini API and Vertex (LiteLLM routes both); no OpenRouter id was found.
    routes: (({ openrouter: _none, ...routes }) => routes)(
      sameIdRoutes('gemini-nano-banana-2.1', ['aspectRatio', 'imageSize']),
    ),
    prices: {
      inputPerMillion: 1.5,
      imageOutputPerMillion: 30,
      textOutputPerMillion: 7.5,
      imageTokensBySize: { '1K': 1120, '2K': 1680, '4K': 3780 },
      batchDiscount: 0.5,
      groundedRequestUsd: 0.014,
      typicalThoughtTokens: { default: 200, MINIMAL: 200, MEDIUM: 600, HIGH: 1200 },
      source: NANO_BANANA_2_1_PRICES,
    },
  },
  {
    id: 'gemini-3-pro-image',
    displayName: 'Nano Banana Pro (Gemini 3 Pro Image)',
    kind: 'image',
    lifecycle: { status: 'ga', released: '2026-05-28', source: DEPRECATIONS },
    limits: pro3Limits,
    capabilities: pro3Capabilities,
    routes: sameIdRoutes('gemini-3-pro-image', ['aspectRatio', 'imageSize']),
    prices: pro3Prices,
  },
  {
    id: 'gemini-3.1-flash-lite-image',
    displayName: 'Nano Banana 2 Lite (Gemini 3.1 Flash-Lite Image)',
    kind: 'image',
    lifecycle: { status: 'ga', released: '2026-06-30', source: FLASH_LITE_IMAGE },
    limits: {
      maxReferenceImages: 14,
      aspectRatios: WIDE_RATIOS,
      imageSizes: ['1K'],
      defaultImageSize: '1K',
      inputTokenLimit: 65_536,
      outputTokenLimit: 4_096,
      source: FLASH_LITE_IMAGE,
    },
    capabilities: {
      thinkingLevels: [],
      thoughts: false,
      searchGrounding: false,
      imageSearch: false,
      systemInstruction: true,
      sampling: true,
      safetySettings: true,
      imageOnlyOutput: true,
      source: {
        ...FLASH_LITE_IMAGE,
        unverified: true,
        note: 'no grounding ("step up to Nano Banana 2 for grounded generation", linkmodel.ai 2026-07-02); thinking control not documented',
      },
    },
    // One size only: nothing to choose, so imageSize is never sent.
    // No OpenRouter id for a Flash-Lite image model was found (search, 2026-12-02): no mapping,
    // so the OpenRouter route refuses it rather than guess an id.
    routes: (({ openrouter: _none, ...routes }) => routes)(
      sameIdRoutes('gemini-3.1-flash-lite-image', ['aspectRatio']),
    ),
    prices: {
      inputPerMillion: 0.25,
      imageOutputPerMillion: 30,
      textOutputPerMillion: 1.5,
      imageTokensBySize: { '1K': 1120 },
      batchDiscount: 0.5,
      typicalThoughtTokens: { default: 0 },
      source: FLASH_LITE_IMAGE,
    },
  },
  {
    id: 'gemini-3.1-flash-image-preview',
    displayName: 'Gemini 3.1 Flash Image (preview id)',
    kind: 'image',
    lifecycle: {
      status: 'retired',
      released: '2026-02-26',
      shutdown: '2026-06-25',
      replacement: 'gemini-3.1-flash-image',
      source: DEPRECATIONS,
    },
    limits: flash31Limits,
    capabilities: flash31Capabilities,
    routes: sameIdRoutes('gemini-3.1-flash-image-preview', ['aspectRatio', 'imageSize']),
    prices: flash31Prices,
  },
  {
    id: 'gemini-3-pro-image-preview',
    displayName: 'Gemini 3 Pro Image (preview id)',
    kind: 'image',
    lifecycle: {
      status: 'retired',
      released: '2025-11-20',
      shutdown: '2026-06-25',
      replacement: 'gemini-3-pro-image',
      source: DEPRECATIONS,
    },
    limits: pro3Limits,
    capabilities: pro3Capabilities,
    routes: sameIdRoutes('gemini-3-pro-image-preview', ['aspectRatio', 'imageSize']),
    prices: pro3Prices,
  },
  flash25Retired('gemini-2.5-flash-image', 'Nano Banana (Gemini 2.5 Flash Image)', '2026-10-02'),
  flash25Retired('gemini-2.5-flash-image-preview', 'Gemini 2.5 Flash Image (preview id)', undefined),
  {
    ...flash25Retired(
      'gemini-2.0-flash-preview-image-generation',
      'Gemini 2.0 Flash Image Generation (preview)',
      undefined,
    ),
    lifecycle: {
      status: 'retired',
      released: '2025-05-07',
      replacement: 'gemini-3.1-flash-image',
      source: PREVIEW_ID_SHUTDOWN_UNKNOWN,
    },
    // Its own prices were never confirmed; a retired model needs none to be named and switched.
    prices: undefined,
  },
];
