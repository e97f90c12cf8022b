import { type ConnectionState, useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import { create } from 'zustand';

/**
 * The handle a link is being dragged from, for every port row to light up or dim. One watcher
 * reads React Flow's store; the rows read this store, which changes only when a drag starts or
 * ends. (A React Flow subscription per port row ran its selector on every pan and zoom frame:
 * about 1,500 of them in a 500-node graph.)
 */
export interface LinkDrag {
  /** `node\nport\nsource|target`, or '' when no link is being dragged. */
  from: string;
}

export const useLinkDragStore = create<LinkDrag>()(() => ({ from: '' }));

export const draggingFrom = (connection: ConnectionState): string =>
  connection.inProgress
    ? `${connection.fromHandle.nodeId}\n${connection.fromHandle.id ?? ''}\n${connection.fromHandle.type}`
    : '';

/** Lives inside <ReactFlow>: mirrors the link drag into useLinkDragStore. */
export function LinkDragWatcher(): null {
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
