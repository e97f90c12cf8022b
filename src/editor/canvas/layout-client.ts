/**
 * Tidy's layout, computed in a Web Worker so a big graph never freezes the canvas (dagre takes
 * about a second for 500 nodes). Only ids, sizes and links cross; positions come back. Where the
 * worker cannot start or stops, the same layout runs on the page (loaded on demand), so Tidy still
 * works, only less smoothly.
 */
import type { Position } from '../../engine/workflow';
import type { LayoutInput } from './layout-input';
import type { LayoutReply, LayoutRequest } from './layout-protocol';

export type LayoutFn = (input: LayoutInput) => Promise<Map<string, Position>>;

/** The layout on the page: the library loads on first use, so it stays out of the first-paint bundle. */
export const layoutInPage: LayoutFn = async (input) => (await import('./layout')).layoutGraph(input);

interface Pending {
  input: LayoutInput;
  resolve: (positions: Map<string, Position>) => void;
  reject: (error: Error) => void;
}

export function createWorkerLayout(makeWorker: () => Worker, fallback: LayoutFn = layoutInPage): LayoutFn {
  let worker: Worker | undefined;
  let broken = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const settleHere = (entry: Pending) => void fallback(entry.input).then(entry.resolve, entry.reject);

  const giveUp = () => {
    broken = true;
    worker?.terminate();
    worker = undefined;
    // What was waiting is laid out here: the answer is the same layout.
    for (const entry of pending.values()) settleHere(entry);
    pending.clear();
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const created = makeWorker();
    created.onmessage = (event: MessageEvent<LayoutReply>) => {
      const entry = pending.get(event.data.id);
      pending.delete(event.data.id);
      if (!entry) return;
      if ('positions' in event.data) entry.resolve(new Map(event.data.positions));
      else entry.reject(new Error(`the layout failed: ${event.data.error}`));
    };
    created.onerror = giveUp;
    worker = created;
    return created;
  };

  return (input) =>
    new Promise((resolve, reject) => {
      const entry = { input, resolve, reject };
      if (broken) {
        settleHere(entry);
        return;
      }
      const id = nextId++;
      pending.set(id, entry);
      try {
        const message: LayoutRequest = { id, input };
        ensureWorker().postMessage(message);
      } catch {
        giveUp();
      }
    });
}

let editorLayout: LayoutFn | undefined;

/** The editor's layout: in the worker where workers exist (browsers), on the page otherwise (test DOMs). */
export function editorWorkerLayout(input: LayoutInput): Promise<Map<string, Position>> {
  editorLayout ??=
    typeof Worker === 'undefined'
      ? layoutInPage
      : createWorkerLayout(
          () =>
            new Worker(new URL('./layout-worker.ts', import.meta.url), {
              type: 'module',
              name: 'peel-layout',
            }),
        );
  return editorLayout(input);
}
