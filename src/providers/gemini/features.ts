/**
 * The optional generation features as the Gemini API names them (SDK config = REST body):
 * `tools[].googleSearch`, `thinkingConfig.thinkingLevel` / `includeThoughts`, `systemInstruction`,
 * `safetySettings`, `temperature`, `topP`, `seed`. A feature the catalog says the model does not
 * offer is refused here too, so no request ever carries it.
 */
import { catalogModel } from '../../engine/catalog';
import type { ImageRequest, ProviderError } from '../../engine/provider';
import { err, ok, type Result } from '../../engine/result';

export interface GenerationFeatures {
  tools?: Array<{ googleSearch: { searchTypes?: { webSearch: object; imageSearch: object } } }>;
  thinkingConfig?: { thinkingLevel?: string; includeThoughts?: boolean };
  systemInstruction?: { parts: Array<{ text: string }> };
  safetySettings?: Array<{ category: string; threshold: string }>;
  temperature?: number;
  topP?: number;
  seed?: number;
  /** Structured output for a text model's list (`responseMimeType` + `responseSchema`). */
  responseMimeType?: string;
  responseSchema?: ListSchema;
}

/**
 * The array schema of a text model's list. The Gemini Schema object (an OpenAPI subset) takes
 * `minItems`/`maxItems` as int64, which JSON carries as strings (SDK type `string`).
 * Source: https://ai.google.dev/gemini-api/docs/structured-output and the SDK's `Schema` type
 * (node_modules/@google/genai), read 2026-12-02.
 */
export interface ListSchema {
  type: 'ARRAY';
  items: { type: 'STRING' };
  minItems: string;
  maxItems: string;
}

export function listSchema(maxItems: number): ListSchema {
  return { type: 'ARRAY', items: { type: 'STRING' }, minItems: '1', maxItems: String(maxItems) };
}

/** The four adjustable harm categories of the Gemini API. */
const HARM_CATEGORIES = [
  'HARM_CATEGORY_HARASSMENT',
  'HARM_CATEGORY_HATE_SPEECH',
  'HARM_CATEGORY_SEXUALLY_EXPLICIT',
  'HARM_CATEGORY_DANGEROUS_CONTENT',
] as const;

const unsupported = (model: string, what: string): ProviderError => ({
  code: 'invalid_request',
  message: `${model} does not offer ${what}; turn it off on the node`,
  retryable: false,
});

export function generationFeaturesFor(request: ImageRequest): Result<GenerationFeatures, ProviderError> {
  const options = request.options ?? {};
  // Unknown models (from the live list, or newer than the catalog): send what was asked; Google decides.
  const capabilities = catalogModel(request.model)?.capabilities;
  const allows = (flag: boolean | undefined, what: string): ProviderError | undefined =>
    capabilities && !flag ? unsupported(request.model, what) : undefined;
  const features: GenerationFeatures = {};
  if (options.googleSearch) {
    const refused =
      allows(capabilities?.searchGrounding, 'Google Search grounding') ??
      (options.googleSearch.imageSearch
        ? allows(capabilities?.imageSearch, 'Google Image Search')
        : undefined);
    if (refused) return err(refused);
    features.tools = [
      {
        googleSearch: options.googleSearch.imageSearch
          ? { searchTypes: { webSearch: {}, imageSearch: {} } }
          : {},
      },
    ];
  }
  if (options.thinkingLevel !== undefined || options.includeThoughts) {
    if (options.thinkingLevel !== undefined) {
      const levels = capabilities?.thinkingLevels;
      if (levels && !levels.includes(options.thinkingLevel)) {
        return err(unsupported(request.model, `thinking level ${options.thinkingLevel}`));
      }
    }
    if (options.includeThoughts) {
      const refused = allows(capabilities?.thoughts, 'showing thoughts');
      if (refused) return err(refused);
    }
    features.thinkingConfig = {
      ...(options.thinkingLevel !== undefined ? { thinkingLevel: options.thinkingLevel } : {}),
      ...(options.includeThoughts ? { includeThoughts: true } : {}),
    };
  }
  if (options.systemInstruction !== undefined) {
    const refused = allows(capabilities?.systemInstruction, 'a system instruction');
    if (refused) return err(refused);
    features.systemInstruction = { parts: [{ text: options.systemInstruction }] };
  }
  if (options.safetyThreshold !== undefined) {
    const refused = allows(capabilities?.safetySettings, 'safety settings');
    if (refused) return err(refused);
    const threshold = options.safetyThreshold;
    features.safetySettings = HARM_CATEGORIES.map((category) => ({ category, threshold }));
  }
  for (const name of ['temperature', 'topP', 'seed'] as const) {
    const value = options[name];
    if (value === undefined) continue;
    const refused = allows(capabilities?.sampling, name);
    if (refused) return err(refused);
    features[name] = value;
  }
  if (request.answer?.kind === 'list') {
    features.responseMimeType = 'application/json';
    features.responseSchema = listSchema(request.answer.maxItems);
  }
  if (options.imageOnly) {
    const refused = allows(capabilities?.imageOnlyOutput, 'image-only output');
    if (refused) return err(refused);
  }
  return ok(features);
}
