import { imageValueOf } from '../src/engine/assets';
import type { ImageProvider } from '../src/engine/provider';
import { tinyPng } from '../test/helpers/tiny-png';

/** Answers at once with a real tiny PNG: measures the executor, not the network. */
export function instantProvider(): ImageProvider & { calls: number } {
  // Distinct images per call, made up front, so identical downstream requests do not collapse.
  const images = Array.from({ length: 1024 }, (_, i) => imageValueOf(tinyPng(i + 1), 'image/png'));
  const usage = {
    promptTokens: 10,
    imageOutputTokens: 1290,
    textOutputTokens: 0,
    thoughtsTokens: 0,
    totalTokens: 1300,
  };
  const provider = {
    id: 'instant',
    needsApiKey: false,
    calls: 0,
    async generateImage() {
      const image = images[provider.calls % images.length] as (typeof images)[number];
      provider.calls++;
      return {
        ok: true as const,
        value: {
          images: [image],
          text: '',
          usage,
          costUsd: 0,
          userTurn: { role: 'user' as const, parts: [] },
          modelTurn: { role: 'model' as const, parts: [] },
        },
      };
    },
  };
  return provider;
}
