import { createEmitter } from './emitter';
import { describeCause } from './errors';

export type AutosaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface AutosaveStatus {
  state: AutosaveState;
  /** For the status bar: what happened, and on error what the user can do. */
  message: string;
  /** The failure's code when the save returned one (e.g. `conflict`), so the editor can react. */
  errorCode?: string;
  savedAt?: number;
}

export interface AutosaverOptions<D> {
  /**
   * Writes the document. Throwing or resolving to a failure value (`{ ok: false, error: { code,
   * message } }`, as WorkflowLibrary.save returns) both count as a failed write.
   */
  save: (doc: D) => Promise<unknown>;
  delayMs?: number;
  now?: () => number;
}

export interface Autosaver<D> {
  /** The document changed: save it after `delayMs` of quiet (later calls replace earlier documents). */
  schedule(doc: D): void;
  /** Saves the latest document now (a failed one included) and resolves with the resulting status. */
  flush(): Promise<AutosaveStatus>;
  readonly status: AutosaveStatus;
  subscribe(listener: (status: AutosaveStatus) => void): () => void;
  /** Stops the timer; pending changes are not saved (flush first if they should be). */
  dispose(): void;
}

/**
 * Debounced saving with an honest status. Saves never overlap; a failed save is reported every
 * time (never swallowed) and its document is kept, so the next change or flush retries it.
 */
export function createAutosaver<D>(options: AutosaverOptions<D>): Autosaver<D> {
  const delayMs = options.delayMs ?? 500;
  const now = options.now ?? Date.now;
  const emitter = createEmitter<AutosaveStatus>();
  let status: AutosaveStatus = { state: 'idle', message: 'No changes' };
  let pending: { doc: D } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  let lastSavedAt: number | undefined;

  const setStatus = (next: AutosaveStatus) => {
    status = next;
    emitter.emit(next);
  };
  const clearTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  const saveNow = (): Promise<void> => {
    clearTimer();
    if (inFlight) return inFlight.then(() => (pending ? saveNow() : undefined));
    const job = pending;
    if (!job) return Promise.resolve();
    pending = undefined;
    setStatus({ state: 'saving', message: 'Saving…' });
    inFlight = (async () => {
      try {
        const refusal = failureOf(await options.save(job.doc));
        if (refusal) throw new SaveRefused(refusal.message, refusal.code);
        lastSavedAt = now();
        setStatus(
          pending
            ? { state: 'pending', message: 'Unsaved changes' }
            : { state: 'saved', message: 'All changes saved', savedAt: lastSavedAt },
        );
      } catch (cause) {
        // Keep the document unless a newer one is already waiting; either way the next attempt has it.
        pending ??= job;
        const code = cause instanceof SaveRefused ? cause.code : undefined;
        setStatus({
          state: 'error',
          message: `Not saved: ${cause instanceof SaveRefused ? cause.message : describeCause(cause)}`,
          ...(code !== undefined ? { errorCode: code } : {}),
          ...(lastSavedAt !== undefined ? { savedAt: lastSavedAt } : {}),
        });
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  return {
    schedule(doc) {
      pending = { doc };
      // While an error is showing, keep it visible until the retry resolves it.
      if (status.state !== 'error' && status.state !== 'saving')
        setStatus({ state: 'pending', message: 'Unsaved changes' });
      clearTimer();
      timer = setTimeout(() => void saveNow(), delayMs);
    },
    async flush() {
      await saveNow();
      return status;
    },
    get status() {
      return status;
    },
    subscribe: (listener) => emitter.subscribe(listener),
    dispose: clearTimer,
  };
}

function failureOf(outcome: unknown): { code?: string; message: string } | undefined {
  if (typeof outcome !== 'object' || outcome === null || (outcome as { ok?: unknown }).ok !== false)
    return undefined;
  const error = (outcome as { error?: { code?: unknown; message?: unknown } }).error;
  return {
    message: typeof error?.message === 'string' ? error.message : 'the save was refused',
    ...(typeof error?.code === 'string' ? { code: error.code } : {}),
  };
}

class SaveRefused extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Anything with add/removeEventListener: `window` in the app, an EventTarget in tests. */
export interface HideEventSource {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/**
 * Saves when the page is hidden or unloaded (`pagehide` fires where `unload` is unreliable;
 * `visibilitychange` to hidden is the last event mobile browsers guarantee). Returns an uninstaller.
 */
export function installFlushOnHide(
  autosaver: Pick<Autosaver<unknown>, 'flush'>,
  target: HideEventSource | undefined = (globalThis as { window?: HideEventSource }).window,
  isHidden: () => boolean = () =>
    (globalThis as { document?: { visibilityState?: string } }).document?.visibilityState === 'hidden',
): () => void {
  if (!target) return () => undefined;
  const onPageHide = () => void autosaver.flush();
  const onVisibilityChange = () => {
    if (isHidden()) void autosaver.flush();
  };
  target.addEventListener('pagehide', onPageHide);
  target.addEventListener('visibilitychange', onVisibilityChange);
  return () => {
    target.removeEventListener('pagehide', onPageHide);
    target.removeEventListener('visibilitychange', onVisibilityChange);
  };
}
