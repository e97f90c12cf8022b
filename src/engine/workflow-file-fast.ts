import { COMPONENT_NODE_TYPE } from './components/types';
import { FILE_LIMITS, NODE_TYPE_PATTERN, PORT_NAME_PATTERN, type WorkflowFile } from './schema';
import { EXPOSE_NAME_PATTERN, NODE_ID_PATTERN, WORKFLOW_FORMAT, WORKFLOW_VERSION } from './workflow';

/**
 * `WorkflowFileSchema.safeParse` for the common file, without zod: top-level nodes and edges, no
 * components. The page's Content-Security-Policy keeps zod from compiling its parsers, and
 * interpreted, cold, it took about 35 ms of a 500-node file's opening in Chromium (a CPU profile
 * of the first visit, 2026-12-03); this loop takes a few.
 *
 * It returns a file only when the schema would accept the value, shaped as zod returns it (new
 * objects, keys in the schema's order, params values shared). Anything else, or anything it is
 * unsure of (components, an object that is not plain), gives undefined
 * and the caller asks zod, which also says what is wrong. `workflow-file-fast.test.ts` checks
 * both promises against the schema on generated files.
 */
export function parseCommonWorkflowFile(value: unknown): WorkflowFile | undefined {
  if (!isPlainRecord(value) || !hasOnlyKeys(value, FILE_KEYS)) return undefined;
  if (value.format !== WORKFLOW_FORMAT || value.version !== WORKFLOW_VERSION) return undefined;
  if (!isText(value.name, FILE_LIMITS.maxNameLength)) return undefined;
  if ('description' in value && !isText(value.description, FILE_LIMITS.maxDescriptionLength))
    return undefined;
  if (!Array.isArray(value.components) || value.components.length > 0) return undefined;
  const nodes = nodesOf(value.nodes);
  if (!nodes) return undefined;
  const edges = edgesOf(value.edges, nodes);
  if (!edges) return undefined;
  let extra: Record<string, unknown> | undefined;
  if ('extra' in value) {
    extra = copyRecord(value.extra);
    if (!extra) return undefined;
  }
  const file: WorkflowFile = {
    format: WORKFLOW_FORMAT,
    version: WORKFLOW_VERSION,
    name: value.name as string,
    ...('description' in value ? { description: value.description as string } : {}),
    components: [],
    nodes,
    edges,
    ...(extra ? { extra } : {}),
  };
  return file;
}

type FileNode = WorkflowFile['nodes'][number];
type FileEdge = WorkflowFile['edges'][number];

const FILE_KEYS = new Set([
  'format',
  'version',
  'name',
  'description',
  'components',
  'nodes',
  'edges',
  'extra',
]);
const NODE_KEYS = new Set([
  'id',
  'type',
  'position',
  'params',
  'label',
  'exposeAs',
  'bypass',
  'size',
  'collapsed',
]);
const EDGE_KEYS = new Set(['id', 'source', 'sourcePort', 'target', 'targetPort']);

function nodesOf(value: unknown): FileNode[] | undefined {
  if (!Array.isArray(value) || value.length > FILE_LIMITS.maxNodes) return undefined;
  const nodes: FileNode[] = [];
  const ids = new Set<string>();
  const exposed = new Set<string>();
  for (const item of value) {
    const node = nodeOf(item);
    // A duplicate id or input name, or a component node in a file without components: zod's
    // refinement reports those.
    if (!node || ids.has(node.id) || node.type === COMPONENT_NODE_TYPE) return undefined;
    ids.add(node.id);
    if (node.exposeAs !== undefined) {
      if (exposed.has(node.exposeAs)) return undefined;
      exposed.add(node.exposeAs);
    }
    nodes.push(node);
  }
  return nodes;
}

