import type { Draft } from 'immer';
import { create } from 'zustand';
import type { ComponentDefinition } from '../../engine/components/types';
import type { Workflow } from '../../engine/workflow';

/**
 * Which component the canvas is inside ("Open" on a component node). Empty: the workflow itself.
 * The chain lists component ids outermost first (nested components). View state: never in history.
 */
export interface EditScopeState {
  path: readonly string[];
}

const NO_PATH: readonly string[] = Object.freeze([]) as readonly string[];

export const useEditScopeStore = create<EditScopeState>()(() => ({ path: NO_PATH }));

export const editScope = {
  enter(componentId: string): void {
    useEditScopeStore.setState((state) => ({ path: [...state.path, componentId] }));
  },
  /** Back to the level `depth` (0: the workflow). */
  leaveTo(depth: number): void {
    useEditScopeStore.setState((state) =>
      state.path.length <= depth ? state : { path: depth === 0 ? NO_PATH : state.path.slice(0, depth) },
    );
  },
  leaveOne(): boolean {
    const { path } = useEditScopeStore.getState();
    if (path.length === 0) return false;
    editScope.leaveTo(path.length - 1);
    return true;
  },
  reset(): void {
    editScope.leaveTo(0);
  },
};

/** The component being edited, when the canvas is inside one that still exists. */
export function scopedComponent(doc: Workflow): ComponentDefinition | undefined {
  const id = useEditScopeStore.getState().path.at(-1);
  if (id === undefined) return undefined;
  return doc.components?.find((component) => component.id === id);
}

/** Workflow-shaped views of a component's inside, one per (document, component) so selectors stay stable. */
const views = new WeakMap<Workflow, { component: ComponentDefinition; view: Workflow }>();
const scopedViews = new WeakSet<Workflow>();

/**
 * What the canvas and node views read: the workflow, or, inside a component, its nodes and edges
 * (with the workflow's components, so nested instances still resolve). Idempotent.
 */
export function scopedView(doc: Workflow): Workflow {
  if (scopedViews.has(doc)) return doc;
  const component = scopedComponent(doc);
  if (!component) return doc;
  const cached = views.get(doc);
  if (cached && cached.component === component) return cached.view;
  const view: Workflow = { ...doc, nodes: component.nodes, edges: component.edges };
  scopedViews.add(view);
  views.set(doc, { component, view });
  return view;
}

/** Where a command's recipe applies: the document, or the definition being edited (one outer undo step). */
export function scopedDraft(draft: Draft<Workflow>): Draft<Workflow> {
  const id = useEditScopeStore.getState().path.at(-1);
  if (id === undefined) return draft;
  const component = draft.components?.find((candidate) => candidate.id === id);
  return component ? (component as unknown as Draft<Workflow>) : draft;
}
