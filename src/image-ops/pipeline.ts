import { sniffImage } from '../engine/image/sniff';
import type {
  CompositeOp,
  CropOp,
  EncodedImage,
  ImageOpRequest,
  ImageOutputType,
  ResizeOp,
  Rgba,
} from '../engine/image-ops';
import { err, ok, type PeelError, peelError, type Result } from '../engine/result';
import type { Codecs, RawImage } from './codecs';
import { jpegOrientation } from './exif-orientation';
import {
  containPlacement,
  coverSourceRect,
  fractionRect,
  gridCells,
  overlayPlacement,
  resizeTarget,
} from './geometry';
import { blendOver, cropPixels, filled, placeOnto } from './pixels';

/** Decoded pixels per image: a 64 MP RGBA image already takes 256 MB. */
export const MAX_DECODED_PIXELS = 64_000_000;
/** Longest side an image tool writes. */
export const MAX_OUTPUT_SIDE = 16_384;
/** Quality for JPEG/WebP outputs of tools that keep the input's type. */
export const DEFAULT_QUALITY = 90;

const WHITE: Rgba = [255, 255, 255, 255];
const TRANSPARENT: Rgba = [0, 0, 0, 0];

interface Decoded {
  pixels: RawImage;
  mimeType: ImageOutputType;
}

const megapixels = (pixels: number) => `${(pixels / 1_000_000).toFixed(1)} MP`;

/** The type from the magic bytes, and the pixel limit checked from the header alone. */
function checkHeader(image: EncodedImage, role: string): Result<ImageOutputType> {
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
async function decodeChecked(codecs: Codecs, image: EncodedImage, role: string): Promise<Result<Decoded>> {
  const header = checkHeader(image, role);
  if (!header.ok) return header;
  const mimeType = header.value;
  try {
    return ok({ pixels: await codecs.decode(image.bytes, mimeType), mimeType });
  } catch (cause) {
    return err(peelError('image_invalid', `${role} could not be decoded (${describe(cause)})`));
  }
}

const describe = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

async function encode(
  codecs: Codecs,
  pixels: RawImage,
  mimeType: ImageOutputType,
  quality = DEFAULT_QUALITY,
): Promise<EncodedImage> {
  return { bytes: await codecs.encode(pixels, mimeType, quality), mimeType };
}

function checkOutputSize(width: number, height: number): PeelError | undefined {
  if (width > MAX_OUTPUT_SIDE || height > MAX_OUTPUT_SIDE || width * height > MAX_DECODED_PIXELS)
    return peelError(
      'invalid_params',
      `the output would be ${width}x${height} px; image tools write at most ${MAX_OUTPUT_SIDE} px a side and ${megapixels(MAX_DECODED_PIXELS)}`,
    );
  return undefined;
}

/** One image-tool request: decode, work the pixels, encode. The same code in Node and in the worker. */
export async function runImageOp(codecs: Codecs, request: ImageOpRequest): Promise<Result<EncodedImage[]>> {
  try {
    switch (request.op) {
      case 'normalize':
        return await normalize(codecs, request.image);
      case 'resize':
        return await resize(codecs, request);
      case 'crop':
        return await crop(codecs, request);
      case 'composite':
        return await composite(codecs, request);
      case 'splitGrid': {
        const input = await decodeChecked(codecs, request.image, 'the image');
        if (!input.ok) return input;
        const cells = gridCells(input.value.pixels, request.rows, request.cols);
        if (cells.some((cell) => cell.width < 1 || cell.height < 1))
          return err(
            peelError('invalid_params', `the image is too small for a ${request.rows}x${request.cols} grid`),
          );
        const out: EncodedImage[] = [];
        for (const cell of cells)
          out.push(await encode(codecs, cropPixels(input.value.pixels, cell), input.value.mimeType));
        return ok(out);
      }
      case 'format': {
        const input = await decodeChecked(codecs, request.image, 'the image');
        if (!input.ok) return input;
        let pixels = input.value.pixels;
        // JPEG has no alpha: flatten onto white rather than let transparent pixels turn black.
        if (request.mimeType === 'image/jpeg') {
          const flat = filled(pixels.width, pixels.height, WHITE);
          blendOver(flat, pixels, 0, 0);
          pixels = flat;
        }
        return ok([await encode(codecs, pixels, request.mimeType, request.quality)]);
      }
    }
  } catch (cause) {
    return err(peelError('internal', `image tool failed: ${describe(cause)}`));
  }
}

/** An upright copy when a JPEG carries an EXIF rotation; otherwise the bytes as they are, undecoded. */
async function normalize(codecs: Codecs, image: EncodedImage): Promise<Result<EncodedImage[]>> {
  const header = checkHeader(image, 'the image');
  if (!header.ok) return header;
  if (header.value !== 'image/jpeg' || jpegOrientation(image.bytes) === 1)
    return ok([{ bytes: image.bytes, mimeType: header.value }]);
  const input = await decodeChecked(codecs, image, 'the image');
  if (!input.ok) return input;
  return ok([await encode(codecs, input.value.pixels, input.value.mimeType)]);
}

async function resize(codecs: Codecs, request: ResizeOp): Promise<Result<EncodedImage[]>> {
  const input = await decodeChecked(codecs, request.image, 'the image');
  if (!input.ok) return input;
  const { pixels, mimeType } = input.value;
  const target = resizeTarget(pixels, request);
  const tooBig = checkOutputSize(target.width, target.height);
  if (tooBig) return err(tooBig);
  if (request.fit === 'fill') {
    return ok([await encode(codecs, await codecs.resize(pixels, target.width, target.height), mimeType)]);
  }
  if (request.fit === 'cover') {
    const region = cropPixels(pixels, coverSourceRect(pixels, target));
    return ok([await encode(codecs, await codecs.resize(region, target.width, target.height), mimeType)]);
  }
  const place = containPlacement(pixels, target);
  const fitted = await codecs.resize(pixels, place.width, place.height);
  const background = request.background ?? (mimeType === 'image/jpeg' ? WHITE : TRANSPARENT);
  const canvas = filled(target.width, target.height, background);
  placeOnto(canvas, fitted, place.x, place.y);
  return ok([await encode(codecs, canvas, mimeType)]);
}

async function crop(codecs: Codecs, request: CropOp): Promise<Result<EncodedImage[]>> {
  const input = await decodeChecked(codecs, request.image, 'the image');
  if (!input.ok) return input;
  const { pixels, mimeType } = input.value;
  return ok([await encode(codecs, cropPixels(pixels, fractionRect(pixels, request)), mimeType)]);
}

async function composite(codecs: Codecs, request: CompositeOp): Promise<Result<EncodedImage[]>> {
  const base = await decodeChecked(codecs, request.base, 'the base image');
  if (!base.ok) return base;
  const overlay = await decodeChecked(codecs, request.overlay, 'the overlay');
  if (!overlay.ok) return overlay;
  const place = overlayPlacement(base.value.pixels, overlay.value.pixels, request);
  const tooBig = checkOutputSize(place.width, place.height);
  if (tooBig) return err(tooBig);
  const scaled =
    place.width === overlay.value.pixels.width && place.height === overlay.value.pixels.height
      ? overlay.value.pixels
      : await codecs.resize(overlay.value.pixels, place.width, place.height);
  blendOver(base.value.pixels, scaled, place.x, place.y, request.opacity);
  return ok([await encode(codecs, base.value.pixels, base.value.mimeType)]);
}
