/**
 * Tidy's layout off the page's main thread: dagre takes about a second for 500 nodes, which on
 * the page would freeze the canvas for that long. The same pure function as the in-page layout.
 */
import { layoutGraph } from './layout';
import type { LayoutReply, LayoutRequest } from './layout-protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutReply): void;
};

scope.onmessage = (event) => {
  const { id, input } = event.data;
  try {
    scope.postMessage({ id, positions: [...layoutGraph(input)] });
  } catch (cause) {
    scope.postMessage({ id, error: cause instanceof Error ? cause.message : String(cause) });
  }
};
