import { isNodeType, nodeRegistry } from '../../../nodes/registry';
import { portsOf } from '../../engine/components/ports';
import { wouldCreateCycle } from '../../engine/graph';
import { canConnect, type PortSpec } from '../../engine/ports';
import type { Workflow } from '../../engine/workflow';
import { boundaryPort } from '../components/boundary';
import { nodeById } from '../store/node-index';
import { inputPortsOf } from './node-ports';

export interface ConnectionAttempt {
  source: string | null;
  sourceHandle?: string | null | undefined;
  target: string | null;
  targetHandle?: string | null | undefined;
}

export type ConnectionCheck = { ok: true } | { ok: false; reason: string };

function portOf(
  doc: Workflow,
  nodeId: string,
  port: string,
  side: 'inputs' | 'outputs',
): PortSpec | undefined {
  // Inside an opened component: its inputs feed inner nodes, its outputs read them.
  const boundary = boundaryPort(doc, nodeId, port, side);
  if (boundary !== null) return boundary;
  const node = nodeById(doc, nodeId);
  if (!node) return undefined;
  // A component instance's ports are its component's inputs and outputs.
  if (!isNodeType(node.type)) return portsOf(node, doc, nodeRegistry)?.[side][port];
  // Inputs may follow the params (a template's placeholders).
  return side === 'inputs' ? inputPortsOf(node)[port] : nodeRegistry[node.type][side][port];
}

/**
 * Whether a link may be made while the user drags it: compatible port types, no cycle. A taken
 * single-valued input is allowed: connecting replaces its old edge (see `commands.connect`).
 */
export function checkConnection(doc: Workflow, attempt: ConnectionAttempt): ConnectionCheck {
  const { source, target, sourceHandle, targetHandle } = attempt;
  if (!source || !target || !sourceHandle || !targetHandle) return { ok: false, reason: 'incomplete link' };
  const from = portOf(doc, source, sourceHandle, 'outputs');
  const to = portOf(doc, target, targetHandle, 'inputs');
  if (!from || !to) return { ok: false, reason: 'unknown port' };
  if (!canConnect(from.type, to.type))
    return { ok: false, reason: `a ${from.type} output cannot feed a ${to.type} input` };
  if (wouldCreateCycle(doc, source, target)) return { ok: false, reason: 'that link would make a cycle' };
  const duplicate = doc.edges.some(
    (edge) =>
      edge.source === source &&
      edge.sourcePort === sourceHandle &&
      edge.target === target &&
      edge.targetPort === targetHandle,
  );
  if (duplicate) return { ok: false, reason: 'already connected' };
  return { ok: true };
}
