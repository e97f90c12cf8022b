/**
 * Builds an OpenRouter chat-completions request for one image call. Wire shape read on
 * 2026-12-02 from openrouter.ai/docs/features/multimodal/image-generation and
 * .../multimodal/images: `modalities: ["image", "text"]`, reference images as `image_url`
 * parts holding data URLs, `image_config: { aspect_ratio, image_size }` for Gemini models.
 *
 * A conversation cannot be continued here (see routeKeepsConversation): an Edit that asked to
 * continue one sends the image it edits plus the instruction, and says so.
 */

import { bytesToBase64 } from '../../engine/image/base64';
import { modelInfo } from '../../engine/models';
import type { ImageRequest, ProviderError } from '../../engine/provider';
import { err, ok, type Result } from '../../engine/result';
import { CONVERSATION_NOT_KEPT, routeAcceptsImageConfig, routeModelId } from '../../engine/route-models';
import type { ImageValue } from '../../engine/values';

export type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export interface ChatRequestBody {
  model: string;
  messages: Array<{ role: 'user'; content: ContentPart[] }>;
  modalities: ['image', 'text'];
  image_config?: { aspect_ratio?: string; image_size?: string };
  stream: false;
}

export interface BuiltChatRequest {
  body: ChatRequestBody;
  /** The image the Edit continues from, sent as the first reference (conversation dropped). */
  notice?: string;
  /** Images sent, in order, for the user turn kept with the result. */
  images: ImageValue[];
}

const dataUrl = (image: ImageValue): string => `data:${image.mimeType};base64,${bytesToBase64(image.bytes)}`;

const invalid = (message: string): ProviderError => ({ code: 'invalid_request', message, retryable: false });

/** The last answer image of a conversation: what an Edit that continues it is editing. */
function lastAnswerImage(request: ImageRequest): ImageValue | undefined {
  const turns = request.history ?? [];
  for (let t = turns.length - 1; t >= 0; t--) {
    const turn = turns[t];
    if (turn?.role !== 'model') continue;
    for (let p = turn.parts.length - 1; p >= 0; p--) {
      const part = turn.parts[p];
      if (part?.kind === 'image' && !part.thought) return part.image;
    }
  }
  return undefined;
}

export function buildChatRequest(request: ImageRequest): Result<BuiltChatRequest, ProviderError> {
  const model = routeModelId('openrouter', request.model);
  if (!model) {
    return err(
      invalid(
        `OpenRouter has no id for "${request.model}" in Peel's route table; pick another model or use the gemini or vertex route`,
      ),
    );
  }
  const info = modelInfo(request.model);
  const config: NonNullable<ChatRequestBody['image_config']> = {};
  if (request.aspectRatio !== undefined) {
    if (info && !info.aspectRatios.includes(request.aspectRatio)) {
      return err(invalid(`${request.model} does not offer aspect ratio ${request.aspectRatio}`));
    }
    config.aspect_ratio = request.aspectRatio;
  }
  if (request.imageSize !== undefined && info && info.imageSizes.length > 1) {
    if (!(info.imageSizes as readonly string[]).includes(request.imageSize)) {
      return err(invalid(`${request.model} does not offer image size ${request.imageSize}`));
    }
    if (!routeAcceptsImageConfig('openrouter', request.model, 'imageSize', request.imageSize)) {
      return err(
        invalid(
          `image size ${request.imageSize} cannot be requested through OpenRouter (it forwards 1K, 2K and 4K); pick another size or use the gemini or vertex route`,
        ),
      );
    }
    config.image_size = request.imageSize;
  }
  const continued = request.history && request.history.length > 0 ? lastAnswerImage(request) : undefined;
  const images = continued ? [continued, ...request.references] : [...request.references];
  const content: ContentPart[] = [
    ...images.map((image): ContentPart => ({ type: 'image_url', image_url: { url: dataUrl(image) } })),
    ...(request.prompt === '' ? [] : [{ type: 'text' as const, text: request.prompt }]),
  ];
  return ok({
    body: {
      model,
      messages: [{ role: 'user', content }],
      modalities: ['image', 'text'],
      ...(Object.keys(config).length > 0 ? { image_config: config } : {}),
      stream: false,
    },
    images,
    ...(request.history && request.history.length > 0 ? { notice: CONVERSATION_NOT_KEPT } : {}),
  });
}
