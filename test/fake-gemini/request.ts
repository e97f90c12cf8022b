/** Reads and validates a GenerateContentRequest like the real API does. */
import { badBytesField, invalidArgument, type RpcError } from './errors';
import { asArray, asRecord, asString, isRecord, type Json } from './json';
import type { ModelSpec } from './models';

export interface RequestInfo {
  prompt: string;
  /** Inline/file images across all turns (for prompt token estimates). */
  inputImages: number;
  aspectRatio?: string;
  imageSize?: string;
  /** Whether the answer may include a text part. */
  wantsText: boolean;
  /** `tools` carries a Google Search tool: the answer has groundingMetadata. */
  grounded: boolean;
  /** The Google Search tool asks for image search too (`searchTypes.imageSearch`). */
  imageSearch: boolean;
  /** `thinkingConfig.includeThoughts`: the answer carries a thought summary (`thought: true` text). */
  includeThoughts: boolean;
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

export function isValidBase64(data: string): boolean {
  const s = data.replace(/\s+/g, '');
  return BASE64.test(s) && s.replace(/=+$/, '').length % 4 !== 1;
}

function isImagePart(part: Json): boolean {
  const data = asRecord(part.inlineData ?? part.fileData);
  return (asString(data.mimeType) ?? '').startsWith('image/');
}

/** Returns the request facts, or the 400 the real API would answer. */
export function readGenerateRequest(body: unknown, modelId: string, spec: ModelSpec): RequestInfo | RpcError {
  const req = asRecord(body);
  const contents = asArray(req.contents);
  if (contents.length === 0) {
    return invalidArgument('* GenerateContentRequest.contents: contents is not specified\n');
  }
  const texts: string[] = [];
  let inputImages = 0;
  for (const [i, c] of contents.entries()) {
    const parts = asArray(asRecord(c).parts);
    if (parts.length === 0) {
      return invalidArgument(
        `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.\n`,
      );
    }
    for (const [j, p] of parts.entries()) {
      const part = asRecord(p);
      const text = asString(part.text);
      if (text !== undefined && part.thought !== true) texts.push(text);
      if (isImagePart(part)) inputImages++;
      const inline = part.inlineData;
      if (isRecord(inline) && (typeof inline.data !== 'string' || !isValidBase64(inline.data))) {
        return badBytesField(`contents[${i}].parts[${j}].inline_data.data`, String(inline.data ?? ''));
      }
    }
  }
  const last = asRecord(contents[contents.length - 1]);
  const lastImages = asArray(last.parts).filter((p) => isImagePart(asRecord(p))).length;
  if ((asString(last.role) ?? 'user') === 'user' && lastImages > spec.maxInputImages) {
    return invalidArgument(
      `Too many input images: ${lastImages} were provided but ${modelId} accepts at most ${spec.maxInputImages} images per request.`,
    );
  }
  const gen = asRecord(req.generationConfig);
  const imageConfig = asRecord(gen.imageConfig);
  const aspectRatio = asString(imageConfig.aspectRatio);
  if (aspectRatio !== undefined && !spec.aspectRatios.includes(aspectRatio)) {
    return invalidArgument(
      `* GenerateContentRequest.generation_config.image_config.aspect_ratio: Unsupported aspect ratio '${aspectRatio}' for ${modelId}. Supported values are: ${spec.aspectRatios.join(', ')}.\n`,
    );
  }
  const imageSize = asString(imageConfig.imageSize);
  if (imageSize !== undefined && !spec.imageSizes.includes(imageSize)) {
    return invalidArgument(
      `* GenerateContentRequest.generation_config.image_config.image_size: Unsupported image size '${imageSize}' for ${modelId}. Supported values are: ${spec.imageSizes.join(', ')}.\n`,
    );
  }
  const modalities = asArray(gen.responseModalities).map((m) => String(m).toUpperCase());
  return {
    prompt: texts.join('\n'),
    inputImages,
    aspectRatio,
    imageSize,
    wantsText: modalities.length === 0 || modalities.includes('TEXT'),
    grounded: asArray(req.tools).some((tool) => {
      const t = asRecord(tool);
      return t.googleSearch !== undefined || t.google_search !== undefined;
    }),
    imageSearch: asArray(req.tools).some((tool) => {
      const search = asRecord(asRecord(tool).googleSearch ?? asRecord(tool).google_search);
      const types = asRecord(search.searchTypes ?? search.search_types);
      return types.imageSearch !== undefined || types.image_search !== undefined;
    }),
    includeThoughts: asRecord(gen.thinkingConfig).includeThoughts === true,
  };
}

export function isRpcError(value: RequestInfo | RpcError): value is RpcError {
  return 'status' in value && 'body' in value;
}
