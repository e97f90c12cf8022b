import { checkImageLimits, DEFAULT_IMAGE_LIMITS } from '../../engine/image/limits';
import { sniffImage } from '../../engine/image/sniff';
import type { AssetRef } from '../../engine/workflow';
import { readFileBytes } from '../io/read-file';
import { editorAssets } from './assets';
import { browserDownscaler, type Downscaler } from './downscale';
import { imageAdded } from './image-urls';

export type UploadResult = { ok: true; ref: AssetRef; notice?: string } | { ok: false; message: string };

/** Longest side after downscaling an oversized image: plenty for a reference. */
export const DOWNSCALE_MAX_SIDE = 3072;
/** Beyond this many pixels we refuse rather than decode (a decompression bomb). */
const MAX_DECODE_PIXELS = 250_000_000;

function displayName(name: string | undefined, mimeType: string): string {
  const cleaned = (name ?? '').replace(/[\\/]/g, '_').trim().slice(0, 200);
  if (cleaned !== '') return cleaned;
  return `pasted.${mimeType === 'image/jpeg' ? 'jpg' : mimeType.slice(6)}`;
}

/**
 * Accepts an image file as a reference: the bytes decide the type (magic bytes), never the name.
 * SVG, HTML, empty or corrupt files are refused with a readable message; oversized images are
 * downscaled with a notice.
 */
export async function acceptImageFile(
  file: Blob & { name?: string },
  downscale: Downscaler = browserDownscaler,
): Promise<UploadResult> {
  const label = file.name ? `"${file.name}"` : 'The pasted image';
  let bytes: Uint8Array;
  try {
    bytes = await readFileBytes(file);
  } catch {
    return { ok: false, message: `${label} could not be read` };
  }
  const sniffed = sniffImage(bytes);
  if (!sniffed.ok) return { ok: false, message: `${label} was refused: ${sniffed.error.message}` };
  const info = sniffed.value;
  const limits = checkImageLimits(info, bytes.length);
  let stored: Uint8Array = bytes;
  let mimeType: string = info.mimeType;
  let notice: string | undefined;
  if (!limits.ok) {
    if (info.width * info.height > MAX_DECODE_PIXELS)
      return { ok: false, message: `${label} was refused: ${limits.error.message}` };
    const smaller = await downscale(bytes, info.mimeType, {
      maxSide: DOWNSCALE_MAX_SIDE,
      maxBytes: DEFAULT_IMAGE_LIMITS.maxBytes,
    });
    if ('error' in smaller)
      return { ok: false, message: `${label} was refused: ${limits.error.message} (${smaller.error})` };
    const check = sniffImage(smaller.bytes);
    if (!check.ok) return { ok: false, message: `${label} could not be resized: ${check.error.message}` };
    stored = smaller.bytes;
    mimeType = check.value.mimeType;
    notice = `${label} was ${info.width}x${info.height} px; resized to ${smaller.width}x${smaller.height} px to fit the limits.`;
  }
  // The platform hashes a picked file (up to several MB) without holding up the page.
  const image = await editorAssets.putAsync(stored, mimeType);
  imageAdded(image.hash);
  const ref: AssetRef = { name: displayName(file.name, mimeType), mimeType, hash: image.hash };
  return notice ? { ok: true, ref, notice } : { ok: true, ref };
}
