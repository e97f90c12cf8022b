/**
 * Where the API key lives between visits: the PeelStore settings (IndexedDB), and only when the
 * user ticks "remember on this device". Otherwise nothing is written anywhere and the key lives in
 * memory only. localStorage is no longer used; a key an older version left there is moved once.
 */
export interface KeyBackend {
  saveApiKey(key: string, remember: boolean): Promise<{ ok: boolean; error?: { message: string } }>;
  loadApiKey(): Promise<string | undefined>;
}

const LEGACY_KEY = 'peel.apiKey';
let backend: KeyBackend | null = null;
/** The last request made before the store opened: applied once it does. */
let pending: { key: string; remember: boolean } | null = null;
let remembered: string | undefined;
let onFailure: ((message: string) => void) | undefined;

function legacyStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Storage can be disabled (privacy modes).
    return undefined;
  }
}

/** The key loaded from the store at startup (undefined before, or when none is remembered). */
export function loadRememberedKey(): string | undefined {
  return remembered;
}

function write(target: KeyBackend, key: string, remember: boolean): void {
  void target.saveApiKey(key, remember).then((result) => {
    if (!result.ok)
      onFailure?.(
        `Could not ${remember ? 'remember' : 'forget'} the API key: ${result.error?.message ?? 'the write failed'}`,
      );
  });
}

/** Writes the key only when `remember` is on; turning remember off erases the stored copy. */
export function storeKey(key: string, remember: boolean): void {
  remembered = remember && key !== '' ? key : undefined;
  if (backend) write(backend, key, remember);
  else pending = { key, remember };
}

export function forgetKey(): void {
  storeKey('', false);
}

/**
 * Connects the store (at startup). Returns the remembered key, if the user asked for one: a key
 * left in localStorage by an older version is moved into the store (when remembering) and erased.
 */
export async function attachKeyBackend(
  next: KeyBackend | null,
  options: { remember: boolean; onError?: (message: string) => void },
): Promise<string | undefined> {
  backend = next;
  onFailure = options.onError;
  if (!next) return undefined;
  const legacy = legacyStorage()?.getItem(LEGACY_KEY) ?? undefined;
  legacyStorage()?.removeItem(LEGACY_KEY);
  if (pending) {
    const request = pending;
    pending = null;
    write(next, request.key, request.remember);
    return undefined;
  }
  if (!options.remember) return undefined;
  if (legacy) {
    write(next, legacy, true);
    remembered = legacy;
    return legacy;
  }
  remembered = await next.loadApiKey().catch(() => undefined);
  return remembered;
}
