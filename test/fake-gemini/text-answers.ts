/**
 * Answers of text models: plain text, or (structured output) a JSON array honouring the request's
 * `responseSchema` (`type: ARRAY` of `STRING`, `minItems`/`maxItems`, int64 as strings or numbers).
 * The shape is the real one: the JSON travels as the text of one part, `candidatesTokensDetails`
 * counts TEXT tokens, thinking models add `thoughtsTokenCount`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { invalidArgument, type RpcError } from './errors';
import { asRecord, asString, type Json } from './json';
import type { GenerateBody, GenerateContext } from './responses';

const count = (value: unknown): number | undefined => {
  const n = typeof value === 'string' ? Number.parseInt(value, 10) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

function describe(prompt: string): string {
  const p = prompt.replace(/\s+/g, ' ').trim();
  return p.length > 60 ? `${p.slice(0, 57)}...` : p;
}

/** The answer's text, or the 400 the real API gives for a schema it cannot honour. */
export function textAnswer(body: unknown, ctx: GenerateContext): string | RpcError {
  const config = asRecord(asRecord(body).generationConfig);
  const mime = asString(config.responseMimeType);
  const schema = asRecord(config.responseSchema);
  const subject = describe(ctx.info.prompt);
  if (config.responseSchema !== undefined && mime !== 'application/json') {
    // Wording not confirmed against the real API; the status is.
    return invalidArgument('responseSchema requires responseMimeType to be application/json.');
  }
  if (mime !== 'application/json') return `Here is an answer about: ${subject}`;
  const type = String(schema.type ?? '').toUpperCase();
  if (type !== 'ARRAY') return JSON.stringify({ answer: subject });
  const max = count(schema.maxItems) ?? 3;
  const min = Math.min(count(schema.minItems) ?? 0, max);
  // As many as allowed (the fake is generous), never fewer than minItems.
  const length = Math.max(min, max);
  const seed = createHash('sha256').update(ctx.hash).digest('hex').slice(0, 6);
  return JSON.stringify(Array.from({ length }, (_, i) => `Idea ${i + 1} (${seed}): ${subject}`));
}

export function textAnswerBody(ctx: GenerateContext, text: string): GenerateBody {
  const promptText = ctx.info.prompt.length > 0 ? Math.max(1, Math.ceil(ctx.info.prompt.length / 4)) : 0;
  const promptTokens = promptText + ctx.info.inputImages * 258;
  const textTokens = Math.max(1, Math.ceil(text.length / 4));
  const thoughts = ctx.spec.thinking ? 64 : undefined;
  const usageMetadata: Json = {
    promptTokenCount: promptTokens,
    candidatesTokenCount: textTokens,
    totalTokenCount: promptTokens + textTokens + (thoughts ?? 0),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptText }],
    candidatesTokensDetails: [{ modality: 'TEXT', tokenCount: textTokens }],
    ...(thoughts !== undefined ? { thoughtsTokenCount: thoughts } : {}),
  };
  const body: Json = {
    candidates: [{ content: { parts: [{ text }], role: 'model' }, finishReason: 'STOP', index: 0 }],
    usageMetadata,
    modelVersion: ctx.modelId,
    responseId: randomBytes(17).toString('base64url').slice(0, 22),
  };
  return { body, chunks: [body] };
}
