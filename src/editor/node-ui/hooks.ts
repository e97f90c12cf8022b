import { useEffect, useRef, useState } from 'react';
import { formatUsd } from '../../engine/cost';
import type { NodeAction } from '../../engine/events';
import type { WorkflowNode } from '../../engine/workflow';
import { noErrors, useDiagnosticsStore } from '../run/diagnostics';
import { useDocumentStore } from '../store/document-store';
import { sameNodeButPosition } from '../store/moves-only';
import { nodeById } from '../store/node-index';
import { IDLE_NODE, type NodeRunState, useRunStore } from '../store/run-store';

/**
 * Each node component subscribes to its own node only (O(1) lookup per change). A move alone does
 * not re-render it (Tidy moves every node at once): the node it returns may carry an old
 * `position`; read positions from the store, not from here.
 */
export function useWorkflowNode(id: string): WorkflowNode | undefined {
  const last = useRef<WorkflowNode | undefined>(undefined);
  return useDocumentStore((state) => {
    const node = nodeById(state.doc, id);
    const previous = last.current;
    if (node && previous && previous !== node && sameNodeButPosition(previous, node)) return previous;
    last.current = node;
    return node;
  });
}

const NO_PARAMS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

export function useNodeParams(id: string): Record<string, unknown> {
  return useDocumentStore((state) => nodeById(state.doc, id)?.params ?? NO_PARAMS);
}

/** Its own run state only: other nodes' events do not re-render it. */
export function useNodeRun(id: string): NodeRunState {
  return useRunStore((state) => state.nodes[id] ?? IDLE_NODE);
}

export function useNodeErrors(id: string): readonly string[] {
  return useDiagnosticsStore((state) => state.nodeErrors[id] ?? noErrors);
}

/**
 * Whether the node's shown outputs are out of date: an edit means it will re-run ('will re-run'),
 * or its last run failed or was skipped and what it shows came from an earlier one ('earlier run').
 */
export function useNodeStale(id: string): 'will re-run' | 'earlier run' | null {
  const willRerun = useDiagnosticsStore((state) => state.stale.has(id));
  const status = useRunStore((state) => state.nodes[id]?.status);
  if (status === 'failed' || status === 'skipped' || status === 'cancelled' || status === 'interrupted')
    return 'earlier run';
  return willRerun ? 'will re-run' : null;
}

/**
 * What an idle node says its next run costs ('est. $0.04', 'cached'), or null. Only model nodes
 * ask (`callsModel`); the others select nothing, so a new plan re-renders only the nodes whose
 * label changed, not every node of a 500-node graph.
 */
export function useNodePlanLabel(id: string, callsModel: boolean): string | null {
  return useRunStore((state) => (callsModel ? planLabel(state.estimate?.perNode[id]) : null));
}

function planLabel(plan: { action: NodeAction; usd: number | null } | undefined): string | null {
  if (plan?.action === 'call') return `est. ${formatUsd(plan.usd)}`;
  if (plan?.action === 'cached') return 'cached';
  return null;
}

/** The current time, ticking while `active` (elapsed time, retry countdowns). */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}

export const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
export const bool = (value: unknown, fallback: boolean): boolean =>
  typeof value === 'boolean' ? value : fallback;