function nodeOf(value: unknown): FileNode | undefined {
  if (!isPlainRecord(value) || !hasOnlyKeys(value, NODE_KEYS)) return undefined;
  const { id, type, position, params, label, exposeAs, bypass, size, collapsed } = value;
  if (!matches(id, NODE_ID_PATTERN) || !matches(type, NODE_TYPE_PATTERN)) return undefined;
  if (!isPlainRecord(position) || !hasOnlyKeys(position, POSITION_KEYS)) return undefined;
  if (!isFiniteNumber(position.x) || !isFiniteNumber(position.y)) return undefined;
  const paramsCopy = copyRecord(params);
  if (!paramsCopy) return undefined;
  // Keys in the schema's order, present only where the value has them (as zod returns them).
  const node: FileNode = { id, type, position: { x: position.x, y: position.y }, params: paramsCopy };
  if ('label' in value) {
    if (!isText(label, FILE_LIMITS.maxLabelLength)) return undefined;
    node.label = label;
  }
  if ('exposeAs' in value) {
    if (!matches(exposeAs, EXPOSE_NAME_PATTERN)) return undefined;
    node.exposeAs = exposeAs;
  }
  if ('bypass' in value) {
    if (typeof bypass !== 'boolean') return undefined;
    node.bypass = bypass;
  }
  if ('size' in value) {
    if (!isPlainRecord(size) || !hasOnlyKeys(size, SIZE_KEYS)) return undefined;
    const { width, height } = size;
    const { minNodeWidth, minNodeHeight, maxNodeSide } = FILE_LIMITS;
    if (!inRange(width, minNodeWidth, maxNodeSide) || !inRange(height, minNodeHeight, maxNodeSide))
      return undefined;
    node.size = { width, height };
  }
  if ('collapsed' in value) {
    if (typeof collapsed !== 'boolean') return undefined;
    node.collapsed = collapsed;
  }
  return node;
}

const POSITION_KEYS = new Set(['x', 'y']);
const SIZE_KEYS = new Set(['width', 'height']);

function edgesOf(value: unknown, nodes: readonly FileNode[]): FileEdge[] | undefined {
  if (!Array.isArray(value) || value.length > FILE_LIMITS.maxEdges) return undefined;
  const ids = new Set(nodes.map((node) => node.id));
  const edges: FileEdge[] = [];
  for (const item of value) {
    if (!isPlainRecord(item) || !hasOnlyKeys(item, EDGE_KEYS)) return undefined;
    const { id, source, sourcePort, target, targetPort } = item;
    if (!matches(source, NODE_ID_PATTERN) || !matches(target, NODE_ID_PATTERN)) return undefined;
    if (!matches(sourcePort, PORT_NAME_PATTERN) || !matches(targetPort, PORT_NAME_PATTERN)) return undefined;
    if (!ids.has(source) || !ids.has(target)) return undefined;
    if (!('id' in item)) {
      edges.push({ source, sourcePort, target, targetPort });
      continue;
    }
    if (typeof id !== 'string' || id.length < 1 || id.length > FILE_LIMITS.maxEdgeIdLength) return undefined;
    edges.push({ id, source, sourcePort, target, targetPort });
  }
  return edges;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Only keys the schema knows, none hidden (non-enumerable); zod ignores symbol keys here. */
function hasOnlyKeys(value: Record<string, unknown>, known: ReadonlySet<string>): boolean {
  const keys = Object.keys(value);
  for (const key of keys) if (!known.has(key)) return false;
  return keys.length === Object.getOwnPropertyNames(value).length;
}

/**
 * A plain record's copy (`z.record(z.string(), z.unknown())`): values shared, as zod does. A
 * symbol key fails the record's key schema, so it goes to zod.
 */
function copyRecord(value: unknown): Record<string, unknown> | undefined {
  if (!isPlainRecord(value) || Object.getOwnPropertySymbols(value).length > 0) return undefined;
  const names = Object.getOwnPropertyNames(value);
  if (names.length !== Object.keys(value).length) return undefined;
  const copy: Record<string, unknown> = {};
  for (const key of names) {
    // `__proto__` would set the copy's prototype; the JSON guard refuses it before this, but
    // stored records are checked here too.
    if (key === '__proto__') return undefined;
    copy[key] = value[key];
  }
  return copy;
}

function matches(value: unknown, pattern: RegExp): value is string {
  return typeof value === 'string' && pattern.test(value);
}

function isText(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function inRange(value: unknown, min: number, max: number): value is number {
  return isFiniteNumber(value) && value >= min && value <= max;
}
