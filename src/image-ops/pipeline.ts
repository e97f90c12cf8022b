import type { CompositeOp, CropOp, EncodedImage, ImageOpRequest, ResizeOp } from '../engine/image-ops';
import { err, ok, peelError, type Result } from '../engine/result';
import type { Codecs } from './codecs';
import { checkOutputSize, decodeChecked, describe, encode, TRANSPARENT, WHITE } from './decode';
import { draw } from './draw';
import {
  containPlacement,
  coverSourceRect,
  fractionRect,
  gridCells,
  overlayPlacement,
  resizeTarget,
} from './geometry';
import { normalizeCheck } from './normalize-check';
import { blendOver, cropPixels, filled, placeOnto } from './pixels';

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
      case 'draw':
        return await draw(codecs, request);
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
  const check = normalizeCheck(image);
  if (!check.ok) return check;
  if (!check.value.needed) return ok([{ bytes: image.bytes, mimeType: check.value.mimeType }]);
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
