/**
 * Canonical JSON: a fixed key order for the format's own objects, sorted keys everywhere else,
 * 2-space indent, trailing newline. Saving a loaded canonical file reproduces it byte for byte.
 */
const TOP_ORDER = ['format', 'version', 'name', 'description', 'components', 'nodes', 'edges', 'extra'];
const COMPONENT_ORDER = ['id', 'name', 'description', 'inputs', 'outputs', 'nodes', 'edges'];
const INPUT_ORDER = ['name', 'type', 'optional', 'default'];
const OUTPUT_ORDER = ['name', 'type', 'from'];
const FROM_ORDER = ['node', 'port'];
const NODE_ORDER = ['id', 'type', 'label', 'position', 'params', 'exposeAs', 'bypass', 'size', 'collapsed'];
const EDGE_ORDER = ['id', 'source', 'sourcePort', 'target', 'targetPort'];

// Listing absent keys, or keys twice, changes nothing: pick skips undefined values, and a key
// assigned again keeps its first place in the object.
function orderKeys(keys: string[], preferred: readonly string[]): string[] {
  // Stryker disable next-line MethodExpression: absent keys listed are skipped by pick
  const known = preferred.filter((key) => keys.includes(key));
  // Stryker disable next-line MethodExpression: keys listed twice keep their first place
  const rest = keys.filter((key) => !preferred.includes(key));
  return [...known, ...rest.sort()];
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      // Stryker disable next-line ConditionalExpression: a key holding undefined is dropped by JSON.stringify, the only reader
      if (child !== undefined) out[key] = sortDeep(child);
    }
    return out;
  }
  return value;
}

function pick(
  value: Record<string, unknown>,
  order: readonly string[],
  deep: Set<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of orderKeys(Object.keys(value), order)) {
    const child = value[key];
    // Stryker disable next-line ConditionalExpression: a key holding undefined is dropped by JSON.stringify, the only reader
    if (child === undefined) continue;
    out[key] = deep.has(key) ? sortDeep(child) : child;
  }
  return out;
}

type Json = Record<string, unknown>;

/** Nodes and edges in their fixed key order (the top level and each component). */
function canonicalGraph(graph: Json): void {
  if (Array.isArray(graph.nodes)) {
    graph.nodes = graph.nodes.map((node: Json) => pick(node, NODE_ORDER, new Set(['position', 'params'])));
  }
  if (Array.isArray(graph.edges)) {
    graph.edges = graph.edges.map((edge: Json) => pick(edge, EDGE_ORDER, new Set()));
  }
}

function canonicalComponent(component: Json): Json {
  const out = pick(component, COMPONENT_ORDER, new Set());
  if (Array.isArray(out.inputs))
    out.inputs = out.inputs.map((input: Json) => pick(input, INPUT_ORDER, new Set(['default'])));
  if (Array.isArray(out.outputs))
    out.outputs = out.outputs.map((output: Json) => {
      const picked = pick(output, OUTPUT_ORDER, new Set());
      if (picked.from !== null && typeof picked.from === 'object')
        picked.from = pick(picked.from as Json, FROM_ORDER, new Set());
      return picked;
    });
  canonicalGraph(out);
  return out;
}

export function canonicalizeWorkflowFile(file: Record<string, unknown>): Record<string, unknown> {
  const top = pick(file, TOP_ORDER, new Set(['extra']));
  if (Array.isArray(top.components)) top.components = top.components.map(canonicalComponent);
  canonicalGraph(top);
  return top;
}

export function canonicalJson(file: Record<string, unknown>): string {
  return `${JSON.stringify(canonicalizeWorkflowFile(file), null, 2)}\n`;
}

/** Stable JSON of any value (sorted keys, no whitespace): the basis of cache keys. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}
