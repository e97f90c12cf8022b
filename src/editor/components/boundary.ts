import type { ComponentDefinition } from '../../engine/components/types';
import { COMPONENT_INPUT_SOURCE } from '../../engine/components/types';
import type { PortSpec } from '../../engine/ports';
import type { Workflow } from '../../engine/workflow';
import type { CanvasEdge, CanvasNode } from '../canvas/rf-adapter';
import { scopedComponent } from '../store/edit-scope';
import { editComponent } from './component-commands';

/** Canvas ids of the markers standing for an opened component's inputs and outputs. */
export const INPUTS_MARKER = COMPONENT_INPUT_SOURCE;
export const OUTPUTS_MARKER = '$out';
export const INPUTS_MARKER_TYPE = 'component-inputs';
export const OUTPUTS_MARKER_TYPE = 'component-outputs';

const GAP = 320;
const EMPTY_DATA: Record<string, never> = Object.freeze({}) as Record<string, never>;

/**
 * Inside an opened component: a marker left of its nodes holding its inputs (edges from `$in` end
 * there) and one right of them holding its outputs. Not part of the document: not movable or deletable.
 */
export function boundaryNodes(component: ComponentDefinition): CanvasNode[] {
  const xs = component.nodes.map((node) => node.position.x);
  const ys = component.nodes.map((node) => node.position.y);
  const left = xs.length > 0 ? Math.min(...xs) : 0;
  const right = xs.length > 0 ? Math.max(...xs) : 0;
  const top = ys.length > 0 ? Math.min(...ys) : 0;
  // Not selectable or draggable, yet its name fields take the pointer (React Flow would switch it off).
  const fixed = {
    data: EMPTY_DATA,
    draggable: false,
    deletable: false,
    selectable: false,
    connectable: true,
    style: { pointerEvents: 'all' as const },
  };
  return [
    { id: INPUTS_MARKER, type: INPUTS_MARKER_TYPE, position: { x: left - GAP, y: top }, ...fixed },
    { id: OUTPUTS_MARKER, type: OUTPUTS_MARKER_TYPE, position: { x: right + GAP + 80, y: top }, ...fixed },
  ];
}

/** An output reads one inner node's port: drawn as an edge into the outputs marker. */
export function boundaryEdges(component: ComponentDefinition): CanvasEdge[] {
  return component.outputs.map((output) => ({
    id: `${OUTPUTS_MARKER}:${output.name}`,
    source: output.from.node,
    sourceHandle: output.from.port,
    target: OUTPUTS_MARKER,
    targetHandle: output.name,
    selectable: false,
    deletable: false,
    className: 'peel-edge component-output-edge',
  }));
}

export const isBoundaryId = (id: string): boolean => id === INPUTS_MARKER || id === OUTPUTS_MARKER;

/**
 * A marker's port as a link end, inside an opened component: the inputs marker has the inputs as
 * outputs, the outputs marker the outputs as inputs. `null` when `nodeId` is not a marker.
 */
export function boundaryPort(
  doc: Workflow,
  nodeId: string,
  port: string,
  side: 'inputs' | 'outputs',
): PortSpec | undefined | null {
  if (!isBoundaryId(nodeId)) return null;
  const component = scopedComponent(doc);
  if (!component) return undefined;
  if (nodeId === INPUTS_MARKER && side === 'outputs') {
    const input = component.inputs.find((candidate) => candidate.name === port);
    return input ? { type: input.type } : undefined;
  }
  if (nodeId === OUTPUTS_MARKER && side === 'inputs') {
    const output = component.outputs.find((candidate) => candidate.name === port);
    return output ? { type: output.type } : undefined;
  }
  return undefined;
}

/** A link dropped on the outputs marker: that output now reads this inner port (one undo step). */
export function setOutputSource(
  componentId: string,
  output: string,
  from: { node: string; port: string },
): boolean {
  return editComponent(componentId, 'Connect output', (component) => ({
    ...component,
    outputs: component.outputs.map((candidate) =>
      candidate.name === output ? { ...candidate, from } : candidate,
    ),
  }));
}
