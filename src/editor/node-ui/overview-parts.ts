import type { nodeRegistry } from '../../../nodes/registry';
import type { WorkflowNode } from '../../engine/workflow';
import type { NodeRunState } from '../store/run-store';

/**
 * What the overview node and the far-out placeholder share (OverviewNode.tsx, PlaceholderNode.tsx):
 * their props, their port geometry (the placeholder's ports must sit exactly where the overview's
 * do, so switching between them moves no edge) and their class names.
 */
export interface CompactBodyProps {
  id: string;
  type: keyof typeof nodeRegistry;
  selected: boolean;
  /** The document's node (its label, bypass, size and, for a template, its params). */
  node: WorkflowNode | undefined;
}

/** Port rows: this tall, inside this much padding (as the per-port rows were). */
const PORT_ROW = 14;
const PORTS_PADDING = 4;
export const portRowCentre = (row: number): number => PORTS_PADDING + row * PORT_ROW + PORT_ROW / 2;
export const portRowsHeight = (rows: number): number =>
  rows === 0 ? 0 : 2 * PORTS_PADDING + rows * PORT_ROW;
/**
 * The height of a compact body's port rows: inputs on the left, outputs on the right, side by side.
 * The one rule the overview, the placeholder and the size predicted before drawing (compact-size.ts)
 * all follow.
 */
export const portsHeight = (inputs: number, outputs: number): number =>
  portRowsHeight(Math.max(inputs, outputs));

/** Whether the run left something to show on the node (elements, images or text). */
export const showsOutputs = (run: NodeRunState): boolean =>
  run.elements !== undefined ||
  (run.outputs !== undefined && (run.outputs.images.length > 0 || Boolean(run.outputs.text)));

/** The node's classes: type, run status, selection, bypass and a size from the resize handle. */
export function compactBodyClass(
  type: string,
  run: NodeRunState,
  selected: boolean,
  node: WorkflowNode | undefined,
): string {
  return `peel-node node-${type} status-${run.status}${selected ? ' selected' : ''}${node?.bypass === true ? ' bypassed' : ''}${node?.size !== undefined ? ' sized' : ''}`;
}
