import { commands as documentCommands, useDocumentStore } from '../store/document-store';
import { nodeById } from '../store/node-index';
import { useViewStore, type ViewState } from '../store/view-store';

/**
 * The edits a node view may make to its own node. Each call is one undo step (typing bursts
 * merge), exactly as the document store's commands of the same names.
 */
export const commands = {
  setParam: (nodeId: string, name: string, value: unknown): void =>
    documentCommands.setParam(nodeId, name, value),
  setParams: (nodeId: string, values: Record<string, unknown>, label?: string): void =>
    documentCommands.setParams(nodeId, values, label),
  /** Opens the image viewer on one of a node's images (with `compareWith`, as a wipe of the two). */
  openViewer: (viewer: NonNullable<ViewState['viewer']>): void => useViewStore.setState({ viewer }),
} as const;

/** A node's params as they are now, outside render (an async handler must not act on a stale render). */
export function currentParams(nodeId: string): Record<string, unknown> | undefined {
  return nodeById(useDocumentStore.getState().doc, nodeId)?.params;
}
