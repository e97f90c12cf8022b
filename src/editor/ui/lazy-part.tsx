import { type ComponentType, use } from 'react';

/**
 * A piece of the editor kept out of the first-paint bundle (see lazy-panels.tsx): its module is
 * fetched on first use, or earlier by `preload()` (the built app preloads the parts once the
 * browser is idle after first paint). Once loaded it renders synchronously, so a Suspense
 * fallback shows at most once, and only if the part is used before its module arrived.
 */
export interface LazyPart<P extends object> {
  /** Suspends (React `use`) until the module has arrived; afterwards a plain component. */
  readonly View: ComponentType<P>;
  readonly preload: () => Promise<unknown>;
  readonly isLoaded: () => boolean;
}

type Fetched<P> = { ok: true; component: ComponentType<P> } | { ok: false; reason: string };

/** What a part shows when its module could not be fetched (offline, or the app was updated meanwhile). */
function PartFailed({ name, reason }: { name: string; reason: string }) {
  return (
    <p className="lazy-part-failed" role="alert">
      Peel could not load {name} ({reason}). Reload the page to try again.
    </p>
  );
}

/**
 * Marks a settled promise the way React's `use` records it, so a part fetched before its first
 * render (preloaded) renders at once instead of suspending for one more tick.
 */
function markFulfilled<T>(promise: Promise<T>, value: T): void {
  Object.assign(promise, { status: 'fulfilled', value });
}

export function lazyPart<P extends object>(name: string, load: () => Promise<ComponentType<P>>): LazyPart<P> {
  let loaded = false;
  let pending: Promise<Fetched<P>> | undefined;
  const preload = (): Promise<Fetched<P>> => {
    pending ??= load()
      .then(
        (component): Fetched<P> => ({ ok: true, component }),
        (cause: unknown): Fetched<P> => ({
          ok: false,
          reason: cause instanceof Error ? cause.message : String(cause),
        }),
      )
      .then((fetched) => {
        loaded = fetched.ok;
        if (pending) markFulfilled(pending, fetched);
        return fetched;
      });
    return pending;
  };
  // biome-ignore lint/correctness/noComponentHookFactories: made once per part at module level, so its identity never changes.
  function View(props: P) {
    // Always through `use`: React needs the same calls on the render after a suspension.
    const fetched = use(preload());
    if (!fetched.ok) return <PartFailed name={name} reason={fetched.reason} />;
    const Part = fetched.component;
    return <Part {...props} />;
  }
  View.displayName = `Lazy(${name})`;
  return { View, preload, isLoaded: () => loaded };
}
