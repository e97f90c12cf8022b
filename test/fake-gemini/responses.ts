/** GenerateContentResponse bodies (success and the 200-status failure shapes). */
import { createHash, randomBytes } from 'node:crypto';
import { makeImage } from './image';
import type { Json } from './json';
import type { ModelSpec } from './models';
import type { RequestInfo } from './request';

export interface GenerateContext {
  modelId: string;
  spec: ModelSpec;
  info: RequestInfo;
  /** sha256 hex of model + request body. */
  hash: string;
}

/** A 200 answer: the unary body and the SSE chunks of the streamed variant. */
export interface GenerateBody {
  body: Json;
  chunks: Json[];
}

const IMAGE_SAFETY_MESSAGE =
  "Unable to show the generated image. The image was filtered out because it violated Google's [Generative AI Prohibited Use policy](https://policies.google.com/terms/generative-ai/use-policy). You will not be charged for blocked images. Try rephrasing the prompt. If you think this was an error, [send feedback](https://ai.google.dev/gemini-api/docs/troubleshooting).";

export function requestHash(modelId: string, body: unknown): string {
  return createHash('sha256')
    .update(`${modelId}\n${JSON.stringify(body)}`)
    .digest('hex');
}

function hashByte(hash: string, i: number): number {
  return Number.parseInt(hash.slice(i * 2, i * 2 + 2), 16) || 0;
}

function newResponseId(): string {
  return randomBytes(17).toString('base64url').slice(0, 22);
}

function promptUsage(ctx: GenerateContext): Json {
  const text = ctx.info.prompt.length > 0 ? Math.max(1, Math.ceil(ctx.info.prompt.length / 4)) : 0;
  const image = ctx.info.inputImages * 258;
  const details: Json[] = [{ modality: 'TEXT', tokenCount: text }];
  if (image > 0) details.push({ modality: 'IMAGE', tokenCount: image });
  return { promptTokenCount: text + image, promptTokensDetails: details };
}

function thoughtsTokens(ctx: GenerateContext): number | undefined {
  return ctx.spec.thinking ? 120 + hashByte(ctx.hash, 1) : undefined;
}

function serviceTier(ctx: GenerateContext): Json {
  return ctx.spec.thinking ? { serviceTier: 'standard' } : {};
}

/** usageMetadata for an answer carrying `imageTokens` image and `textTokens` text output tokens. */
function usage(ctx: GenerateContext, imageTokens: number, textTokens: number): Json {
  const prompt = promptUsage(ctx);
  const thoughts = thoughtsTokens(ctx);
  const candidates = imageTokens + textTokens;
  const details: Json[] = [];
  if (imageTokens > 0) details.push({ modality: 'IMAGE', tokenCount: imageTokens });
  if (textTokens > 0) details.push({ modality: 'TEXT', tokenCount: textTokens });
  return {
    promptTokenCount: prompt.promptTokenCount,
    ...(candidates > 0 ? { candidatesTokenCount: candidates } : {}),
    totalTokenCount: Number(prompt.promptTokenCount) + candidates + (thoughts ?? 0),
    promptTokensDetails: prompt.promptTokensDetails,
    ...(details.length > 0 ? { candidatesTokensDetails: details } : {}),
    ...(thoughts !== undefined ? { thoughtsTokenCount: thoughts } : {}),
    ...serviceTier(ctx),
  };
}

function envelope(ctx: GenerateContext, id: string, fields: Json): Json {
  return { ...fields, modelVersion: ctx.modelId, responseId: id };
}

function candidate(parts: Json[] | undefined, finishReason?: string, extra: Json = {}): Json {
  return {
    content: parts ? { parts, role: 'model' } : {},
    ...(finishReason ? { finishReason } : {}),
    ...extra,
    index: 0,
  };
}

export function thoughtSignature(hash: string): string {
  const one = createHash('sha256').update(`sig:${hash}`).digest();
  return Buffer.concat([one, one, one, one]).toString('base64');
}

function describe(prompt: string): string {
  const p = prompt.replace(/\s+/g, ' ').trim();
  return p.length > 80 ? `${p.slice(0, 77)}...` : p;
}

