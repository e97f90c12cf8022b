import type { Draft } from 'immer';
import { create } from 'zustand';
import { nodeRegistry } from '../../../nodes/registry';
import { portsOf } from '../../engine/components/ports';
import { COMPONENT_NODE_TYPE } from '../../engine/components/types';
import { deepFreeze } from '../../engine/deep-frozen';
import { acceptsManyEdges } from '../../engine/ports';
import {
  emptyWorkflow,
  type Position,
  type Workflow,
  type WorkflowEdge,
  type WorkflowNode,
} from '../../engine/workflow';
import { inputPortsOf } from '../canvas/node-ports';
import { editScope, scopedDraft, scopedView, useEditScopeStore } from './edit-scope';
import {
  applyCommand,
  applyPatchedChange,
  type HistoryEntry,
  type HistoryState,
  type MergeOptions,
  redoState,
  undoState,
} from './history';
import { edgeKey, newNodeId, nodeIdSet } from './ids';
import { withPositions } from './position-patches';

/** The document: the only state undo/redo touches. Change it only through the commands below. */
export type DocumentState = HistoryState<Workflow>;

export const useDocumentStore = create<DocumentState>()(() => ({
  doc: emptyWorkflow(),
  past: [] as HistoryEntry[],
  future: [] as HistoryEntry[],
}));

/** Typing in one field within this window is one undo step. */
export const TYPING_MERGE_MS = 1000;

let clock: () => number = () => Date.now();
/** Tests drive time for burst merging. */
export function setHistoryClock(next: () => number): void {
  clock = next;
}

/**
 * Runs one named command through history (exported for the command groups in node-commands.ts).
 * Inside an opened component the recipe edits that component's definition (`scope: 'current'`),
 * still one undo step of the workflow; `'workflow'` always edits the workflow itself.
 */
export function execute(
  label: string,
  recipe: (draft: Draft<Workflow>) => void,
  merge?: MergeOptions,
  scope: 'current' | 'workflow' = 'current',
): boolean {
  const state = useDocumentStore.getState();
  const scoped = scope === 'current' ? (draft: Draft<Workflow>) => recipe(scopedDraft(draft)) : recipe;
  const next = applyCommand(state, label, scoped, merge, clock());
  if (next === state) return false;
  useDocumentStore.setState(next);
  return true;
}

/**
 * Applies a pure transform of the whole workflow (components: make, ungroup, edit a definition)
 * as one undo step. Returns false when the transform declines or changes nothing.
 */
export function applyWorkflowTransform(
  label: string,
  transform: (doc: Workflow) => Workflow | undefined,
): boolean {
  const next = transform(useDocumentStore.getState().doc);
  if (!next) return false;
  return execute(
    label,
    (draft) => {
      if (draft.nodes !== next.nodes) draft.nodes = next.nodes as Draft<WorkflowNode>[];
      if (draft.edges !== next.edges) draft.edges = next.edges as Draft<WorkflowEdge>[];
      if (next.components === undefined) delete draft.components;
      else if (draft.components !== next.components)
        draft.components = next.components as Draft<NonNullable<Workflow['components']>>;
    },
    undefined,
    'workflow',
  );
}

const isSingleInput = (node: Pick<WorkflowNode, 'type' | 'params'> | undefined, port: string): boolean => {
  const spec = inputPortsOf(node)[port];
  return spec ? !acceptsManyEdges(spec.type, spec) : true;
};

/** Adds an edge; a single-valued input drops its old edge in the same step. */
function connectDraft(draft: Draft<Workflow>, edge: Omit<WorkflowEdge, 'id'>): void {
  const target = draft.nodes.find((node) => node.id === edge.target);
  const componentInput =
    target?.type === COMPONENT_NODE_TYPE
      ? portsOf(target as WorkflowNode, draft as Workflow, nodeRegistry)?.inputs[edge.targetPort]
      : undefined;
  const single = componentInput
    ? !acceptsManyEdges(componentInput.type)
    : isSingleInput(target, edge.targetPort);
  draft.edges = draft.edges.filter((existing) => {
    const sameTarget = existing.target === edge.target && existing.targetPort === edge.targetPort;
    if (!sameTarget) return true;
    if (single) return false;
    return !(existing.source === edge.source && existing.sourcePort === edge.sourcePort);
  });
  const id = `e-${edge.source}.${edge.sourcePort}-${edge.target}.${edge.targetPort}`.slice(0, 128);
  draft.edges.push({ ...edge, id });
}

