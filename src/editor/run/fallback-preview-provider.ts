import { imageValueOf } from '../../engine/assets';
import { ZERO_USAGE } from '../../engine/cost';
import { sha256Hex } from '../../engine/image/hash';
import { makeTestPng } from '../../engine/image/test-images';
import type { ImageProvider } from '../../engine/provider';
import { ok } from '../../engine/result';

/**
 * Used only while `src/providers` has no `createProvider` yet: a free, offline provider that
 * answers every request with a small solid-colour PNG derived from the prompt.
 */
export function createFallbackPreviewProvider(): ImageProvider {
  return {
    id: 'preview',
    needsApiKey: false,
    async generateImage(request) {
      const digest = sha256Hex(new TextEncoder().encode(`${request.prompt}|${request.references.length}`));
      const channel = (offset: number) => Number.parseInt(digest.slice(offset, offset + 2), 16);
      const bytes = makeTestPng({ width: 64, height: 64, rgba: [channel(0), channel(2), channel(4), 255] });
      const image = imageValueOf(bytes, 'image/png');
      return ok({
        images: [image],
        text: '',
        usage: ZERO_USAGE,
        costUsd: 0,
        userTurn: { role: 'user', parts: [{ kind: 'text', text: request.prompt }] },
        modelTurn: { role: 'model', parts: [{ kind: 'image', image }] },
      });
    },
  };
}
