import type { Usage } from './cost';
import type { ExportFile } from './node-definition';
import type { PeelError } from './result';
import type { NodeOutputs } from './values';

export type NodeFinishStatus = 'ran' | 'cached' | 'failed' | 'skipped' | 'cancelled';
export type RunStatus = 'ok' | 'failed' | 'cancelled';

/**
 * What a run will do with a node: call a model, use the cache, compute locally, refuse, or pass its
 * input through (bypassed: no call, no cost).
 */
export type NodeAction = 'call' | 'cached' | 'compute' | 'invalid' | 'blocked' | 'bypassed';

export interface NodePlan {
  action: NodeAction;
  calls: number;
  usd: number | null;
  /** Why an invalid or blocked node will not run. */
  reason?: string;
}

/** Which element of a mapped node an instance is (see src/engine/many/). */
export interface ElementRef {
  /** The node of the file. */
  of: string;
  /** From 1. */
  index: number;
  count: number;
  /** The text of the items the element was made from. */
  item?: string;
}

export interface RunEstimate {
  /** Model calls expected (cached nodes excluded); "up to" this many when `upTo` is set. */
  calls: number;
  cachedNodes: number;
  /** Null when some model is not in the table. */
  usd: number | null;
  perNode: Record<string, NodePlan>;
  /**
   * Some counts come from a model's answer: `calls` and `usd` count those elements at their
   * node's declared maximum, and `known` is what the file alone fixes (the budget is checked again
   * as the answers arrive).
   */
  upTo?: boolean;
  known?: { calls: number; usd: number | null };
}

export interface RunTotals {
  calls: number;
  cachedNodes: number;
  costUsd: number;
}

/** Something the user should know that fails no node: said once per run (once per batch). */
export type RunWarningCode = 'cache_write_failed';

export type RunEvent =
  | { type: 'run-start'; runId: string; row: number; nodeIds: string[]; estimate: RunEstimate; at: number }
  | { type: 'node-queued'; runId: string; nodeId: string; element?: ElementRef }
  | { type: 'node-start'; runId: string; nodeId: string; at: number; element?: ElementRef }
  | {
      type: 'node-waiting';
      runId: string;
      nodeId: string;
      reason: PeelError['code'];
      message: string;
      attempt: number;
      resumeAt: number;
    }
  | {
      type: 'call-finish';
      runId: string;
      nodeId: string;
      attempt: number;
      ok: boolean;
      costUsd: number | null;
    }
  | {
      type: 'node-finish';
      runId: string;
      nodeId: string;
      /** Set when the node is one element of a mapped node. */
      element?: ElementRef;
      status: NodeFinishStatus;
      at: number;
      durationMs: number;
      calls: number;
      usage?: Usage;
      costUsd?: number | null;
      outputs?: NodeOutputs;
      exports?: ExportFile[];
      error?: PeelError;
      cacheKey?: string;
      /** Things the user should know about how the node ran (e.g. "conversation not kept on this route"). */
      notes?: string[];
    }
  | {
      /** A node's result could not be kept in the cache: this run is fine, later runs pay again. */
      type: 'run-warning';
      runId: string;
      code: RunWarningCode;
      nodeId: string;
      message: string;
      /** The code of what failed, when it named one (the browser store's `quota_exceeded`). */
      causeCode?: string;
      at: number;
    }
  | {
      type: 'run-finish';
      runId: string;
      status: RunStatus;
      at: number;
      durationMs: number;
      totals: RunTotals;
      error?: PeelError;
    };

export type RunEventListener = (event: RunEvent) => void;
