/**
 * One engine ImageRequest as a Gemini batch request: the same `contents` and generation config
 * the online provider sends (built by its `buildGeminiRequest`), keyed so that an answer can be
 * matched back to the node that asked for it.
 */
import type { ImageRequest, ProviderError } from '../../engine/provider';
import { ok, type Result } from '../../engine/result';
import type { GenerationFeatures } from '../gemini/features';
import { buildGeminiRequest, type ImageConfig } from '../gemini/request';
import type { OutgoingContent } from '../gemini/wire';

export interface BatchRequest {
  /** Unique within the job; comes back as `metadata.key` (inline) or `key` (file). */
  key: string;
  model: string;
  contents: OutgoingContent[];
  responseModalities: string[];
  imageConfig?: ImageConfig | undefined;
  features?: GenerationFeatures | undefined;
}

export function buildBatchRequest(key: string, request: ImageRequest): Result<BatchRequest, ProviderError> {
  const built = buildGeminiRequest(request);
  if (!built.ok) return built;
  return ok({
    key,
    model: request.model,
    contents: built.value.contents,
    responseModalities: built.value.responseModalities,
    ...(built.value.imageConfig ? { imageConfig: built.value.imageConfig } : {}),
    ...(Object.keys(built.value.features).length > 0 ? { features: built.value.features } : {}),
  });
}

/** The SDK's InlinedRequest: the SDK turns `config` into the wire `generationConfig`. */
export function toInlinedRequest(request: BatchRequest) {
  return {
    contents: request.contents,
    config: {
      ...request.features,
      responseModalities: request.responseModalities,
      ...(request.imageConfig ? { imageConfig: request.imageConfig } : {}),
    },
    metadata: { key: request.key },
  };
}

/** One line of an input JSONL file: the REST GenerateContentRequest, as nothing converts it. */
export function toJsonlLine(request: BatchRequest): string {
  // REST places tools, systemInstruction and safetySettings beside generationConfig, the rest in it.
  const { tools, systemInstruction, safetySettings, ...generation } = request.features ?? {};
  return JSON.stringify({
    key: request.key,
    request: {
      contents: request.contents,
      ...(tools ? { tools } : {}),
      ...(systemInstruction ? { systemInstruction } : {}),
      ...(safetySettings ? { safetySettings } : {}),
      generationConfig: {
        ...generation,
        responseModalities: request.responseModalities,
        ...(request.imageConfig ? { imageConfig: request.imageConfig } : {}),
      },
    },
  });
}

/** Size of the inlined requests as they travel (the JSON the SDK sends is about this long). */
export function inlinedSizeBytes(requests: readonly BatchRequest[]): number {
  let total = 0;
  for (const request of requests) total += Buffer.byteLength(JSON.stringify(toInlinedRequest(request))) + 1;
  return total;
}

/** Inline requests up to this size; a larger job goes through an uploaded JSONL file. */
export const DEFAULT_INLINE_LIMIT_BYTES = 20 * 1024 * 1024;
