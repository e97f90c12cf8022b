import { type ComponentType, useEffect, useSyncExternalStore } from 'react';

/**
 * A piece of the editor kept out of the first-paint bundle (see lazy-panels.tsx): its module is
 * fetched on first use, or earlier by `preload()` (the built app preloads the parts once the
 * browser is idle after first paint). Once fetched it renders in the same pass as its parent.
 * Plain state rather than Suspense: the caller decides what stands in while it is on its way.
 */
export type Fetched<P> = { ok: true; component: ComponentType<P> } | { ok: false; reason: string };

export interface LazyPart<P extends object> {
  readonly preload: () => Promise<void>;
  readonly isLoaded: () => boolean;
  /** The part once fetched, else undefined; with `fetch`, starts fetching it. */
  readonly useFetched: (fetch: boolean) => Fetched<P> | undefined;
}

/** What a part shows when its module could not be fetched (offline, or the app was updated meanwhile). */
export function PartFailed({ name, reason }: { name: string; reason: string }) {
  return (
    <p className="lazy-part-failed" role="alert">
      Peel could not load {name} ({reason}). Reload the page to try again.
    </p>
  );
}

export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): LazyPart<P> {
  let fetched: Fetched<P> | undefined;
  let pending: Promise<void> | undefined;
  const listeners = new Set<() => void>();
  const preload = (): Promise<void> => {
    pending ??= load()
      .then(
        (component): Fetched<P> => ({ ok: true, component }),
        (cause: unknown): Fetched<P> => ({
          ok: false,
          reason: cause instanceof Error ? cause.message : String(cause),
        }),
      )
      .then((result) => {
        fetched = result;
        for (const listener of listeners) listener();
      });
    return pending;
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const snapshot = () => fetched;
  return {
    preload,
    isLoaded: () => fetched?.ok === true,
    useFetched(fetch: boolean) {
      const current = useSyncExternalStore(subscribe, snapshot, snapshot);
      // biome-ignore lint/correctness/useExhaustiveDependencies: preload is made once per part and never changes.
      useEffect(() => {
        if (fetch && !current) void preload();
      }, [fetch, current]);
      return current;
    },
  };
}
