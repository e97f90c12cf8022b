/** Re-encodes an oversized image smaller in the browser (createImageBitmap + canvas). */
export interface Downscaled {
  bytes: Uint8Array;
  width: number;
  height: number;
}

export type Downscaler = (
  bytes: Uint8Array,
  mimeType: string,
  target: { maxSide: number; maxBytes: number },
) => Promise<Downscaled | { error: string }>;

async function encode(
  bitmap: ImageBitmap,
  width: number,
  height: number,
  type: string,
  quality: number,
): Promise<Blob | null> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type, quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

export const browserDownscaler: Downscaler = async (bytes, mimeType, target) => {
  if (typeof createImageBitmap !== 'function') return { error: 'this browser cannot resize images' };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type: mimeType }));
  } catch {
    return { error: 'the image could not be decoded to resize it' };
  }
  try {
    let scale = Math.min(1, target.maxSide / Math.max(bitmap.width, bitmap.height));
    // PNG keeps transparency when it fits; otherwise JPEG at falling quality and size.
    const attempts: { type: string; quality: number }[] = [
      ...(mimeType === 'image/png' ? [{ type: 'image/png', quality: 1 }] : []),
      { type: 'image/jpeg', quality: 0.9 },
      { type: 'image/jpeg', quality: 0.8 },
    ];
    for (let round = 0; round < 4; round++) {
      const width = Math.max(1, Math.round(bitmap.width * scale));
      const height = Math.max(1, Math.round(bitmap.height * scale));
      for (const attempt of attempts) {
        const blob = await encode(bitmap, width, height, attempt.type, attempt.quality);
        if (blob && blob.size <= target.maxBytes)
          return { bytes: new Uint8Array(await blob.arrayBuffer()), width, height };
      }
      scale *= 0.7;
    }
    return { error: 'the image stays too large even when resized' };
  } finally {
    bitmap.close();
  }
};
