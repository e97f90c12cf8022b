/**
 * The user's model overrides in the browser: stored as the JSON file they imported (no secrets),
 * applied to the catalog at start and on import. Invalid stored text is ignored, never half-applied.
 */
import { type ModelOverridesFile, parseModelOverrides, setModelOverrides } from '../../engine/catalog';
import type { PeelError } from '../../engine/result';

const STORAGE_KEY = 'peel.modelOverrides';

export function applyStoredModelOverrides(): void {
  try {
    const text = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!text) return;
    const parsed = parseModelOverrides(text, 'stored model overrides');
    if (parsed.ok) setModelOverrides(parsed.value);
  } catch {
    // Unavailable storage: the built-in catalog stands.
  }
}

/** Validates and applies an imported file; on any problem nothing changes. */
export function importModelOverrides(text: string, fileName: string): PeelError[] {
  const parsed = parseModelOverrides(text, fileName);
  if (!parsed.ok) return parsed.error;
  setModelOverrides(parsed.value);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(parsed.value));
  } catch {
    // Applied for this session even if it cannot be remembered.
  }
  return [];
}

export function clearModelOverrides(): void {
  setModelOverrides(undefined);
  try {
    globalThis.localStorage?.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}

/** What Export writes: the active overrides, or a starting template. */
export function overridesForExport(current: ModelOverridesFile | undefined): string {
  const file: ModelOverridesFile = current ?? {
    read: new Date().toISOString().slice(0, 10),
    note: 'Prices in USD per 1M tokens; limits and extra models as in `peel models --json`.',
    models: {},
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
