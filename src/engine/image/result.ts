/**
 * Local result type for the image module. Expected failures (bad input, limits, corrupt
 * metadata) are returned as values; exceptions are reserved for programming errors.
 */

export interface ImageError {
  /** Stable machine-readable code, e.g. `corrupt_image` or `metadata_too_large`. */
  readonly code: string;
  /** Human-readable explanation suitable for showing to a user. */
  readonly message: string;
}

export type Result<T, E extends ImageError = ImageError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function err(code: string, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
