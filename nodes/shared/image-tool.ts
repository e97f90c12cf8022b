import { platformHashBytes } from '../../src/engine/hash-bytes';
import type { ImageOpRequest, ImageOps, Rgba } from '../../src/engine/image-ops';
import { err, ok, peelError, type Result } from '../../src/engine/result';
import { type ImageValue, imagesOf, isImageValue, type PortValue } from '../../src/engine/values';

/**
 * Runs one image-tool request and turns its encoded outputs into content-addressed images (the
 * engine's ImageOps has hashed them with the host's HashBytes; the platform's hash otherwise).
 */
export async function runImageTool(
  imageOps: ImageOps,
  request: ImageOpRequest,
  signal: AbortSignal,
): Promise<Result<ImageValue[]>> {
  const outcome = await imageOps.run(request, signal);
  if (!outcome.ok) return outcome;
  const images = await Promise.all(
    outcome.value.map(
      async (image): Promise<ImageValue> => ({
        bytes: image.bytes,
        mimeType: image.mimeType,
        hash: image.hash ?? (await platformHashBytes(image.bytes)),
      }),
    ),
  );
  return ok(images);
}

export function requireImage(value: PortValue | undefined, port: string): Result<ImageValue> {
  if (isImageValue(value)) return ok(value);
  const [first] = imagesOf(value);
  if (first) return ok(first);
  return err(peelError('missing_input', `no image arrived on "${port}"`));
}

export function firstImage(images: ImageValue[]): Result<ImageValue> {
  const [first] = images;
  return first ? ok(first) : err(peelError('internal', 'the image tool returned no image'));
}

/** "#rgb", "#rrggbb" or "#rrggbbaa" to RGBA; undefined when malformed. */
export function parseHexColour(text: string): Rgba | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(text.trim())?.[1];
  if (!hex) return undefined;
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
  const channel = (index: number) => Number.parseInt(full.slice(index * 2, index * 2 + 2), 16);
  return [channel(0), channel(1), channel(2), full.length === 8 ? channel(3) : 255];
}

export const HEX_COLOUR = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
