/**
 * Maps a Gemini answer to the engine's result: images and text on success, or a value saying
 * why there is no image (safety block, prompt block, no image, undecodable image). Never an
 * empty success: an answer without an image is always an error the user can read.
 */
import { type HashBytes, platformHashBytes } from '../../engine/hash-bytes';
import { base64ToBytes } from '../../engine/image/base64';
import { sniffImage } from '../../engine/image/sniff';
import type { ImageCallResult, ProviderError } from '../../engine/provider';
import { err, ok, type Result } from '../../engine/result';
import type { ConversationPart, ConversationTurn, ImageValue } from '../../engine/values';
import { groundingFrom } from './grounding';
import { billedUsage } from './usage';
import type { WirePart, WireResponse } from './wire';

/** Finish reasons meaning a filter withheld the answer (a retry would be blocked again). */
const BLOCKING_FINISH_REASONS = new Set([
  'SAFETY',
  'IMAGE_SAFETY',
  'PROHIBITED_CONTENT',
  'IMAGE_PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
  'RECITATION',
  'IMAGE_RECITATION',
]);

export interface AnswerContext {
  model: string;
  userTurn: ConversationTurn;
  /** A text model's answer was asked for: text is the answer, no image expected. */
  textAnswer?: boolean;
  /** Hashes each image the answer holds (the host's; the platform's when absent). */
  hashBytes?: HashBytes | undefined;
}

export async function mapGeminiResponse(
  response: WireResponse,
  context: AnswerContext,
): Promise<Result<ImageCallResult, ProviderError>> {
  const candidate = response.candidates?.[0] ?? undefined;
  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason) {
    const why = response.promptFeedback?.blockReasonMessage;
    return err({
      code: 'safety_blocked',
      message: `Blocked by Gemini's safety filter (${blockReason}): the prompt was refused${why ? `. ${why}` : ''}`,
      retryable: false,
      ...billedUsage(context.model, response.usageMetadata, false),
    });
  }
  const finishReason = candidate?.finishReason ?? undefined;
  if (finishReason && BLOCKING_FINISH_REASONS.has(finishReason)) {
    const finishMessage = candidate?.finishMessage;
    return err({
      code: 'safety_blocked',
      message: `Blocked by Gemini's safety filter (${finishReason})${finishMessage ? `: ${finishMessage}` : '; try rephrasing the prompt'}`,
      retryable: false,
      ...billedUsage(context.model, response.usageMetadata, false),
    });
  }
  const parts = await readParts(candidate?.content?.parts ?? [], context.hashBytes ?? platformHashBytes);
  if (!parts.ok) {
    return err({ ...parts.error, ...billedUsage(context.model, response.usageMetadata, true) });
  }
  const images: ImageValue[] = [];
  const thoughtImages: ImageValue[] = [];
  const texts: string[] = [];
  for (const part of parts.value) {
    if (part.thought) {
      // Interim images and thinking are not the answer; the images may be shown as thoughts.
      if (part.kind === 'image') thoughtImages.push(part.image);
      continue;
    }
    if (part.kind === 'image') images.push(part.image);
    else if (part.text.trim() !== '') texts.push(part.text);
  }
  const text = texts.join('\n');
  const grounding = groundingFrom(candidate?.groundingMetadata);
  const billed = billedUsage(context.model, response.usageMetadata, images.length > 0);
  if (context.textAnswer) {
    if (text.trim() === '') {
      const reason = finishReason && finishReason !== 'STOP' ? ` (${finishReason})` : '';
      return err({
        code: 'bad_response',
        message: `the model returned no text${reason}`,
        retryable: false,
        ...billed,
      });
    }
    return ok({
      images: [],
      text,
      ...billed,
      userTurn: context.userTurn,
      modelTurn: { role: 'model', parts: parts.value },
      ...(response.modelVersion ? { modelVersion: response.modelVersion } : {}),
      ...(response.responseId ? { responseId: response.responseId } : {}),
      ...(grounding ? { grounding } : {}),
    });
  }
  if (images.length === 0) {
    const reason = finishReason && finishReason !== 'STOP' ? ` (${finishReason})` : '';
    const said = text ? `; it said: "${text}"` : '';
    return err({
      code: 'no_image',
      message: `the model returned no image${reason}${said}`,
      retryable: false,
      ...billed,
    });
  }
  return ok({
    images,
    text,
    ...billed,
    userTurn: context.userTurn,
    // Every part is kept, thoughts and signatures included: Gemini 3 requires them on replay.
    // Grounding rides on the turn so it is cached and shown with the answer (never replayed).
    modelTurn: { role: 'model', parts: parts.value, ...(grounding ? { grounding } : {}) },
    ...(response.modelVersion ? { modelVersion: response.modelVersion } : {}),
    ...(response.responseId ? { responseId: response.responseId } : {}),
    ...(grounding ? { grounding } : {}),
    ...(thoughtImages.length > 0 ? { thoughtImages } : {}),
  });
}

async function readParts(
  wireParts: readonly (WirePart | null)[],
  hashBytes: HashBytes,
): Promise<Result<ConversationPart[], ProviderError>> {
  const parts: ConversationPart[] = [];
  for (const [index, part] of wireParts.entries()) {
    if (!part) continue;
    const flags = {
      ...(part.thought ? { thought: true } : {}),
      ...(part.thoughtSignature ? { thoughtSignature: part.thoughtSignature } : {}),
    };
    if (part.inlineData) {
      const image = await decodeImage(part.inlineData.data ?? '', index, hashBytes);
      if (!image.ok) return image;
      parts.push({ kind: 'image', image: image.value, ...flags });
    } else if (typeof part.text === 'string') {
      parts.push({ kind: 'text', text: part.text, ...flags });
    }
    // Other part kinds (code execution, function calls) are not asked for by an image request.
  }
  return ok(parts);
}

async function decodeImage(
  data: string,
  partIndex: number,
  hashBytes: HashBytes,
): Promise<Result<ImageValue, ProviderError>> {
  const undecodable = (why: string) =>
    err<ProviderError>({
      code: 'bad_response',
      message: `Gemini sent an image that could not be decoded (answer part ${partIndex + 1}: ${why})`,
      retryable: false,
    });
  const bytes = base64ToBytes(data);
  if (!bytes.ok) return undecodable(bytes.error.message);
  // The declared MIME type is not trusted: the bytes say what the image is.
  const info = sniffImage(bytes.value);
  if (!info.ok) return undecodable(info.error.message);
  return ok({ bytes: bytes.value, mimeType: info.value.mimeType, hash: await hashBytes(bytes.value) });
}
