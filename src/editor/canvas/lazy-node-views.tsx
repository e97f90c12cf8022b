import { type ComponentType, memo, useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { NodeType } from '../../../nodes/registry';
import type { Workflow } from '../../engine/workflow';
import type { NodeViewProps } from '../node-kit';

/**
 * Node views outside the starter templates' common set (prompt, generate, edit, export,
 * reference set, image input) are not part of first paint: each is its own chunk, fetched when a
 * document shows that type or when the browser is idle after first paint (preload.ts).
 *
 * No node ever shows a stand-in body that later grows: the canvas holds a node back (with its
 * links) until its view has arrived, then it appears at its real size, and a Fit waits for it.
 * In practice the wait is one local fetch, on the first document that uses the type.
 */
const LOADERS = {
  annotate: () => import('../../../nodes/annotate/View').then((m) => m.AnnotateView),
  collect: () => import('../../../nodes/collect/View').then((m) => m.CollectView),
  compare: () => import('../../../nodes/compare/View').then((m) => m.CompareView),
  composite: () => import('../../../nodes/composite/View').then((m) => m.CompositeView),
  crop: () => import('../../../nodes/crop/View').then((m) => m.CropView),
  format: () => import('../../../nodes/format/View').then((m) => m.FormatView),
  list: () => import('../../../nodes/list/View').then((m) => m.ListView),
  pick: () => import('../../../nodes/pick/View').then((m) => m.PickView),
  resize: () => import('../../../nodes/resize/View').then((m) => m.ResizeView),
  sketch: () => import('../../../nodes/sketch/View').then((m) => m.SketchView),
  splitGrid: () => import('../../../nodes/splitGrid/View').then((m) => m.SplitGridView),
  template: () => import('../../../nodes/template/View').then((m) => m.TemplateView),
  textModel: () => import('../../../nodes/textModel/View').then((m) => m.TextModelView),
} satisfies Partial<Record<NodeType, () => Promise<ComponentType<NodeViewProps>>>>;

export type LazyViewType = keyof typeof LOADERS;
export const LAZY_VIEW_TYPES = Object.keys(LOADERS) as LazyViewType[];

const isLazyType = (type: string): type is LazyViewType => Object.hasOwn(LOADERS, type);

const loadedViews = new Map<LazyViewType, ComponentType<NodeViewProps>>();
const pending = new Map<LazyViewType, Promise<void>>();

/** Bumped whenever a view arrives (or fails), so the canvas re-derives what it shows. */
const useViewArrivals = create<{ count: number; failed: ReadonlySet<string> }>()(() => ({
  count: 0,
  failed: new Set(),
}));

/** Whether nodes of `type` can render now (eager views, unknown types and loaded lazy views). */
export const viewReady = (type: string): boolean =>
  !isLazyType(type) || loadedViews.has(type) || useViewArrivals.getState().failed.has(type);

/** Fetches the view of `type` once; later calls share the first fetch. */
export function loadNodeView(type: LazyViewType): Promise<void> {
  const started = pending.get(type);
  if (started) return started;
  const fetch = LOADERS[type]().then(
    (view) => {
      loadedViews.set(type, view);
      useViewArrivals.setState((state) => ({ count: state.count + 1 }));
    },
    () => {
      // Shown anyway, saying so (LazyNodeView): a node must never stay invisible.
      useViewArrivals.setState((state) => ({
        count: state.count + 1,
        failed: new Set([...state.failed, type]),
      }));
    },
  );
  pending.set(type, fetch);
  return fetch;
}

/** Every lazy view, one after another (after first paint, when the browser is idle). */
export async function preloadNodeViews(): Promise<void> {
  for (const type of LAZY_VIEW_TYPES) await loadNodeView(type);
}

/**
 * The document as the canvas may show it now: without the nodes whose view is still on its way
 * (and without their links), fetching those views. The same object while nothing is held back.
 */
export function useWithLoadedViews(doc: Workflow): Workflow {
  const arrivals = useViewArrivals((state) => state.count);
  // biome-ignore lint/correctness/useExhaustiveDependencies: arrivals changes what viewReady answers.
  const waiting = useMemo(
    () => [...new Set(doc.nodes.map((node) => node.type).filter((type) => !viewReady(type)))],
    [doc.nodes, arrivals],
  );
  const waitingKey = waiting.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: waitingKey stands for waiting.
  useEffect(() => {
    for (const type of waiting) if (isLazyType(type)) void loadNodeView(type);
  }, [waitingKey]);
  return useMemo(() => {
    if (waiting.length === 0) return doc;
    const held = new Set(doc.nodes.filter((node) => waiting.includes(node.type)).map((node) => node.id));
    return {
      ...doc,
      nodes: doc.nodes.filter((node) => !held.has(node.id)),
      edges: doc.edges.filter((edge) => !held.has(edge.source) && !held.has(edge.target)),
    };
  }, [doc, waiting]);
}

function LoadFailed({ type }: { type: string }) {
  return (
    <div className="peel-node node-unknown" role="alert">
      <p className="node-problem">
        Peel could not load the {type} node's view. Reload the page to try again (the node is kept).
      </p>
    </div>
  );
}

/**
 * The React Flow node type of every lazy view (React Flow passes the node's type). The canvas
 * mounts it only once the view is there.
 */
const LazyNodeView = memo(function LazyNodeView(props: NodeViewProps) {
  const type = props.type as LazyViewType;
  // Re-renders when this type's view arrives, not at every other view's arrival (the idle preload
  // fetches them all, and a big graph has many lazy nodes).
  const loaded = useViewArrivals(() => loadedViews.has(type));
  const failed = useViewArrivals((state) => state.failed.has(type));
  const View = loaded ? loadedViews.get(type) : undefined;
  if (View) return <View {...props} />;
  if (failed) return <LoadFailed type={type} />;
  // Not reached from the canvas, which holds such nodes back; elsewhere, fetch and show it then.
  void loadNodeView(type);
  return null;
});

export const lazyNodeTypes = {} as Record<LazyViewType, ComponentType<NodeViewProps>>;
for (const type of LAZY_VIEW_TYPES) lazyNodeTypes[type] = LazyNodeView;
