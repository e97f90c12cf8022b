import type { Edge, Node } from '@xyflow/react';
import { isNodeType, nodeRegistry } from '../../../nodes/registry';
import { isAnnotationType } from '../../engine/annotations';
import { portsOf } from '../../engine/components/ports';
import { COMPONENT_NODE_TYPE } from '../../engine/components/types';
import type { PortType } from '../../engine/ports';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../../engine/workflow';
import { edgeKey } from '../store/ids';
import { nodeById } from '../store/node-index';

/**
 * React Flow's nodes and edges, derived from the document. The document is the truth; React Flow
 * only renders it. A cache per id hands back the previous object when nothing it depends on
 * changed, so editing one node re-renders one node even in a 500-node graph.
 */
export type CanvasNode = Node<Record<string, never>>;
export type CanvasEdge = Edge<{ portType: PortType }>;

const EMPTY_DATA: Record<string, never> = Object.freeze({}) as Record<string, never>;
const FRAME_NODE = { zIndex: -1, dragHandle: '.frame-title', style: { pointerEvents: 'none' as const } };

/** Registry types, and component instances (issue #15). */
export const isKnownType = (type: string): boolean => isNodeType(type) || type === COMPONENT_NODE_TYPE;

/** The type of a node's output port: its definition's, or its component's output. */
function outputTypeOf(doc: Workflow, node: WorkflowNode | undefined, port: string): PortType | undefined {
  if (!node) return undefined;
  return portsOf(node, doc, nodeRegistry)?.outputs[port]?.type;
}

/** Same length, same objects in the same order. */
const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((item, index) => item === b[index]);

interface NodeMemo {
  source: WorkflowNode;
  selected: boolean;
  node: CanvasNode;
}

/**
 * React Flow's node objects. An object is rebuilt only when its node or its selection changed; a
 * rebuilt object carries the size React Flow last measured (`measured`), or React Flow would take
 * it for a new node and measure it again. A new measurement alone rebuilds nothing: React Flow keeps
 * what it measured on its own copy of an unchanged object, and rebuilding all 500 objects after the
 * first measurement of a big graph re-rendered every node wrapper for nothing (about 100 ms).
 */
export function createNodeDeriver() {
  let memo = new Map<string, NodeMemo>();
  let previous: CanvasNode[] = [];
  return (
    doc: Workflow,
    selected: ReadonlySet<string>,
    measured: Readonly<Record<string, { width: number; height: number }>>,
  ): CanvasNode[] => {
    const next = new Map<string, NodeMemo>();
    const nodes = doc.nodes.map((source) => {
      const isSelected = selected.has(source.id);
      const old = memo.get(source.id);
      if (old && old.source === source && old.selected === isSelected) {
        next.set(source.id, old);
        return old.node;
      }
      const size = measured[source.id];
      const node: CanvasNode = {
        id: source.id,
        type: isKnownType(source.type) || isAnnotationType(source.type) ? source.type : 'unknown',
        position: source.position,
        data: EMPTY_DATA,
        selected: isSelected,
        ...(size ? { measured: size } : {}),
        ...canvasSize(source),
        // A frame sits behind the nodes it holds and is dragged by its title bar only.
        // Its body lets the pointer through (pan, select, the nodes above); the title bar takes it.
        ...(source.type === 'frame' ? FRAME_NODE : {}),
      };
      next.set(source.id, { source, selected: isSelected, node });
      return node;
    });
    memo = next;
    // No node changed (the document's name, an edge, the workflow stored under its id): the same
    // array, so React Flow skips its node update, which runs every node's and edge's selector.
    if (sameItems(nodes, previous)) return previous;
    previous = nodes;
    return nodes;
  };
}

/** The size the user gave a node (resize handle); a collapsed node keeps only its width. */
function canvasSize(source: WorkflowNode): { width?: number; height?: number } {
  if (!source.size) return {};
  return source.collapsed
    ? { width: source.size.width }
    : { width: source.size.width, height: source.size.height };
}

export function outputPortType(doc: Workflow, nodeId: string, port: string): PortType | undefined {
  return outputTypeOf(
    doc,
    doc.nodes.find((candidate) => candidate.id === nodeId),
    port,
  );
}

interface EdgeMemo {
  source: WorkflowEdge;
  selected: boolean;
  portType: PortType | undefined;
  edge: CanvasEdge;
}

/**
 * Edges for React Flow. When no edge changed (a move, Tidy's 500 new positions) it hands back the
 * previous array itself: React Flow then skips its edge update (rebuilding its connection lookup
 * and a store update that runs every node's and edge's selector) inside Tidy's longest task.
 */
export function createEdgeDeriver() {
  let memo = new Map<string, EdgeMemo>();
  let previous: CanvasEdge[] = [];
  return (doc: Workflow, selected: ReadonlySet<string>, typeOf: Map<string, string>): CanvasEdge[] => {
    const next = new Map<string, EdgeMemo>();
    const edges = doc.edges.map((source) => {
      const id = edgeKey(source);
      const isSelected = selected.has(id);
      const nodeType = typeOf.get(source.source);
      const portType =
        nodeType === COMPONENT_NODE_TYPE
          ? outputTypeOf(doc, nodeById(doc, source.source), source.sourcePort)
          : nodeType && isKnownType(nodeType)
            ? nodeRegistry[nodeType as keyof typeof nodeRegistry].outputs[source.sourcePort]?.type
            : undefined;
      const old = memo.get(id);
      if (old && old.source === source && old.selected === isSelected && old.portType === portType) {
        next.set(id, old);
        return old.edge;
      }
      const edge: CanvasEdge = {
        id,
        source: source.source,
        sourceHandle: source.sourcePort,
        target: source.target,
        targetHandle: source.targetPort,
        selected: isSelected,
        className: `peel-edge port-${portClass(portType)}`,
        ...(portType ? { data: { portType } } : {}),
      };
      next.set(id, { source, selected: isSelected, portType, edge });
      return edge;
    });
    memo = next;
    if (sameItems(edges, previous)) return previous;
    previous = edges;
    return edges;
  };
}

/** CSS class suffix for a port type (`image[]` is not a valid class name). */
export const portClass = (type: PortType | undefined): string =>
  type === 'image[]' ? 'images' : (type ?? 'unknown');
