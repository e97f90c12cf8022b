/**
 * Request size limits of the Gemini API for inline data: a request over them is refused by
 * Google after the upload, so Peel refuses it before sending (and the editor downscales first).
 */
const MB = 1024 * 1024;

/** Largest single inline image Gemini accepts (decoded bytes). */
export const MAX_INLINE_IMAGE_BYTES = 7 * MB;

/** Largest whole request body, counted as the base64 text of every inline image plus the text. */
export const MAX_REQUEST_BYTES = 20 * MB;

export const base64Length = (byteLength: number): number => Math.ceil(byteLength / 3) * 4;

export function formatMegabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}
