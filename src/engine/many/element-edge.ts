import type { WorkflowEdge } from '../workflow';

/**
 * An edge of an expanded (concrete) graph that carries one element of a *many* output: the
 * instance reading it gets `value[element]` instead of the whole sequence. Never in a file.
 */
export interface ElementEdge extends WorkflowEdge {
  /** 0-based index into the source's many value. */
  element?: number;
}

export const elementOf = (edge: WorkflowEdge): number | undefined => (edge as ElementEdge).element;
