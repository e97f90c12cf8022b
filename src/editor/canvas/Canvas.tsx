import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  type Viewport,
} from '@xyflow/react';
import {
  type DragEvent,
  type MouseEvent as ReactMouseEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { nodeRegistry } from '../../../nodes/registry';
import { withFrameContents } from '../annotations/frame-contents';
import {
  boundaryEdges,
  boundaryNodes,
  isBoundaryId,
  OUTPUTS_MARKER,
  setOutputSource,
} from '../components/boundary';
import { ComponentBreadcrumb } from '../components/ComponentBreadcrumb';
import { carriesFiles, importDroppedFiles } from '../io/drop';
import { compactBodySize } from '../node-ui/compact-size';
import { useThemeStore } from '../settings/theme';
import { commands, useDocumentStore } from '../store/document-store';
import { scopedComponent, scopedView, useEditScopeStore } from '../store/edit-scope';
import { useRunStore } from '../store/run-store';
import { useViewStore, view } from '../store/view-store';
import {
  rememberShownViewport,
  setViewportSource,
  type TabViewport,
  takeViewportRestore,
} from '../tabs/tab-viewports';
import { CanvasMiniMap } from './CanvasMiniMap';
import { checkConnection } from './connection-rules';
import { useWithLoadedViews } from './lazy-node-views';
import { LevelOfDetail } from './level-of-detail';
import { LinkDragWatch } from './link-drag';
import { recordMeasuredSizes, withPendingSizes } from './measured-sizes';
import { defaultParams, NODE_DRAG_MIME } from './node-catalog';
import { nodeTypes } from './node-types';
import { estimateOverviewViewport } from './overview-viewport';
import { placeNewNode } from './place-node';
import {
  type CanvasEdge,
  type CanvasNode,
  createEdgeDeriver,
  createNodeDeriver,
  isKnownType,
} from './rf-adapter';
import { SteadyWheelHandler } from './steady-wheel-handler';

const SNAP: [number, number] = [16, 16];
/** Room around the graph when it is fitted to the view (a fraction of the view). */
const FIT_PADDING = 0.2;
/** Low enough that Fit shows a whole big graph (500 nodes laid out 15,000 px wide need about 0.07). */
const MIN_ZOOM = 0.05;
/** Graphs bigger than this open at an estimated overview zoom before their nodes mount. */
const ESTIMATE_VIEWPORT_ABOVE = 60;
/** A pan or zoom ended: the workflow tab on screen keeps that viewport (tabs/tab-viewports.ts). */
const rememberMoveEnd = (_event: unknown, viewport: Viewport) => rememberShownViewport(viewport);
const NO_NODES: CanvasNode[] = [];
const NO_EDGES: CanvasEdge[] = [];
/** Big graphs render only what is in view; small ones render everything (no pop-in while panning). */
const CULL_ABOVE = 100_000;
const MULTI_SELECT_KEYS = ['Meta', 'Control', 'Shift'];

function clientPoint(event: MouseEvent | TouchEvent): { x: number; y: number } {
  if ('changedTouches' in event) {
    const touch = event.changedTouches[0];
    return { x: touch?.clientX ?? 0, y: touch?.clientY ?? 0 };
  }
  return { x: event.clientX, y: event.clientY };
}

/** The graph canvas: renders the document through React Flow and turns gestures into commands. */
export function Canvas() {
  // Inside an opened component the canvas shows its nodes; edits go to its definition.
  const scopePath = useEditScopeStore((state) => state.path);
  const doc = useDocumentStore((state) => scopedView(state.doc));
  const component = useDocumentStore((state) => scopedComponent(state.doc));
  const selectedNodes = useViewStore((state) => state.selectedNodes);
  const selectedEdges = useViewStore((state) => state.selectedEdges);
  const fitRequest = useViewStore((state) => state.fitRequest);
  const theme = useThemeStore((state) => state.theme);
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const store = useStoreApi();

  // Nodes whose view is still being fetched are held back, so none appears at a stand-in size.
  const shown = useWithLoadedViews(doc);
  const deriveNodes = useMemo(createNodeDeriver, []);
  const deriveEdges = useMemo(createEdgeDeriver, []);
  // Sizes are read, not subscribed to: a new measurement rebuilds no node object (rf-adapter.ts).
  const nodes = useMemo(() => {
    const derived = deriveNodes(shown, selectedNodes, withPendingSizes(useViewStore.getState().measured));
    return component ? [...derived, ...boundaryNodes(component)] : derived;
  }, [deriveNodes, shown, selectedNodes, component]);
  const typeOf = useMemo(() => new Map(shown.nodes.map((node) => [node.id, node.type])), [shown.nodes]);
  const edges = useMemo(() => {
    const derived = deriveEdges(shown, selectedEdges, typeOf);
    return component ? [...derived, ...boundaryEdges(component)] : derived;
  }, [deriveEdges, shown, selectedEdges, typeOf, component]);

  // A workflow tab coming back gets its own pan and zoom instead of a fit (tabs/tab-viewports.ts).
  const restoring = useRef<TabViewport | null>(null);
  useEffect(() => {
    setViewportSource(() => flow.getViewport());
    return () => setViewportSource(null);
  }, [flow]);
  const putBack = useCallback(
    (viewport: TabViewport) => {
      // React Flow's own first fit (the fitView prop) must not come after and undo it.
      store.setState({ fitViewQueued: false });
      void flow.setViewport(viewport);
    },
    [flow, store],
  );

  // A big graph waits one frame for its overview viewport, then mounts once, compact.
  const [fitApplied, setFitApplied] = useState(fitRequest);
  const holdNodes = fitRequest !== fitApplied && doc.nodes.length > ESTIMATE_VIEWPORT_ABOVE;
  useLayoutEffect(() => {
    if (fitRequest === fitApplied) return;
    restoring.current = takeViewportRestore();
    if (restoring.current) putBack(restoring.current);
    else if (doc.nodes.length > ESTIMATE_VIEWPORT_ABOVE) {
      // Fit's own limits and padding (below): where every node's size is known, it lands here.
      const { width, height, minZoom, maxZoom } = store.getState();
      const runs = useRunStore.getState().nodes;
      const viewport = estimateOverviewViewport(
        doc.nodes,
        { width, height },
        { minZoom, maxZoom, padding: FIT_PADDING },
        (node) => compactBodySize(node, runs[node.id]),
      );
      if (viewport) void flow.setViewport(viewport);
    }
    setFitApplied(fitRequest);
  }, [fitRequest, fitApplied, doc.nodes, flow, store, putBack]);

  // A Fit waits for held-back nodes, so it frames the whole document (once per request).
  const allShown = shown === doc;
  const fitDone = useRef(0);
  useEffect(() => {
    if (fitRequest === fitDone.current || !allShown) return;
    const frame = requestAnimationFrame(() => {
      fitDone.current = fitRequest;
      const saved = restoring.current ?? takeViewportRestore();
      restoring.current = null;
      if (saved) putBack(saved);
      else void flow.fitView({ padding: FIT_PADDING });
    });
    return () => cancelAnimationFrame(frame);
  }, [fitRequest, flow, putBack, allShown]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    const moves: { id: string; position: { x: number; y: number } }[] = [];
    let dragging: boolean | undefined;
    const sizes: Record<string, { width: number; height: number }> = {};
    let selection: Set<string> | undefined;
    for (const change of changes) {
      if ('id' in change && isBoundaryId(change.id)) continue;
      if (change.type === 'position' && change.position) {
        moves.push({ id: change.id, position: change.position });
        dragging = change.dragging;
      } else if (change.type === 'dimensions' && change.dimensions) {
        sizes[change.id] = change.dimensions;
      } else if (change.type === 'select') {
        selection ??= new Set(useViewStore.getState().selectedNodes);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
      // 'remove' is ignored: deletion is one command from the keyboard handler.
    }
    if (moves.length > 0) {
      // A frame carries the nodes inside it.
      const doc = scopedView(useDocumentStore.getState().doc);
      const carried = withFrameContents(doc, moves, useViewStore.getState().measured);
      commands.moveNodes(carried, dragging === undefined ? {} : { dragging });
    }
    if (Object.keys(sizes).length > 0) recordMeasuredSizes(sizes);
    if (selection) useViewStore.setState({ selectedNodes: selection });
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<CanvasEdge>[]) => {
    let selection: Set<string> | undefined;
    for (const change of changes) {
      if (change.type !== 'select') continue;
      selection ??= new Set(useViewStore.getState().selectedEdges);
      if (change.selected) selection.add(change.id);
      else selection.delete(change.id);
    }
    if (selection) useViewStore.setState({ selectedEdges: selection });
  }, []);

  const isValidConnection = useCallback(
    (connection: Connection | CanvasEdge) =>
      checkConnection(scopedView(useDocumentStore.getState().doc), connection).ok,
    [],
  );

  const onConnect = useCallback((connection: Connection) => {
    const check = checkConnection(scopedView(useDocumentStore.getState().doc), connection);
    if (!check.ok || !connection.sourceHandle || !connection.targetHandle) return;
    // Onto an opened component's outputs marker: that output reads this port.
    const opened = scopedComponent(useDocumentStore.getState().doc);
    if (opened && connection.target === OUTPUTS_MARKER) {
      setOutputSource(opened.id, connection.targetHandle, {
        node: connection.source,
        port: connection.sourceHandle,
      });
      return;
    }
    commands.connect({
      source: connection.source,
      sourcePort: connection.sourceHandle,
      target: connection.target,
      targetPort: connection.targetHandle,
    });
  }, []);

  /** A link released on empty canvas opens the search popup; the new node arrives connected. */
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (!state.isValid && state.toHandle && state.fromHandle) {
        // Dropped on a handle that refuses it: say why, where the pointer is.
        const from = state.fromHandle;
        const to = state.toHandle;
        const attempt =
          from.type === 'source'
            ? { source: from.nodeId, sourceHandle: from.id, target: to.nodeId, targetHandle: to.id }
            : { source: to.nodeId, sourceHandle: to.id, target: from.nodeId, targetHandle: from.id };
        const check = checkConnection(scopedView(useDocumentStore.getState().doc), attempt);
        const reason =
          from.type === to.type
            ? `${from.type === 'source' ? 'an output' : 'an input'} cannot connect to another ${from.type === 'source' ? 'output' : 'input'}`
            : check.ok
              ? null
              : check.reason;
        if (reason) useViewStore.setState({ refusal: { ...clientPoint(event), reason } });
        return;
      }
      if (state.isValid || state.toNode || !state.fromNode || !state.fromHandle?.id) return;
      const screen = clientPoint(event);
      useViewStore.setState({
        search: {
          screen,
          flow: flow.screenToFlowPosition(screen),
          pending: {
            nodeId: state.fromNode.id,
            port: state.fromHandle.id,
            side: state.fromHandle.type === 'source' ? 'source' : 'target',
          },
        },
      });
    },
    [flow],
  );

  const onDoubleClick = useCallback(
    (event: ReactMouseEvent) => {
      if (!(event.target instanceof Element) || !event.target.classList.contains('react-flow__pane')) return;
      const screen = { x: event.clientX, y: event.clientY };
      useViewStore.setState({ search: { screen, flow: flow.screenToFlowPosition(screen) } });
    },
    [flow],
  );

  // Files dragged over the canvas: say what a drop will do.
  const [fileOver, setFileOver] = useState(false);
  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_DRAG_MIME) && !carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    if (carriesFiles(event)) setFileOver(true);
  }, []);
  const onDragLeave = useCallback((event: DragEvent) => {
    if (!(event.relatedTarget instanceof Node) || !event.currentTarget.contains(event.relatedTarget))
      setFileOver(false);
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      setFileOver(false);
      // A workflow file, or an image carrying one, restores that workflow; plain images become a reference set.
      if ((event.dataTransfer.files?.length ?? 0) > 0 && !event.dataTransfer.types.includes(NODE_DRAG_MIME)) {
        event.preventDefault();
        const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
        void importDroppedFiles([...event.dataTransfer.files], at);
        return;
      }
      const type = event.dataTransfer.getData(NODE_DRAG_MIME);
      if (!type || !isKnownType(type)) return;
      event.preventDefault();
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const params = defaultParams(type as keyof typeof nodeRegistry);
      // Centred on the drop point, never on top of another node.
      const position = placeNewNode(
        scopedView(useDocumentStore.getState().doc),
        type as keyof typeof nodeRegistry,
        params,
        point,
        useViewStore.getState().measured,
      );
      const id = commands.addNode({ type, position, params });
      view.select([id]);
    },
    [flow],
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: canvas gestures; every action also has a keyboard path.
    <div
      className="canvas"
      data-testid="canvas"
      onDoubleClick={onDoubleClick}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      {fileOver && (
        <div className="drop-hint" data-testid="drop-hint">
          Drop a workflow file or a Peel image to open it; other images become a reference set here
        </div>
      )}
      <ComponentBreadcrumb />
      <ReactFlow<CanvasNode, CanvasEdge>
        key={scopePath.join('/')}
        nodes={holdNodes ? NO_NODES : nodes}
        edges={holdNodes ? NO_EDGES : edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        zoomOnDoubleClick={false}
        snapToGrid
        snapGrid={SNAP}
        colorMode={theme}
        minZoom={MIN_ZOOM}
        onMoveEnd={rememberMoveEnd}
        fitView
        onlyRenderVisibleElements={nodes.length > CULL_ABOVE}
      >
        <Background variant={BackgroundVariant.Dots} gap={16} />
        <LevelOfDetail />
        <SteadyWheelHandler />
        <LinkDragWatch />
        <CanvasMiniMap />
        <Controls />
      </ReactFlow>
    </div>
  );
}
