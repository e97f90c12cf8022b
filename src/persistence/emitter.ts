export type Listener<E> = (event: E) => void;

/** The smallest subscribe API the editor needs: subscribe returns its own unsubscribe. */
export interface Emitter<E> {
  emit(event: E): void;
  subscribe(listener: Listener<E>): () => void;
}

export function createEmitter<E>(): Emitter<E> {
  const listeners = new Set<Listener<E>>();
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (cause) {
          // One faulty subscriber must not stop the others from hearing about a failed write.
          queueMicrotask(() => {
            throw cause;
          });
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
