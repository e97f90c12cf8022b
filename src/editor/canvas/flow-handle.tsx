import { type Edge, type Node, type ReactFlowInstance, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { createContext, type ReactNode, useContext, useRef } from 'react';

/**
 * React Flow's instance for event handlers, without `useReactFlow`'s subscription: that hook
 * re-renders its caller once the viewport is set up (to update `viewportInitialized`), and the
 * toolbar, palette and shortcuts calling it re-rendered about 400 components while a workflow
 * opened. The instance's methods read React Flow's store when called, so the one from the first
 * render keeps working; nothing here reads `viewportInitialized`.
 */
const FlowContext = createContext<{ current: ReactFlowInstance } | null>(null);

/** Inside ReactFlowProvider: the one component that re-renders when the viewport is set up. */
function FlowHandleProvider({ children }: { children: ReactNode }) {
  const flow = useReactFlow();
  const handle = useRef<{ current: ReactFlowInstance } | null>(null);
  if (!handle.current) handle.current = { current: flow };
  handle.current.current = flow;
  // Same handle, same children: nothing under it renders again.
  return <FlowContext.Provider value={handle.current}>{children}</FlowContext.Provider>;
}

/** React Flow's provider and the handle `useFlow` reads: what the editor (and its tests) mount. */
export function EditorFlowProvider({ children }: { children: ReactNode }) {
  return (
    <ReactFlowProvider>
      <FlowHandleProvider>{children}</FlowHandleProvider>
    </ReactFlowProvider>
  );
}

/** React Flow's instance, for handlers and effects; the caller never re-renders because of it. */
export function useFlow<N extends Node = Node, E extends Edge = Edge>(): ReactFlowInstance<N, E> {
  const handle = useContext(FlowContext);
  if (!handle) throw new Error('useFlow needs EditorFlowProvider');
  // One instance serves every node and edge type: the generics only type what callers read.
  return handle.current as unknown as ReactFlowInstance<N, E>;
}
