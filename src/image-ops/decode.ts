import { sniffImage } from '../engine/image/sniff';
import type { EncodedImage, ImageOutputType, Rgba } from '../engine/image-ops';
import { err, ok, type PeelError, peelError, type Result } from '../engine/result';
import type { Codecs, RawImage } from './codecs';
import { convertToSrgb } from './colour-management';
import { foreignIccProfile } from './icc-profile';

/** Decoded pixels per image: a 64 MP RGBA image already takes 256 MB. */
export const MAX_DECODED_PIXELS = 64_000_000;
/** Longest side an image tool writes. */
export const MAX_OUTPUT_SIDE = 16_384;
/** Quality for JPEG/WebP outputs of tools that keep the input's type. */
export const DEFAULT_QUALITY = 90;

export const WHITE: Rgba = [255, 255, 255, 255];
export const TRANSPARENT: Rgba = [0, 0, 0, 0];

export interface Decoded {
  pixels: RawImage;
  mimeType: ImageOutputType;
}

const megapixels = (pixels: number) => `${(pixels / 1_000_000).toFixed(1)} MP`;

/** The type from the magic bytes, and the pixel limit checked from the header alone. */
export function checkHeader(image: EncodedImage, role: string): Result<ImageOutputType> {
  const info = sniffImage(image.bytes);
  if (!info.ok) return err(peelError('image_invalid', `${role}: ${info.error.message}`));
  const { width, height, mimeType } = info.value;
  if (width * height > MAX_DECODED_PIXELS) {
    return err(
      peelError(
        'image_too_large',
        `${role} is ${width}x${height} px (${megapixels(width * height)}); image tools decode at most ${megapixels(MAX_DECODED_PIXELS)}. Make it smaller first.`,
      ),
    );
  }
  return ok(mimeType);
}

/** Reads the header first: an oversized image is refused before a byte of it is decoded. */
export async function decodeChecked(
  codecs: Codecs,
  image: EncodedImage,
  role: string,
): Promise<Result<Decoded>> {
  const header = checkHeader(image, role);
  if (!header.ok) return header;
  const mimeType = header.value;
  let pixels: RawImage;
  try {
    pixels = await codecs.decode(image.bytes, mimeType);
  } catch (cause) {
    return err(peelError('image_invalid', `${role} could not be decoded (${describe(cause)})`));
  }
  // A Display P3 (or Adobe RGB...) photo would look washed out if its numbers were taken as sRGB.
  const profile = foreignIccProfile(image.bytes, mimeType);
  if (profile) await convertToSrgb(pixels, profile);
  return ok({ pixels, mimeType });
}

export const describe = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

export async function encode(
  codecs: Codecs,
  pixels: RawImage,
  mimeType: ImageOutputType,
  quality = DEFAULT_QUALITY,
): Promise<EncodedImage> {
  return { bytes: await codecs.encode(pixels, mimeType, quality), mimeType };
}

export function checkOutputSize(width: number, height: number): PeelError | undefined {
  if (width > MAX_OUTPUT_SIDE || height > MAX_OUTPUT_SIDE || width * height > MAX_DECODED_PIXELS)
    return peelError(
      'invalid_params',
      `the output would be ${width}x${height} px; image tools write at most ${MAX_OUTPUT_SIDE} px a side and ${megapixels(MAX_DECODED_PIXELS)}`,
    );
  return undefined;
}