export interface NewNode {
  type: string;
  position: Position;
  params?: Record<string, unknown>;
  /** Connect the new node to an existing port in the same undo step (link released on the canvas). */
  connect?: { nodeId: string; port: string; side: 'source' | 'target'; newNodePort: string };
}

export interface Clip {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

export const commands = {
  addNode(spec: NewNode): string {
    const id = newNodeId(spec.type, nodeIdSet(scopedView(useDocumentStore.getState().doc)));
    execute(`Add ${spec.type}`, (draft) => {
      draft.nodes.push({ id, type: spec.type, position: { ...spec.position }, params: spec.params ?? {} });
      const link = spec.connect;
      if (link) {
        connectDraft(
          draft,
          link.side === 'source'
            ? { source: link.nodeId, sourcePort: link.port, target: id, targetPort: link.newNodePort }
            : { source: id, sourcePort: link.newNodePort, target: link.nodeId, targetPort: link.port },
        );
      }
    });
    return id;
  },

  /** Deletes nodes (with their edges) and edges in one step. */
  deleteSelection(nodeIds: Iterable<string>, edgeKeys: Iterable<string> = []): void {
    const nodes = new Set(nodeIds);
    const edges = new Set(edgeKeys);
    if (nodes.size === 0 && edges.size === 0) return;
    execute(
      nodes.size === 1 ? 'Delete node' : nodes.size > 1 ? 'Delete nodes' : 'Delete connection',
      (draft) => {
        draft.nodes = draft.nodes.filter((node) => !nodes.has(node.id));
        draft.edges = draft.edges.filter(
          (edge) => !nodes.has(edge.source) && !nodes.has(edge.target) && !edges.has(edgeKey(edge)),
        );
      },
    );
  },

  deleteNodes(ids: Iterable<string>): void {
    commands.deleteSelection(ids, []);
  },

  /** While `dragging`, moves merge into one open entry; the drop closes it. */
  moveNodes(moves: { id: string; position: Position }[], options: { dragging?: boolean } = {}): void {
    const byId = new Map(moves.map((move) => [move.id, move.position]));
    const key = `move:${[...byId.keys()].sort().join(',')}`;
    const merge = options.dragging === undefined ? undefined : { key, open: options.dragging };
    execute(
      'Move',
      (draft) => {
        for (const node of draft.nodes) {
          const to = byId.get(node.id);
          if (to && (node.position.x !== to.x || node.position.y !== to.y))
            node.position = { x: to.x, y: to.y };
        }
      },
      merge,
    );
  },

  connect(edge: Omit<WorkflowEdge, 'id'>): void {
    execute('Connect', (draft) => connectDraft(draft, edge));
  },

  disconnect(keys: Iterable<string>): void {
    commands.deleteSelection([], keys);
  },

  /** `undefined` removes the param (falls back to the schema default). Typing bursts merge. */
  setParam(nodeId: string, name: string, value: unknown): void {
    execute(
      `Edit ${name}`,
      (draft) => {
        const node = draft.nodes.find((candidate) => candidate.id === nodeId);
        if (!node) return;
        if (value === undefined) delete node.params[name];
        else node.params[name] = value as Draft<unknown>;
      },
      { key: `param:${nodeId}:${name}`, windowMs: TYPING_MERGE_MS },
    );
  },

  /** Retired models to their replacements as one undo step (a node's Switch, the banner's Switch all). */
  switchModels(changes: ReadonlyArray<{ nodeId: string; model: string }>): void {
    if (changes.length === 0) return;
    execute(changes.length === 1 ? 'Switch model' : 'Switch models', (draft) => {
      for (const change of changes) {
        const node = draft.nodes.find((candidate) => candidate.id === change.nodeId);
        if (node) node.params.model = change.model;
      }
    });
  },

  /** Several params in one undo step (a box dragged on a preview). */
  setParams(nodeId: string, values: Record<string, unknown>, label = 'Edit params'): void {
    execute(label, (draft) => {
      const node = draft.nodes.find((candidate) => candidate.id === nodeId);
      if (!node) return;
      for (const [name, value] of Object.entries(values)) node.params[name] = value as Draft<unknown>;
    });
  },

  setLabel(nodeId: string, label: string): void {
    execute(
      'Rename node',
      (draft) => {
        const node = draft.nodes.find((candidate) => candidate.id === nodeId);
        if (!node) return;
        if (label.trim() === '') delete node.label;
        else node.label = label;
      },
      { key: `label:${nodeId}`, windowMs: TYPING_MERGE_MS },
    );
  },

  setExposeAs(nodeId: string, name: string | undefined): void {
    execute(
      'Expose input',
      (draft) => {
        const node = draft.nodes.find((candidate) => candidate.id === nodeId);
        if (!node) return;
        if (name === undefined || name === '') delete node.exposeAs;
        else node.exposeAs = name;
      },
      { key: `expose:${nodeId}`, windowMs: TYPING_MERGE_MS },
    );
  },

  /** Pastes copies with fresh ids, keeping the edges among them; returns the new ids. */
  pasteNodes(clip: Clip, offset: Position): string[] {
    const taken = nodeIdSet(scopedView(useDocumentStore.getState().doc));
    const rename = new Map<string, string>();
    for (const node of clip.nodes) {
      const id = newNodeId(node.type, taken);
      taken.add(id);
      rename.set(node.id, id);
    }
    execute(clip.nodes.length === 1 ? 'Paste node' : 'Paste nodes', (draft) => {
      const exposed = new Set(draft.nodes.map((node) => node.exposeAs).filter(Boolean));
      for (const node of clip.nodes) {
        const copy: WorkflowNode = {
          id: rename.get(node.id) ?? node.id,
          type: node.type,
          position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
          params: structuredClone(node.params),
        };
        if (node.label !== undefined) copy.label = node.label;
        if (node.bypass !== undefined) copy.bypass = node.bypass;
        if (node.size !== undefined) copy.size = { ...node.size };
        if (node.collapsed !== undefined) copy.collapsed = node.collapsed;
        // Input names must stay unique; a copy keeps its name only when it is free.
        if (node.exposeAs !== undefined && !exposed.has(node.exposeAs)) {
          copy.exposeAs = node.exposeAs;
          exposed.add(node.exposeAs);
        }
        draft.nodes.push(copy);
      }
      for (const edge of clip.edges) {
        const source = rename.get(edge.source);
        const target = rename.get(edge.target);
        if (source && target) connectDraft(draft, { ...edge, source, target });
      }
    });
    return [...rename.values()];
  },

  renameWorkflow(name: string): void {
    execute(
      'Rename workflow',
      (draft) => {
        draft.name = name;
      },
      { key: 'workflow-name', windowMs: TYPING_MERGE_MS },
      'workflow',
    );
  },

  /**
   * Auto-layout: every position in one step, inside an opened component its definition's nodes.
   * Computed without a draft (position-patches.ts); nodes already in place record nothing.
   */
  layoutNodes(positions: Map<string, Position>): void {
    const state = useDocumentStore.getState();
    const change = withPositions(state.doc, useEditScopeStore.getState().path.at(-1), positions);
    const next = applyPatchedChange(state, 'Auto-layout', change, clock());
    if (next !== state) useDocumentStore.setState(next);
  },

  undo(): void {
    useDocumentStore.setState(undoState(useDocumentStore.getState()));
  },

  redo(): void {
    useDocumentStore.setState(redoState(useDocumentStore.getState()));
  },

  /** Replaces the document and clears history: loads never enter history. */
  loadWorkflow(doc: Workflow): void {
    editScope.reset();
    // Frozen as every edited document is (immer): nothing can change it behind the store's back,
    // and the engine parses each frozen node's params once (parse-params.ts), from the first plan.
    lastLoaded = deepFreeze(doc);
    useDocumentStore.setState({ doc: lastLoaded, past: [], future: [] });
  },
};

export type Commands = typeof commands;

let lastLoaded: Workflow | undefined;
/** Whether `doc` is the document the last load put on screen (an opened workflow, not an edit). */
export function isLoadedDocument(doc: Workflow): boolean {
  return doc === lastLoaded;
}
