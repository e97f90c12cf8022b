/**
 * Optional model features a node may ask for (file format v1: new optional params only). Each is
 * offered only where the catalog says the model supports it: the editor hides it, `check`
 * refuses it, and the request never carries it otherwise.
 */
import { z } from 'zod';
import type { ModelCapabilities } from '../../src/engine/catalog';
import type { ModelCallOptions } from '../../src/engine/provider';
import { type PeelError, peelError } from '../../src/engine/result';

export const SAFETY_THRESHOLDS = [
  'BLOCK_LOW_AND_ABOVE',
  'BLOCK_MEDIUM_AND_ABOVE',
  'BLOCK_ONLY_HIGH',
  'BLOCK_NONE',
  'OFF',
] as const;

export const modelFeatureFields = {
  /** Google Search grounding: `tools: [{ googleSearch: {} }]`. */
  googleSearch: z.boolean().optional(),
  /** Also Google Image Search (`googleSearch.searchTypes.imageSearch`); implies web search. */
  imageSearch: z.boolean().optional(),
  thinkingLevel: z.enum(['MINIMAL', 'LOW', 'MEDIUM', 'HIGH']).optional(),
  /** Ask for interim thoughts (`includeThoughts`): shown on the node, never exported as outputs. */
  showThoughts: z.boolean().optional(),
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().min(0).max(1).optional(),
  /** May not make output repeatable: Google documents seed as best effort. */
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
  systemInstruction: z.string().max(100_000).optional(),
  /** One threshold for the four adjustable harm categories. */
  safetyThreshold: z.enum(SAFETY_THRESHOLDS).optional(),
  /** `image`: responseModalities ['IMAGE']; default asks for text and image. */
  responseModalities: z.enum(['image', 'image+text']).optional(),
};

export type ModelFeatureParams = {
  [K in keyof typeof modelFeatureFields]?: z.infer<(typeof modelFeatureFields)[K]>;
};

type FeatureName = keyof typeof modelFeatureFields;

/** Which capability each param needs; a param whose capability is off must not be sent. */
export function featureSupported(name: FeatureName, capabilities: ModelCapabilities): boolean {
  switch (name) {
    case 'googleSearch':
      return capabilities.searchGrounding;
    case 'imageSearch':
      return capabilities.imageSearch;
    case 'thinkingLevel':
      return capabilities.thinkingLevels.length > 0;
    case 'showThoughts':
      return capabilities.thoughts;
    case 'temperature':
    case 'topP':
    case 'seed':
      return capabilities.sampling;
    case 'systemInstruction':
      return capabilities.systemInstruction;
    case 'safetyThreshold':
      return capabilities.safetySettings;
    case 'responseModalities':
      return capabilities.imageOnlyOutput;
  }
}

const FEATURE_WORDS: Record<FeatureName, string> = {
  googleSearch: 'Google Search grounding',
  imageSearch: 'Google Image Search grounding',
  thinkingLevel: 'a thinking level',
  showThoughts: 'showing thoughts',
  temperature: 'temperature',
  topP: 'topP',
  seed: 'a seed',
  systemInstruction: 'a system instruction',
  safetyThreshold: 'safety settings',
  responseModalities: 'image-only output',
};

function isSet(name: FeatureName, value: unknown): boolean {
  if (value === undefined) return false;
  // Off switches and the default output ask nothing of the model.
  if (typeof value === 'boolean') return value;
  if (name === 'responseModalities') return value === 'image';
  if (name === 'systemInstruction') return typeof value === 'string' && value.trim() !== '';
  return true;
}

/** Problems for features the model does not offer (nothing for an unknown model: Google decides). */
export function checkFeatures(
  modelId: string,
  capabilities: ModelCapabilities | undefined,
  params: ModelFeatureParams,
): PeelError[] {
  if (!capabilities) return [];
  const problems: PeelError[] = [];
  for (const name of Object.keys(modelFeatureFields) as FeatureName[]) {
    if (!isSet(name, params[name])) continue;
    if (!featureSupported(name, capabilities)) {
      problems.push(
        peelError('invalid_params', `${modelId} does not offer ${FEATURE_WORDS[name]}; turn it off`, {
          path: `.${name}`,
        }),
      );
    }
  }
  if (
    params.thinkingLevel !== undefined &&
    capabilities.thinkingLevels.length > 0 &&
    !capabilities.thinkingLevels.includes(params.thinkingLevel)
  ) {
    problems.push(
      peelError(
        'invalid_params',
        `${modelId} does not offer thinking level ${params.thinkingLevel}; choose one of ${capabilities.thinkingLevels.join(', ')}`,
        { path: '.thinkingLevel' },
      ),
    );
  }
  return problems;
}

/** The engine's call options from node params: only what is set. */
export function callOptionsFrom(params: ModelFeatureParams): ModelCallOptions {
  const options: ModelCallOptions = {};
  if (params.googleSearch || params.imageSearch)
    options.googleSearch = { imageSearch: params.imageSearch === true };
  if (params.thinkingLevel !== undefined) options.thinkingLevel = params.thinkingLevel;
  if (params.showThoughts) options.includeThoughts = true;
  if (params.temperature !== undefined) options.temperature = params.temperature;
  if (params.topP !== undefined) options.topP = params.topP;
  if (params.seed !== undefined) options.seed = params.seed;
  if (params.systemInstruction?.trim()) options.systemInstruction = params.systemInstruction;
  if (params.safetyThreshold !== undefined) options.safetyThreshold = params.safetyThreshold;
  if (params.responseModalities === 'image') options.imageOnly = true;
  return options;
}
