import { useCallback, useSyncExternalStore } from 'react';
import { editorAssets } from './assets';

/**
 * hash -> object URL, created when the first component shows the image and revoked when the last
 * one stops (after a grace period, so a re-render that unmounts and remounts does not flicker).
 * Images reach React as these URLs only; never as base64.
 */
interface Entry {
  url: string;
  refs: number;
  revokeTimer?: ReturnType<typeof setTimeout>;
}

const entries = new Map<string, Entry>();
const listeners = new Map<string, Set<() => void>>();
export const REVOKE_GRACE_MS = 2000;

function notify(hash: string): void {
  for (const listener of listeners.get(hash) ?? []) listener();
}

export function retainImageUrl(hash: string): string | undefined {
  const existing = entries.get(hash);
  if (existing) {
    existing.refs++;
    if (existing.revokeTimer) clearTimeout(existing.revokeTimer);
    delete existing.revokeTimer;
    return existing.url;
  }
  const image = editorAssets.getSync(hash);
  if (!image) {
    // Not in memory (e.g. after a reload): load it from storage, then tell waiting components.
    void editorAssets.load(hash).then((found) => {
      if (found) notify(hash);
    });
    return undefined;
  }
  const url = URL.createObjectURL(new Blob([image.bytes as BlobPart], { type: image.mimeType }));
  entries.set(hash, { url, refs: 1 });
  return url;
}

export function releaseImageUrl(hash: string): void {
  const entry = entries.get(hash);
  if (!entry) return;
  entry.refs--;
  if (entry.refs > 0) return;
  entry.revokeTimer = setTimeout(() => {
    if (entry.refs > 0) return;
    URL.revokeObjectURL(entry.url);
    entries.delete(hash);
  }, REVOKE_GRACE_MS);
}

export const peekImageUrl = (hash: string): string | undefined => entries.get(hash)?.url;

/** Call after putting new bytes in `editorAssets`, so components waiting on that hash retry. */
export function imageAdded(hash: string): void {
  notify(hash);
}

/** The object URL for an image hash while the calling component is mounted. */
export function useImageUrl(hash: string | undefined): string | undefined {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!hash) return () => undefined;
      let held = retainImageUrl(hash) !== undefined;
      // Bytes may arrive after mounting (a run output): retry then.
      const retry = () => {
        if (!held) held = retainImageUrl(hash) !== undefined;
        onChange();
      };
      let set = listeners.get(hash);
      if (!set) {
        set = new Set();
        listeners.set(hash, set);
      }
      set.add(retry);
      onChange();
      return () => {
        set.delete(retry);
        if (held) releaseImageUrl(hash);
      };
    },
    [hash],
  );
  const snapshot = useCallback(() => (hash ? peekImageUrl(hash) : undefined), [hash]);
  return useSyncExternalStore(subscribe, snapshot);
}

/** Test and teardown helper: revokes everything now. */
export function revokeAllImageUrls(): void {
  for (const entry of entries.values()) {
    if (entry.revokeTimer) clearTimeout(entry.revokeTimer);
    URL.revokeObjectURL(entry.url);
  }
  entries.clear();
}
