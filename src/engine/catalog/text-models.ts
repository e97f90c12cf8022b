import {
  DEPRECATIONS_TEXT,
  OPENROUTER_IDS,
  READ_ON,
  TEXT_PRICES_2_5_FLASH_LITE,
  TEXT_PRICES_3_1_FLASH_LITE,
  TEXT_PRICES_3_5_FLASH,
  TEXT_PRICES_3_5_FLASH_LITE,
  TEXT_PRICES_3_8_FLASH,
  VERTEX_IDS,
} from './sources';
import type { CatalogModel, ModelCapabilities, ModelRoutes, Source } from './types';

/** Text models (for prompt-writing and analysis nodes); no imageConfig on any route. */
function textRoutes(id: string): ModelRoutes {
  return {
    gemini: { id, imageConfig: [], source: TEXT_PRICES_3_5_FLASH },
    vertex: { id, imageConfig: [], source: VERTEX_IDS },
    openrouter: { id: `google/${id}`, imageConfig: [], source: OPENROUTER_IDS },
  };
}

const textCapabilities = (
  source: Source,
  thinkingLevels: ModelCapabilities['thinkingLevels'],
): ModelCapabilities => ({
  thinkingLevels,
  thoughts: true,
  searchGrounding: true,
  imageSearch: false,
  systemInstruction: true,
  sampling: true,
  safetySettings: true,
  imageOnlyOutput: false,
  source,
});

const textLimits = (source: Source, inputTokenLimit = 1_048_576) => ({
  aspectRatios: [],
  imageSizes: [],
  inputTokenLimit,
  outputTokenLimit: 65_536,
  source,
});

const UNKNOWN_TEXT_MODEL: Source = {
  read: READ_ON,
  url: DEPRECATIONS_TEXT.url,
  unverified: true,
  note: 'named as a replacement only; limits and prices not confirmed, so its price is unknown',
};

export const TEXT_MODELS: readonly CatalogModel[] = [
  {
    id: 'gemini-3.5-flash',
    displayName: 'Gemini 3.5 Flash',
    kind: 'text',
    lifecycle: { status: 'ga', released: '2026-05-19', source: TEXT_PRICES_3_5_FLASH },
    limits: textLimits(TEXT_PRICES_3_5_FLASH),
    capabilities: textCapabilities(TEXT_PRICES_3_5_FLASH, ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH']),
    routes: textRoutes('gemini-3.5-flash'),
    prices: {
      inputPerMillion: 1.5,
      textOutputPerMillion: 9,
      batchDiscount: 0.5,
      typicalThoughtTokens: { default: 800, MINIMAL: 0, LOW: 300, MEDIUM: 800, HIGH: 2000 },
      source: TEXT_PRICES_3_5_FLASH,
    },
  },
  {
    id: 'gemini-3.1-flash-lite',
    displayName: 'Gemini 3.1 Flash-Lite',
    kind: 'text',
    lifecycle: { status: 'ga', released: '2026-05-07', source: TEXT_PRICES_3_1_FLASH_LITE },
    limits: textLimits(TEXT_PRICES_3_1_FLASH_LITE),
    capabilities: textCapabilities(TEXT_PRICES_3_1_FLASH_LITE, ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH']),
    routes: textRoutes('gemini-3.1-flash-lite'),
    prices: {
      inputPerMillion: 0.25,
      textOutputPerMillion: 1.5,
      batchDiscount: 0.5,
      typicalThoughtTokens: { default: 200, MINIMAL: 0, LOW: 100, MEDIUM: 300, HIGH: 800 },
      source: TEXT_PRICES_3_1_FLASH_LITE,
    },
  },
  {
    id: 'gemini-2.5-flash-lite',
    displayName: 'Gemini 2.5 Flash-Lite',
    kind: 'text',
    lifecycle: {
      status: 'ga',
      released: '2025-07-22',
      source: { ...DEPRECATIONS_TEXT, note: '"not deprecated and remains available until further notice"' },
    },
    limits: textLimits(DEPRECATIONS_TEXT),
    capabilities: textCapabilities(DEPRECATIONS_TEXT, []),
    routes: textRoutes('gemini-2.5-flash-lite'),
    prices: {
      inputPerMillion: 0.1,
      textOutputPerMillion: 0.4,
      batchDiscount: 0.5,
      typicalThoughtTokens: { default: 0 },
      source: TEXT_PRICES_2_5_FLASH_LITE,
    },
  },
  {
    id: 'gemini-3.5-flash-lite',
    displayName: 'Gemini 3.5 Flash-Lite',
    kind: 'text',
    lifecycle: { status: 'ga', source: UNKNOWN_TEXT_MODEL },
    limits: textLimits(UNKNOWN_TEXT_MODEL),
    capabilities: textCapabilities(UNKNOWN_TEXT_MODEL, []),
    routes: textRoutes('gemini-3.5-flash-lite'),
    prices: {
      inputPerMillion: 0.3,
      textOutputPerMillion: 2.5,
      batchDiscount: 0.5,
      typicalThoughtTokens: { default: 0 },
      source: TEXT_PRICES_3_5_FLASH_LITE,
    },
  },
  {
    id: 'gemini-3.8-flash',
    displayName: 'Gemini 3.8 Flash',
    kind: 'text',
    lifecycle: { status: 'ga', source: UNKNOWN_TEXT_MODEL },
    limits: textLimits(UNKNOWN_TEXT_MODEL),
    capabilities: textCapabilities(UNKNOWN_TEXT_MODEL, []),
    routes: textRoutes('gemini-3.8-flash'),
    prices: {
      inputPerMillion: 1.5,
      textOutputPerMillion: 7.5,
      batchDiscount: 0.5,
      // Thinking is billed as output; its typical length is Peel's assumption, as for 3.5 Flash.
      typicalThoughtTokens: { default: 800 },
      source: TEXT_PRICES_3_8_FLASH,
    },
  },
  {
    id: 'gemini-2.5-flash',
    displayName: 'Gemini 2.5 Flash',
    kind: 'text',
    lifecycle: {
      status: 'retired',
      released: '2025-06-17',
      shutdown: '2026-12-01',
      replacement: 'gemini-3.5-flash-lite',
      source: DEPRECATIONS_TEXT,
    },
    limits: textLimits(DEPRECATIONS_TEXT),
    capabilities: textCapabilities(DEPRECATIONS_TEXT, []),
    routes: textRoutes('gemini-2.5-flash'),
  },
  {
    id: 'gemini-2.5-pro',
    displayName: 'Gemini 2.5 Pro',
    kind: 'text',
    lifecycle: {
      status: 'retired',
      released: '2025-06-17',
      shutdown: '2026-12-01',
      replacement: 'gemini-3.8-flash',
      source: DEPRECATIONS_TEXT,
    },
    limits: textLimits(DEPRECATIONS_TEXT),
    capabilities: textCapabilities(DEPRECATIONS_TEXT, []),
    routes: textRoutes('gemini-2.5-pro'),
  },
];
