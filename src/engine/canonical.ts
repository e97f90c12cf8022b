/**
 * Canonical JSON: a fixed key order for the format's own objects, sorted keys everywhere else,
 * 2-space indent, trailing newline. Saving a loaded canonical file reproduces it byte for byte.
 */
const TOP_ORDER = ['format', 'version', 'name', 'description', 'nodes', 'edges', 'extra'];
const NODE_ORDER = ['id', 'type', 'label', 'position', 'params', 'exposeAs', 'bypass', 'size', 'collapsed'];
const EDGE_ORDER = ['id', 'source', 'sourcePort', 'target', 'targetPort'];

function orderKeys(keys: string[], preferred: readonly string[]): string[] {
  const known = preferred.filter((key) => keys.includes(key));
  const rest = keys.filter((key) => !preferred.includes(key)).sort();
  return [...known, ...rest];
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
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
    if (child === undefined) continue;
    out[key] = deep.has(key) ? sortDeep(child) : child;
  }
  return out;
}

export function canonicalizeWorkflowFile(file: Record<string, unknown>): Record<string, unknown> {
  const top = pick(file, TOP_ORDER, new Set(['extra']));
  if (Array.isArray(top.nodes)) {
    top.nodes = top.nodes.map((node: Record<string, unknown>) =>
      pick(node, NODE_ORDER, new Set(['position', 'params'])),
    );
  }
  if (Array.isArray(top.edges)) {
    top.edges = top.edges.map((edge: Record<string, unknown>) => pick(edge, EDGE_ORDER, new Set()));
  }
  return top;
}

export function canonicalJson(file: Record<string, unknown>): string {
  return `${JSON.stringify(canonicalizeWorkflowFile(file), null, 2)}\n`;
}

/** Stable JSON of any value (sorted keys, no whitespace): the basis of cache keys. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}
