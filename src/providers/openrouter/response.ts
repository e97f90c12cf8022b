/**
 * Maps an OpenRouter chat completion to the engine's result. Shapes read on 2026-12-02:
 * - images: `choices[0].message.images[].image_url.url`, base64 data URLs
 *   (openrouter.ai/docs/features/multimodal/image-generation);
 * - cost: `usage.cost` in credits (1 credit = 1 USD), tokens in `usage.prompt_tokens`,
 *   `completion_tokens`, `completion_tokens_details.{reasoning_tokens,image_tokens}`
 *   (openrouter.ai/docs/use-cases/usage-accounting);
 * - errors after the model started come with HTTP 200 as `{ error: { code, message, metadata } }`
 *   or a choice with `finish_reason: "error"` (openrouter.ai/docs/api/reference/errors-and-debugging).
 * `native_finish_reason` carries Google's finish reason (IMAGE_SAFETY, ...) when OpenRouter
 * passes it on: not confirmed for every upstream, so `content_filter` is read as well.
 */
import { costFromUsage, roundUsd, type Usage } from '../../engine/cost';
import { type HashBytes, platformHashBytes } from '../../engine/hash-bytes';
import { base64ToBytes } from '../../engine/image/base64';
import { sniffImage } from '../../engine/image/sniff';
import type { ImageCallResult, ProviderError } from '../../engine/provider';
import { err, ok, type Result } from '../../engine/result';
import type { ConversationPart, ConversationTurn, ImageValue } from '../../engine/values';
import { fromOpenRouterError } from './errors';

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;

const BLOCKING_REASONS = /SAFETY|PROHIBITED|BLOCKLIST|SPII|RECITATION|content_filter/i;

export interface AnswerContext {
  model: string;
  userTurn: ConversationTurn;
  notice?: string | undefined;
  /** Hashes each image the answer holds (the host's; the platform's when absent). */
  hashBytes?: HashBytes | undefined;
}

export function usageFromOpenRouter(usage: unknown): Usage {
  const u = isRecord(usage) ? usage : {};
  const details = isRecord(u.completion_tokens_details) ? u.completion_tokens_details : {};
  const completion = num(u.completion_tokens);
  const reasoning = num(details.reasoning_tokens);
  const image = num(details.image_tokens);
  const prompt = num(u.prompt_tokens);
  return {
    promptTokens: prompt,
    imageOutputTokens: image,
    textOutputTokens: Math.max(0, completion - image - reasoning),
    thoughtsTokens: reasoning,
    totalTokens: num(u.total_tokens) || prompt + completion,
  };
}

/** What OpenRouter billed: `usage.cost` when present, the catalog's token math only as a fallback. */
export function costFromOpenRouter(model: string, usage: unknown, tokens: Usage): number | null {
  const cost = isRecord(usage) ? usage.cost : undefined;
  if (typeof cost === 'number' && Number.isFinite(cost) && cost >= 0) return roundUsd(cost);
  return costFromUsage(model, tokens);
}

export async function mapOpenRouterAnswer(
  body: unknown,
  context: AnswerContext,
): Promise<Result<ImageCallResult, ProviderError>> {
  if (!isRecord(body)) return err(badResponse('the answer is not a JSON object'));
  const tokens = usageFromOpenRouter(body.usage);
  const billed = { usage: tokens, costUsd: costFromOpenRouter(context.model, body.usage, tokens) };
  if (isRecord(body.error)) return err({ ...fromOpenRouterError(200, body.error, context.model), ...billed });
  const choice = Array.isArray(body.choices) && isRecord(body.choices[0]) ? body.choices[0] : undefined;
  if (!choice) return err({ ...badResponse('the answer has no choices'), ...billed });
  if (isRecord(choice.error))
    return err({ ...fromOpenRouterError(200, choice.error, context.model), ...billed });
  const finish = [choice.native_finish_reason, choice.finish_reason].filter(
    (reason): reason is string => typeof reason === 'string',
  );
  const message = isRecord(choice.message) ? choice.message : {};
  const text = typeof message.content === 'string' ? message.content : '';
  const blocked = finish.find((reason) => BLOCKING_REASONS.test(reason));
  if (blocked) {
    return err({
      code: 'safety_blocked',
      message: `Blocked by the safety filter (${blocked})${text.trim() ? `: ${text.trim()}` : '; try rephrasing the prompt'}`,
      retryable: false,
      ...billed,
    });
  }
  if (finish.includes('error')) {
    return err({
      code: 'unavailable',
      message: 'OpenRouter: the model failed while answering',
      retryable: true,
      ...billed,
    });
  }
  const images: ImageValue[] = [];
  const rawImages = Array.isArray(message.images) ? message.images : [];
  for (const [index, entry] of rawImages.entries()) {
    const url = isRecord(entry) && isRecord(entry.image_url) ? entry.image_url.url : undefined;
    const image = await decodeDataUrl(typeof url === 'string' ? url : '', index, context.hashBytes);
    if (!image.ok) return err({ ...image.error, ...billed });
    images.push(image.value);
  }
  if (images.length === 0) {
    const reason = finish.length > 0 ? ` (${finish.join(', ')})` : '';
    return err({
      code: 'no_image',
      message: `the model returned no image${reason}${text.trim() ? `; it said: "${text.trim()}"` : ''}`,
      retryable: false,
      ...billed,
    });
  }
  const parts: ConversationPart[] = [
    ...(text.trim() ? [{ kind: 'text' as const, text }] : []),
    ...images.map((image): ConversationPart => ({ kind: 'image', image })),
  ];
  return ok({
    images,
    text: text.trim(),
    ...billed,
    userTurn: context.userTurn,
    modelTurn: { role: 'model', parts },
    ...(typeof body.model === 'string' ? { modelVersion: body.model } : {}),
    ...(typeof body.id === 'string' ? { responseId: body.id } : {}),
    ...(context.notice ? { notice: context.notice } : {}),
  });
}

function badResponse(why: string): ProviderError {
  return {
    code: 'bad_response',
    message: `OpenRouter sent an answer Peel cannot read: ${why}`,
    retryable: false,
  };
}

async function decodeDataUrl(
  url: string,
  index: number,
  hashBytes: HashBytes = platformHashBytes,
): Promise<Result<ImageValue, ProviderError>> {
  const undecodable = (why: string) =>
    err<ProviderError>({
      code: 'bad_response',
      message: `OpenRouter sent an image that could not be decoded (image ${index + 1}: ${why})`,
      retryable: false,
    });
  const match = /^data:[^;,]*;base64,(.*)$/s.exec(url);
  if (!match) return undecodable('not a base64 data URL');
  const bytes = base64ToBytes(match[1] ?? '');
  if (!bytes.ok) return undecodable(bytes.error.message);
  const info = sniffImage(bytes.value);
  if (!info.ok) return undecodable(info.error.message);
  return ok({ bytes: bytes.value, mimeType: info.value.mimeType, hash: await hashBytes(bytes.value) });
}
