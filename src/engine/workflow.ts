import type { ComponentDefinition } from './components/types';

/**
 * The workflow as held in memory: the file format (version 2), except that image assets inside params
 * (`{ name, mimeType, data }` in the file) are held as `{ name, mimeType, hash }` with the bytes in
 * an asset store. Base64 exists only at the edges (load, save, export).
 */
export const WORKFLOW_FORMAT = 'peel.workflow';
export const WORKFLOW_VERSION = 2;

export interface Position {
  x: number;
  y: number;
}

export interface WorkflowNode {
  id: string;
  type: string;
  position: Position;
  params: Record<string, unknown>;
  label?: string;
  exposeAs?: string;
  /** Passes its inputs through without running (see bypass.ts); absent = runs. */
  bypass?: boolean;
  /** Canvas only: the size the user gave the node (resize handle), absent = natural size. */
  size?: Size;
  /** Canvas only: shows the title bar and ports only; absent = expanded. */
  collapsed?: boolean;
}

export interface Size {
  width: number;
  height: number;
}

export interface WorkflowEdge {
  id?: string;
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

export interface Workflow {
  format: typeof WORKFLOW_FORMAT;
  /** The version read; saving always writes `WORKFLOW_VERSION` (older in-memory objects stay usable). */
  version: number;
  name: string;
  description?: string;
  /** Reusable components (format version 2); absent means none. */
  components?: ComponentDefinition[];
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  extra?: Record<string, unknown>;
}

/** An image reference inside params, in memory. */
export interface AssetRef {
  name: string;
  mimeType: string;
  hash: string;
}

export const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const EXPOSE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/**
 * Input names that are also names every JS object answers to (`__proto__`, `constructor`,
 * `toString`, ...): a value keyed by one is easily read from the prototype or dropped by a plain
 * object, so such names are refused outright rather than trusted to every lookup.
 */
export function isReservedInputName(name: string): boolean {
  return name in Object.prototype || name === 'prototype';
}

/** Why `name` cannot name an exposed input, or undefined when it can. */
export function inputNameProblem(name: string): string | undefined {
  if (!EXPOSE_NAME_PATTERN.test(name))
    return 'an input name starts with a letter or _ and holds only letters, digits, _ and -';
  if (isReservedInputName(name))
    return `"${name}" is reserved (a name every JavaScript object has); choose another input name`;
  return undefined;
}

export function emptyWorkflow(name = 'Untitled'): Workflow {
  return { format: WORKFLOW_FORMAT, version: WORKFLOW_VERSION, name, components: [], nodes: [], edges: [] };
}
