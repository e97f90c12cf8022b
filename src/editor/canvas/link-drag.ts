import { type ConnectionState, useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import { create } from 'zustand';

/**
 * The handle a link is being dragged from, for the handles that light up ('fits') or step back
 * ('refuses'). One subscription to React Flow's store for the whole canvas, not one per node:
 * React Flow's store changes on every pan frame, and every subscription's selector runs then.
 * Nodes read this store instead, which changes only when a link drag starts or ends.
 */
export const useLinkDragStore = create<{ from: string }>()(() => ({ from: '' }));

/** The handle a link is being dragged from, as one string ('' when none). */
export const draggingFrom = (connection: Pick<ConnectionState, 'inProgress' | 'fromHandle'>): string =>
  connection.inProgress && connection.fromHandle
    ? `${connection.fromHandle.nodeId}\n${connection.fromHandle.id ?? ''}\n${connection.fromHandle.type}`
    : '';

export const useLinkFrom = (): string => useLinkDragStore((state) => state.from);

/** Lives inside <ReactFlow>: copies the dragged link's origin into useLinkDragStore. */
export function LinkDragWatch(): null {
  const store = useStoreApi();
  useEffect(() => {
    const sync = () => {
      const from = draggingFrom(store.getState().connection);
      if (from !== useLinkDragStore.getState().from) useLinkDragStore.setState({ from });
    };
    sync();
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.connection !== previous.connection) sync();
    });
    return () => {
      unsubscribe();
      useLinkDragStore.setState({ from: '' });
    };
  }, [store]);
  return null;
}
