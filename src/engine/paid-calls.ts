import type { CacheEntry } from './cache';
import { ZERO_USAGE } from './cost';
import { sha256HexOfString } from './image/hash';
import type { ImageCallResult } from './provider';
import { type ImageValue, imagesOf } from './values';

/**
 * Every answer paid for is kept under its own key: the node's key plus the call's place in the
 * node's run (variations are asked in a fixed order). A node that fails after some of its calls
 * were paid (the third of four variations refused by the budget, say) then loses nothing: the
 * next run takes the paid answers from here and pays only for the missing ones.
 */
export const paidCallKey = (nodeCacheKey: string, ordinal: number): string =>
  sha256HexOfString(`${nodeCacheKey}/call/${ordinal}`);

/** An answer as a cache entry: its turns ride on its images, as a node's outputs carry them. */
export function paidCallEntry(result: ImageCallResult, provider: string): CacheEntry | undefined {
  if (result.images.length === 0) return undefined;
  const conversation = [result.userTurn, result.modelTurn];
  return {
    outputs: { images: result.images.map((image) => ({ ...image, conversation })), text: result.text },
    usage: result.usage,
    costUsd: result.costUsd,
    provider,
    createdAt: Date.now(),
  };
}

/** The answer back from its entry, costing nothing this time; undefined when the entry is not one. */
export function paidCallFromEntry(entry: CacheEntry): ImageCallResult | undefined {
  const images = entry.outputs.images;
  const text = entry.outputs.text;
  const list = imagesOf(images);
  if (list.length === 0 || typeof text !== 'string') return undefined;
  // Stryker disable next-line ArrayDeclaration: a filler first turn still lacks the second, so it is no entry either
  const [userTurn, modelTurn] = (list[0] as ImageValue).conversation ?? [];
  if (!userTurn || !modelTurn) return undefined;
  return {
    images: list.map(({ conversation: _turns, ...image }) => image),
    text,
    // Billed when it was first made, not now.
    usage: ZERO_USAGE,
    costUsd: 0,
    userTurn,
    modelTurn,
  };
}
