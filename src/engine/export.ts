import { isAssetLike } from './assets';
import { canonicalJson } from './canonical';
import { API_KEY_PATTERN, REMOVED_KEY_TEXT } from './json-guard';
import { toWorkflowFile } from './save';
import type { ImageValue } from './values';
import type { Workflow } from './workflow';

export interface ExportOptions {
  /** Embed reference images (default) or leave them out: a small file, images supplied at replay. */
  embedImages?: boolean;
  getImage?: (hash: string) => ImageValue | undefined;
  /** Secrets that must never leave the machine (the user's API key): removed wherever they appear. */
  secrets?: readonly string[];
}

/** Replaces every secret and anything shaped like a Google API key in one piece of text. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  // The configured key is known exactly: removed whatever its length (a proxy's token can be short).
  for (const secret of secrets) if (secret !== '') out = out.split(secret).join(REMOVED_KEY_TEXT);
  API_KEY_PATTERN.lastIndex = 0;
  return out.replace(API_KEY_PATTERN, REMOVED_KEY_TEXT);
}

/**
 * Redacts every string of a workflow file (values and keys), one value at a time, except the
 * base64 `data` of embedded images: base64 of a photo holds an `AIza` + 35-character run by
 * chance, and "redacting" it would corrupt the image (import skips image data the same way).
 * Image bytes cannot hold a typed secret, so nothing leaks through them.
 */
function redactFileValues(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactFileValues(item, secrets));
  if (value === null || typeof value !== 'object') return value;
  const image = isAssetLike(value);
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      redactSecrets(key, secrets),
      image && key === 'data' ? child : redactFileValues(child, secrets),
    ]),
  );
}

/** The canonical v1 JSON of a workflow, safe to share. */
export function exportWorkflowJson(workflow: Workflow, options: ExportOptions = {}): string {
  const file = toWorkflowFile(workflow, {
    embedImages: options.embedImages ?? true,
    ...(options.getImage ? { getImage: options.getImage } : {}),
  });
  return canonicalJson(redactFileValues(file, options.secrets ?? []) as Record<string, unknown>);
}
