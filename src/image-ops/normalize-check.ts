import type { EncodedImage, ImageOutputType } from '../engine/image-ops';
import { ok, type Result } from '../engine/result';
import { checkHeader } from './decode';
import { jpegOrientation } from './exif-orientation';
import { foreignIccProfile } from './icc-profile';

export interface NormalizeCheck {
  mimeType: ImageOutputType;
  /** False when the bytes are already upright and sRGB: normalizing returns them unchanged. */
  needed: boolean;
}

/**
 * What normalizing an image would do, from its header and metadata alone (no decoding): cheap
 * enough for the editor's main thread, so an upright image is never sent to the worker at all.
 */
export function normalizeCheck(image: EncodedImage): Result<NormalizeCheck> {
  const header = checkHeader(image, 'the image');
  if (!header.ok) return header;
  const rotated = header.value === 'image/jpeg' && jpegOrientation(image.bytes) !== 1;
  const foreignColours = foreignIccProfile(image.bytes, header.value) !== undefined;
  return ok({ mimeType: header.value, needed: rotated || foreignColours });
}