export function successBody(ctx: GenerateContext, opts: { badBase64?: boolean } = {}): GenerateBody {
  const id = newResponseId();
  const { aspectRatio, imageSize } = ctx.info;
  const image = makeImage(ctx.hash, ctx.spec.outputMime, aspectRatio, imageSize);
  const data = opts.badBase64 ? '!!!notbase64***' : image.bytes.toString('base64');
  const imagePart: Json = {
    inlineData: { mimeType: image.mimeType, data },
    thoughtSignature: thoughtSignature(ctx.hash),
  };
  const text = ctx.info.wantsText ? `Here is the image you asked for: "${describe(ctx.info.prompt)}".` : '';
  const textTokens = text ? Math.ceil(text.length / 4) : 0;
  const imageTokens = ctx.spec.imageTokens(imageSize ?? '1K');
  const parts: Json[] = [];
  // With includeThoughts a thinking model also sends a thought summary (text, `thought: true`).
  if (ctx.spec.thinking && ctx.info.includeThoughts)
    parts.push({
      text: `**Planning the image**\n\nI'll compose "${describe(ctx.info.prompt)}".`,
      thought: true,
    });
  if (ctx.spec.thinking) {
    const draft = makeImage(`draft:${ctx.hash}`, image.mimeType, aspectRatio, imageSize);
    parts.push({
      inlineData: { mimeType: draft.mimeType, data: draft.bytes.toString('base64') },
      thought: true,
    });
  }
  if (text) parts.push({ text });
  parts.push(imagePart);
  const full = usage(ctx, imageTokens, textTokens);
  const grounding: Json = ctx.info.grounded
    ? { groundingMetadata: groundingMetadata(ctx.info.prompt, ctx.info.imageSearch) }
    : {};
  const body = envelope(ctx, id, { candidates: [candidate(parts, 'STOP', grounding)], usageMetadata: full });
  const chunks = parts.map((part) => {
    const partial = part === imagePart ? full : usage(ctx, 0, part.text ? textTokens : 0);
    return envelope(ctx, id, { candidates: [candidate([part])], usageMetadata: partial });
  });
  const last = ctx.spec.thinking
    ? candidate([{ text: '' }], 'STOP', grounding)
    : { content: { role: 'model' }, finishReason: 'STOP', ...grounding, index: 0 };
  chunks.push(envelope(ctx, id, { candidates: [last], usageMetadata: full }));
  return { body, chunks };
}

/**
 * The documented shape of grounding results (webSearchQueries, searchEntryPoint.renderedContent,
 * groundingChunks[].web, and with image search imageSearchQueries and groundingChunks[].image with
 * sourceUri/imageUri/title/domain as the SDKs' GroundingChunkImage names them); the rendered chip
 * here is a stand-in for Google's HTML and CSS.
 */
function groundingMetadata(prompt: string, imageSearch: boolean): Json {
  const query = describe(prompt);
  const imageChunk: Json = {
    image: {
      sourceUri: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-image-page-1',
      imageUri: 'https://images.example.org/fake-1.jpg',
      title: 'A reference photo',
      domain: 'images.example.org',
    },
  };
  return {
    webSearchQueries: [query],
    ...(imageSearch ? { imageSearchQueries: [query] } : {}),
    searchEntryPoint: {
      renderedContent: `<div class="container"><a class="chip" href="https://www.google.com/search?q=${encodeURIComponent(query)}">${query}</a></div>`,
    },
    groundingChunks: [
      {
        web: {
          uri: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-1',
          title: 'example.com',
        },
      },
      ...(imageSearch ? [imageChunk] : []),
    ],
  };
}

function single(body: Json): GenerateBody {
  return { body, chunks: [body] };
}

export function textOnlyBody(ctx: GenerateContext): GenerateBody {
  const text = `I can't create that image, but here is a description instead: ${describe(ctx.info.prompt)}`;
  const u = usage(ctx, 0, Math.ceil(text.length / 4));
  return single(
    envelope(ctx, newResponseId(), { candidates: [candidate([{ text }], 'STOP')], usageMetadata: u }),
  );
}

export function imageSafetyBody(ctx: GenerateContext): GenerateBody {
  const c = candidate(undefined, 'IMAGE_SAFETY', { finishMessage: IMAGE_SAFETY_MESSAGE });
  return single(envelope(ctx, newResponseId(), { candidates: [c], usageMetadata: usage(ctx, 0, 0) }));
}

/** Prompt-only usage, as on NO_IMAGE and prompt-block answers. */
function promptOnlyUsage(ctx: GenerateContext): Json {
  const p = promptUsage(ctx);
  return {
    promptTokenCount: p.promptTokenCount,
    totalTokenCount: p.promptTokenCount,
    promptTokensDetails: p.promptTokensDetails,
    serviceTier: 'standard',
  };
}

export function noImageBody(ctx: GenerateContext): GenerateBody {
  const c = candidate(undefined, 'NO_IMAGE');
  return single(envelope(ctx, newResponseId(), { candidates: [c], usageMetadata: promptOnlyUsage(ctx) }));
}

export function promptBlockBody(ctx: GenerateContext): GenerateBody {
  const feedback = { blockReason: 'PROHIBITED_CONTENT' };
  return single(
    envelope(ctx, newResponseId(), { promptFeedback: feedback, usageMetadata: promptOnlyUsage(ctx) }),
  );
}
