/**
 * The preview provider: free, offline and deterministic. It answers like Gemini (images, text,
 * conversation turns) with a placeholder PNG, so a whole workflow can be tried before paying.
 * Engine-safe: no DOM and no Node built-ins, so it runs in the browser and the CLI.
 */
import { conversationHash } from '../../engine/cache-key';
import { ZERO_USAGE } from '../../engine/cost';
import { sha256Hex, sha256HexOfString } from '../../engine/image/hash';
import type { ImageProvider, ImageRequest } from '../../engine/provider';
import { err, ok } from '../../engine/result';
import type { ConversationTurn, ImageValue } from '../../engine/values';
import { renderPlaceholderPng } from './render';

export const PREVIEW_PROVIDER_ID = 'preview';
export const PREVIEW_MODEL_VERSION = 'peel-preview-1';

/** Same request, same bytes: everything that shapes the answer goes into the seed. */
function requestSeed(request: ImageRequest): string {
  return sha256HexOfString(
    JSON.stringify([
      request.model,
      request.prompt,
      request.references.map((image) => image.hash),
      request.aspectRatio ?? null,
      request.imageSize ?? null,
      request.history && request.history.length > 0 ? conversationHash(request.history) : null,
    ]),
  );
}

export function createPreviewProvider(): ImageProvider {
  return {
    id: PREVIEW_PROVIDER_ID,
    needsApiKey: false,
    free: true,
    async generateImage(request, { signal }) {
      if (signal.aborted) return err({ code: 'cancelled', message: 'cancelled' });
      const seed = requestSeed(request);
      if (request.answer) return ok(previewTextAnswer(request, seed));
      const turn = (request.history ?? []).filter((t) => t.role === 'user').length + 1;
      const bytes = renderPlaceholderPng({
        prompt: request.prompt,
        aspectRatio: request.aspectRatio,
        seed,
        footer:
          `${request.model} ${request.aspectRatio ?? '1:1'} ${request.imageSize ?? ''} turn ${turn}`.replace(
            /\s+/g,
            ' ',
          ),
      });
      const image: ImageValue = { bytes, mimeType: 'image/png', hash: sha256Hex(bytes) };
      const text = `Preview image for: ${request.prompt}`;
      const userTurn: ConversationTurn = {
        role: 'user',
        parts: [
          ...request.references.map((ref) => ({
            kind: 'image' as const,
            image: { bytes: ref.bytes, mimeType: ref.mimeType, hash: ref.hash },
          })),
          { kind: 'text', text: request.prompt },
        ],
      };
      const modelTurn: ConversationTurn = {
        role: 'model',
        parts: [
          { kind: 'text', text },
          { kind: 'image', image },
        ],
      };
      return ok({
        images: [image],
        text,
        usage: ZERO_USAGE,
        costUsd: 0,
        userTurn,
        modelTurn,
        modelVersion: PREVIEW_MODEL_VERSION,
        responseId: `preview-${seed.slice(0, 16)}`,
      });
    },
  };
}

/** A text model's answer in preview: the instruction echoed, or a numbered list of the asked length. */
function previewTextAnswer(request: ImageRequest, seed: string) {
  const subject = request.prompt.replace(/\s+/g, ' ').trim().slice(0, 60);
  const text =
    request.answer?.kind === 'list'
      ? JSON.stringify(
          Array.from({ length: request.answer.maxItems }, (_, i) => `Preview ${i + 1}: ${subject}`),
        )
      : `Preview answer: ${subject}`;
  const userTurn: ConversationTurn = { role: 'user', parts: [{ kind: 'text', text: request.prompt }] };
  const modelTurn: ConversationTurn = { role: 'model', parts: [{ kind: 'text', text }] };
  return {
    images: [],
    text,
    usage: ZERO_USAGE,
    costUsd: 0,
    userTurn,
    modelTurn,
    modelVersion: PREVIEW_MODEL_VERSION,
    responseId: `preview-${seed.slice(0, 16)}`,
  };
}
