/**
 * Turns the engine's ImageRequest into Gemini `contents` and `config`: earlier turns replayed
 * untouched (thought parts and signatures included), then a new user turn with the reference
 * images before the text. Limits that Google would enforce after the upload are checked here.
 */
import { bytesToBase64 } from '../../engine/image/base64';
import { modelInfo } from '../../engine/models';
import type { ImageRequest, ProviderError } from '../../engine/provider';
import { err, ok, type Result } from '../../engine/result';
import type { ConversationPart, ConversationTurn, ImageValue } from '../../engine/values';
import { type GenerationFeatures, generationFeaturesFor } from './features';
import { base64Length, formatMegabytes, MAX_INLINE_IMAGE_BYTES, MAX_REQUEST_BYTES } from './limits';
import type { OutgoingContent, OutgoingPart } from './wire';

export interface ImageConfig {
  aspectRatio?: string;
  imageSize?: string;
}

export interface BuiltRequest {
  contents: OutgoingContent[];
  responseModalities: string[];
  imageConfig?: ImageConfig;
  /** The optional features, in the SDK's config spelling (the REST body names match). */
  features: GenerationFeatures;
  /** The new user turn as the engine keeps it, for continuing the conversation later. */
  userTurn: ConversationTurn;
}

/** The bare image, without the conversation it may carry (a turn must not nest conversations). */
const bareImage = (image: ImageValue): ImageValue => ({
  bytes: image.bytes,
  mimeType: image.mimeType,
  hash: image.hash,
});

export function toOutgoingPart(part: ConversationPart): OutgoingPart {
  const flags = {
    ...(part.thought !== undefined ? { thought: part.thought } : {}),
    ...(part.thoughtSignature !== undefined ? { thoughtSignature: part.thoughtSignature } : {}),
  };
  if (part.kind === 'text') return { text: part.text, ...flags };
  return { inlineData: { mimeType: part.image.mimeType, data: bytesToBase64(part.image.bytes) }, ...flags };
}

export function toOutgoingContent(turn: ConversationTurn): OutgoingContent {
  return { role: turn.role, parts: turn.parts.map(toOutgoingPart) };
}

export function buildGeminiRequest(request: ImageRequest): Result<BuiltRequest, ProviderError> {
  // A text model's answer: no imageConfig, text only.
  const imageConfig = request.answer ? ok(undefined) : imageConfigFor(request);
  if (!imageConfig.ok) return imageConfig;
  const features = generationFeaturesFor(request);
  if (!features.ok) return features;
  const userTurn: ConversationTurn = {
    role: 'user',
    parts: [
      ...request.references.map((image): ConversationPart => ({ kind: 'image', image: bareImage(image) })),
      ...(request.prompt === '' ? [] : [{ kind: 'text' as const, text: request.prompt }]),
    ],
  };
  const turns = [...(request.history ?? []), userTurn];
  const tooLarge = checkSizes(request, turns);
  if (tooLarge) return err(tooLarge);
  return ok({
    contents: turns.map(toOutgoingContent),
    responseModalities: request.answer
      ? ['TEXT']
      : request.options?.imageOnly
        ? ['IMAGE']
        : ['TEXT', 'IMAGE'],
    ...(imageConfig.value ? { imageConfig: imageConfig.value } : {}),
    features: features.value,
    userTurn,
  });
}

/** Only values the model offers; a value it does not offer is refused before any call. */
function imageConfigFor(request: ImageRequest): Result<ImageConfig | undefined, ProviderError> {
  const model = modelInfo(request.model);
  // The fields this route accepts for this model; an unknown model gets the aspect ratio only
  // (older models reject imageSize).
  const accepted: readonly string[] = model?.catalog.routes.gemini?.imageConfig ?? ['aspectRatio'];
  const config: ImageConfig = {};
  if (request.aspectRatio !== undefined) {
    if (model && !model.aspectRatios.includes(request.aspectRatio)) {
      return err(
        invalid(`${model.id} does not offer aspect ratio ${request.aspectRatio}`, model.aspectRatios),
      );
    }
    if (accepted.includes('aspectRatio')) config.aspectRatio = request.aspectRatio;
  }
  if (request.imageSize !== undefined && model) {
    const sizes: readonly string[] = model.imageSizes;
    if (!sizes.includes(request.imageSize)) {
      return err(invalid(`${model.id} does not offer image size ${request.imageSize}`, sizes));
    }
    // A model with a single size gets none: there is nothing to choose.
    if (sizes.length > 1 && accepted.includes('imageSize')) config.imageSize = request.imageSize;
  }
  return ok(Object.keys(config).length > 0 ? config : undefined);
}

export const invalid = (what: string, allowed: readonly string[]): ProviderError => ({
  code: 'invalid_request',
  message: `${what}; choose one of ${allowed.join(', ')}`,
  retryable: false,
});

function checkSizes(request: ImageRequest, turns: ConversationTurn[]): ProviderError | undefined {
  const tooLarge = (message: string): ProviderError => ({
    code: 'image_too_large',
    message,
    retryable: false,
  });
  const limit = formatMegabytes(MAX_INLINE_IMAGE_BYTES);
  for (const [index, image] of request.references.entries()) {
    if (image.bytes.length > MAX_INLINE_IMAGE_BYTES) {
      return tooLarge(
        `reference image ${index + 1} of ${request.references.length} (${formatMegabytes(image.bytes.length)}) is larger than the ${limit} Gemini accepts per image; use a smaller image`,
      );
    }
  }
  for (const [turnIndex, turn] of (request.history ?? []).entries()) {
    for (const part of turn.parts) {
      if (part.kind === 'image' && part.image.bytes.length > MAX_INLINE_IMAGE_BYTES) {
        return tooLarge(
          `an image in turn ${turnIndex + 1} of the conversation being continued (${formatMegabytes(part.image.bytes.length)}) is larger than the ${limit} Gemini accepts per image; edit without continuing the conversation`,
        );
      }
    }
  }
  const encoder = new TextEncoder();
  let total = 0;
  for (const turn of turns) {
    for (const part of turn.parts) {
      const payload =
        part.kind === 'image' ? base64Length(part.image.bytes.length) : encoder.encode(part.text).length;
      total += payload + (part.thoughtSignature?.length ?? 0);
    }
  }
  if (total > MAX_REQUEST_BYTES) {
    return tooLarge(
      `this request carries ${formatMegabytes(total)} of images and text, over the ${formatMegabytes(MAX_REQUEST_BYTES)} Gemini accepts per request; use fewer or smaller reference images, or edit without continuing the conversation`,
    );
  }
  return undefined;
}
