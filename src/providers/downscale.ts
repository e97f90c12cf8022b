/**
 * Oversized references are shrunk before a Gemini call rather than refused. Shrinking needs an
 * image codec (a canvas in the browser), so this module only defines the interface and the
 * policy; the editor supplies the canvas-backed implementation and shows the notices on the node.
 */
import type { PeelError, Result } from '../engine/result';
import { err, ok } from '../engine/result';
import type { ImageValue } from '../engine/values';
import { base64Length, formatMegabytes, MAX_INLINE_IMAGE_BYTES, MAX_REQUEST_BYTES } from './gemini/limits';

export interface ImageDownscaler {
  /**
   * A re-encoded copy of `image` of at most `maxBytes`, with its hash recomputed, or an error
   * (e.g. `image_invalid` when the image cannot be decoded).
   */
  downscale(
    image: ImageValue,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<Result<ImageValue, PeelError>>;
}

export interface FittedReferences {
  references: ImageValue[];
  /** One line per shrunk image, for the node to show. */
  notices: string[];
}

/** Room left in a request for the prompt, the JSON around it and an earlier conversation's text. */
const TEXT_HEADROOM_BYTES = 1024 * 1024;

/** Per-image decoded-bytes target so that every image together fits one request. */
function perImageTarget(references: readonly ImageValue[]): number {
  const totalBase64 = references.reduce((sum, image) => sum + base64Length(image.bytes.length), 0);
  if (totalBase64 <= MAX_REQUEST_BYTES - TEXT_HEADROOM_BYTES) return MAX_INLINE_IMAGE_BYTES;
  const shareBase64 = (MAX_REQUEST_BYTES - TEXT_HEADROOM_BYTES) / Math.max(1, references.length);
  // Whole base64 quartets, so the encoded size stays within the share.
  return Math.min(MAX_INLINE_IMAGE_BYTES, Math.floor(shareBase64 / 4) * 3);
}

export async function fitReferencesForGemini(
  references: readonly ImageValue[],
  downscaler: ImageDownscaler,
  signal?: AbortSignal,
): Promise<Result<FittedReferences, PeelError>> {
  const target = perImageTarget(references);
  const fitted: ImageValue[] = [];
  const notices: string[] = [];
  for (const [index, image] of references.entries()) {
    if (image.bytes.length <= target) {
      fitted.push(image);
      continue;
    }
    const smaller = await downscaler.downscale(image, target, signal);
    if (!smaller.ok) return smaller;
    if (smaller.value.bytes.length > target) {
      return err({
        code: 'image_too_large',
        message: `reference image ${index + 1} (${formatMegabytes(image.bytes.length)}) could not be made smaller than ${formatMegabytes(target)}; use a smaller image`,
      });
    }
    fitted.push(smaller.value);
    notices.push(
      `reference image ${index + 1} was ${formatMegabytes(image.bytes.length)}, over what Gemini accepts; sent a downscaled copy (${formatMegabytes(smaller.value.bytes.length)})`,
    );
  }
  return ok({ references: fitted, notices });
}
