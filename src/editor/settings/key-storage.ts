/**
 * Where the API key lives between visits. Only when the user ticks "remember on this device";
 * otherwise nothing is written anywhere and the key lives in memory only. The lead may swap this
 * for Dexie settings: keep the three functions.
 */
const KEY = 'peel.apiKey';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Storage can be disabled (privacy modes); the key then stays in memory.
    return undefined;
  }
}

export function loadRememberedKey(): string | undefined {
  return storage()?.getItem(KEY) ?? undefined;
}

/** Writes the key only when `remember` is on; turning remember off erases the stored copy. */
export function storeKey(key: string, remember: boolean): void {
  const store = storage();
  if (!store) return;
  if (remember && key !== '') store.setItem(KEY, key);
  else store.removeItem(KEY);
}

export function forgetKey(): void {
  storage()?.removeItem(KEY);
}
