/**
 * Many-values, expanded in front of the executor: a node whose single-valued input receives a
 * *many* value becomes one instance per element (`gen[1]`, `gen[2]`; a cross product
 * `gen[2,3]`), each with its own concrete edges. The executor, the planner and the cache only ever
 * see these concrete instances, so a cache key never depends on where an element sits: an
 * instance carries its node's type and params and reads one element's content.
 *
 * Works on any flat graph (ids may hold `/`, as components expand to `instance/inner`).
 * Where a count comes from a model's answer (a text model's list), the nodes that map over it
 * wait until that answer has arrived; `expandWorkflow` is then called again with it.
 */
import { isDeepFrozen } from '../deep-frozen';
import { buildGraph } from '../graph';
import {
  type AnyNodeDefinition,
  inputSpecsOf,
  type ManyOutputInfo,
  type NodeRegistry,
} from '../node-definition';
import { parseParams } from '../parse-params';
import { type PeelError, peelError } from '../result';
import type { NodeOutputs } from '../values';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../workflow';
import { type ElementEdge, elementOf } from './element-edge';

export type Combine = 'cross' | 'zip';

/** What a concrete instance stands for. */
export interface InstanceInfo {
  /** The node of the (flat) workflow this instance is an element of. */
  of: string;
  /** 1-based position among that node's instances. */
  element: number;
  /** How many instances that node has. */
  count: number;
  /** 1-based coordinates per axis, as in the id `gen[2,3]`; empty for an unmapped node. */
  index: number[];
  /** The text of the items this element was made from (export's `{item}`). */
  item?: string;
}

export interface ExpandOptions {
  registry: NodeRegistry;
  /** Outputs of instances whose many output's count comes from their answer. */
  arrived?: ReadonlyMap<string, NodeOutputs>;
  /** Count an answer not yet arrived at its declared maximum (for "up to N" estimates). */
  assumeMax?: boolean;
}

export interface Expansion {
  /** The concrete graph: one node per instance. Nodes still waiting for a count are left out. */
  workflow: Workflow;
  instances: Map<string, InstanceInfo>;
  /** Nodes left out until an answer says how many elements they map over: node -> that instance. */
  waiting: Map<string, string>;
  /** Problems of the expansion itself (zip lengths), by instance id. */
  errors: Map<string, PeelError[]>;
  /** True when some node maps (the concrete graph differs from the file's). */
  mapped: boolean;
}

interface Coord {
  axis: string;
  i: number;
  label?: string;
}

interface Instance {
  id: string;
  coords: Coord[];
}

/** One value a node's input can read: an instance's output, or one element of it. */
interface Entry {
  coords: Coord[];
  source: string;
  element?: number;
}

type Family = { entries: Entry[] } | { waitingOn: string };

const COMBINES: ReadonlySet<string> = new Set(['cross', 'zip']);

/** The `combine` param of a node (cross when absent): a choice about expansion, not about the call. */
export function combineOf(params: unknown): Combine {
  const value = (params as { combine?: unknown } | undefined)?.combine;
  return typeof value === 'string' && COMBINES.has(value) ? (value as Combine) : 'cross';
}

export function instanceId(of: string, coords: readonly Coord[]): string {
  return coords.length === 0 ? of : `${of}[${coords.map((coord) => coord.i + 1).join(',')}]`;
}

/** Expansions of documents that cannot change, with no answer arrived, per node registry. */
const plainExpansions = new WeakMap<Workflow, WeakMap<NodeRegistry, Expansion>>();

/**
 * The concrete graph of `workflow`. A document frozen all the way down (the editor's) expanded
 * with no answer is expanded once: validation and the estimate both expand the document they are
 * given, on every edit, which on a 500-node graph cost tens of ms each. The result is shared, so
 * callers must not change it (its graph's node and edge lists are frozen to make sure).
 */
export function expandWorkflow(workflow: Workflow, options: ExpandOptions): Expansion {
  const plain = (options.arrived === undefined || options.arrived.size === 0) && !options.assumeMax;
  if (!plain || !isDeepFrozen(workflow)) return expandFresh(workflow, options);
  let byRegistry = plainExpansions.get(workflow);
  const known = byRegistry?.get(options.registry);
  if (known) return known;
  const expansion = expandFresh(workflow, options);
  Object.freeze(expansion.workflow.nodes);
  Object.freeze(expansion.workflow.edges);
  Object.freeze(expansion.workflow);
  if (!byRegistry) {
    byRegistry = new WeakMap();
    plainExpansions.set(workflow, byRegistry);
  }
  byRegistry.set(options.registry, expansion);
  return expansion;
}

function expandFresh(workflow: Workflow, options: ExpandOptions): Expansion {
  const graph = buildGraph(workflow);
  const instances = new Map<string, InstanceInfo>();
  const identity = (): Expansion => {
    for (const node of workflow.nodes)
      instances.set(node.id, { of: node.id, element: 1, count: 1, index: [] });
    return { workflow, instances, waiting: new Map(), errors: new Map(), mapped: false };
  };
  // A cycle is validation's to report; nothing is expanded through it.
  if (graph.cycles.length > 0) return identity();

  const nodesById = new Map(workflow.nodes.map((node) => [node.id, node]));
  const definitionOf = (node: WorkflowNode): AnyNodeDefinition | undefined =>
    Object.hasOwn(options.registry, node.type) ? options.registry[node.type] : undefined;
  const parsedParams = new Map<string, unknown>();
  const manyOf = new Map<string, Record<string, ManyOutputInfo>>();
  for (const node of workflow.nodes) {
    const definition = definitionOf(node);
    const parsed = definition ? parseParams(definition.params, node.params) : undefined;
    // Stryker disable next-line OptionalChaining: parsed is undefined only when definition is, which the test before it catches
    if (!definition || !parsed?.success) continue;
    parsedParams.set(node.id, parsed.data);
    const many = definition.manyOutputs?.(parsed.data);
    if (many && Object.keys(many).length > 0) manyOf.set(node.id, many);
  }
  // Nothing produces many values: the file's graph is already concrete.
  if (manyOf.size === 0) return identity();

  const instancesOf = new Map<string, Instance[]>();
  const waiting = new Map<string, string>();
  const errors = new Map<string, PeelError[]>();
  const nodes: WorkflowNode[] = [];
  const edges: ElementEdge[] = [];
  let mapped = false;

  const familyOf = (edge: WorkflowEdge): Family => {
    // Stryker disable next-line ArrayDeclaration: in topological order every source has its instances (a waiting one stopped its readers above)
    const sources = instancesOf.get(edge.source) ?? [];
    // An edge that already names an element (a graph expanded before) reads that one value.
    const many = elementOf(edge) === undefined ? manyOf.get(edge.source)?.[edge.sourcePort] : undefined;
    if (!many) {
      // An edge naming no element leaves `element` undefined; the concrete edge below copies only a defined one.
      const element = elementOf(edge);
      return { entries: sources.map((source) => ({ coords: source.coords, source: source.id, element })) };
    }
    const entries: Entry[] = [];
    const axis = `${edge.source}.${edge.sourcePort}`;
    for (const source of sources) {
      const value = options.arrived?.get(source.id)?.[edge.sourcePort];
      const count =
        many.count ?? (Array.isArray(value) ? value.length : options.assumeMax ? many.max : undefined);
      if (count === undefined) return { waitingOn: source.id };
      for (let i = 0; i < count; i++) {
        const text = many.labels?.[i] ?? (Array.isArray(value) ? value[i] : undefined);
        entries.push({
          coords: [...source.coords, { axis, i, ...(typeof text === 'string' ? { label: text } : {}) }],
          source: source.id,
          element: i,
        });
      }
    }
    return { entries };
  };

  for (const id of graph.order) {
    const node = nodesById.get(id);
    if (!node) continue;
    const definition = definitionOf(node);
    const params = parsedParams.get(id);
    const incoming = graph.incoming.get(id) ?? new Map<string, WorkflowEdge[]>();
    const waitingSource = [...incoming.values()].flat().find((edge) => waiting.has(edge.source));
    if (waitingSource) {
      waiting.set(id, waiting.get(waitingSource.source) as string);
      continue;
    }
    const specs = definition ? inputSpecsOf(definition, params) : {};
    const mapping: Array<{ edge: WorkflowEdge; entries: Entry[] }> = [];
    const whole: WorkflowEdge[] = [];
    let waitsOn: string | undefined;
    for (const portEdges of incoming.values()) {
      for (const edge of portEdges) {
        // A node that cannot run (unknown type, bad params) is not mapped: validation says why.
        if (specs[edge.targetPort]?.whole || params === undefined) {
          whole.push(edge);
          continue;
        }
        const family = familyOf(edge);
        if ('waitingOn' in family) waitsOn ??= family.waitingOn;
        else mapping.push({ edge, entries: family.entries });
      }
    }
    if (waitsOn !== undefined) {
      waiting.set(id, waitsOn);
      continue;
    }
    const joined = join(mapping, combineOf(params));
    if ('mismatch' in joined) {
      const [a, b] = joined.mismatch;
      errors.set(id, [
        peelError(
          'length_mismatch',
          `combine is "zip" but the inputs hold ${a} and ${b} elements; give them the same length or use "cross"`,
          { nodeId: id },
        ),
      ]);
    }
    // Refused (the error above), the node still shows its inputs wired (to their first elements):
    // an unwired input would add a "not connected" problem the user never made.
    const rows: Row[] =
      'mismatch' in joined
        ? [
            {
              coords: [],
              picks: mapping.flatMap(({ edge, entries }) =>
                entries[0] ? [{ edge, entry: entries[0] }] : [],
              ),
            },
          ]
        : joined.rows;
    const own: Instance[] = [];
    rows.forEach((row, position) => {
      const instance: Instance = { id: instanceId(id, row.coords), coords: row.coords };
      if (instance.id !== id) mapped = true;
      own.push(instance);
      const labels = row.coords.map((coord) => coord.label).filter((label) => label !== undefined);
      instances.set(instance.id, {
        of: id,
        element: position + 1,
        count: rows.length,
        index: row.coords.map((coord) => coord.i + 1),
        ...(labels.length > 0 ? { item: labels.join(' ') } : {}),
      });
      nodes.push({ ...node, id: instance.id, params: withoutCombine(node.params) });
      for (const { edge, entry } of row.picks) {
        edges.push({
          source: entry.source,
          sourcePort: edge.sourcePort,
          target: instance.id,
          targetPort: edge.targetPort,
          ...(entry.element !== undefined ? { element: entry.element } : {}),
        });
      }
      for (const edge of whole) {
        // Stryker disable next-line ArrayDeclaration,ObjectLiteral: in topological order every source has its instances, so the fallback is never read
        for (const source of instancesOf.get(edge.source) ?? [{ id: edge.source, coords: [] }])
          edges.push({
            source: source.id,
            sourcePort: edge.sourcePort,
            target: instance.id,
            targetPort: edge.targetPort,
          });
      }
    });
    instancesOf.set(id, own);
  }
  // Nodes in cycles never reach the order; they were returned whole above, so none are left here.
  return {
    workflow: { ...workflow, nodes, edges },
    instances,
    waiting,
    errors,
    mapped: mapped || waiting.size > 0,
  };
}

interface Row {
  coords: Coord[];
  picks: Array<{ edge: WorkflowEdge; entry: Entry }>;
}

/**
 * Pairs the values arriving on a node's inputs. Inputs sharing an axis (two branches mapped over
 * one list) pair by that axis; other axes cross (every pairing, the first input outermost) or zip
 * (element by element).
 */
function join(
  mapping: ReadonlyArray<{ edge: WorkflowEdge; entries: Entry[] }>,
  combine: Combine,
): { rows: Row[] } | { mismatch: [number, number] } {
  if (combine === 'zip') {
    const mappedLengths = mapping
      .filter((group) => !isSingle(group.entries))
      .map((group) => group.entries.length);
    const length = mappedLengths[0] ?? 1;
    const other = mappedLengths.find((value) => value !== length);
    if (other !== undefined) return { mismatch: [length, other] };
    const rows: Row[] = [];
    for (let k = 0; k < length; k++) {
      const row: Row = { coords: [], picks: [] };
      for (const group of mapping) {
        const entry = isSingle(group.entries) ? group.entries[0] : group.entries[k];
        // Stryker disable next-line ConditionalExpression: a guard for the type: every mapped group holds `length` entries (else a mismatch above), a single one its first
        if (!entry) continue;
        row.coords = merge(row.coords, entry.coords);
        row.picks.push({ edge: group.edge, entry });
      }
      rows.push(row);
    }
    return { rows };
  }
  let rows: Row[] = [{ coords: [], picks: [] }];
  for (const group of mapping) {
    const next: Row[] = [];
    for (const row of rows) {
      for (const entry of group.entries) {
        if (!compatible(row.coords, entry.coords)) continue;
        next.push({
          coords: merge(row.coords, entry.coords),
          picks: [...row.picks, { edge: group.edge, entry }],
        });
      }
    }
    rows = next;
  }
  return { rows };
}

const isSingle = (entries: readonly Entry[]): boolean =>
  entries.length === 1 && (entries[0] as Entry).coords.length === 0;

function compatible(a: readonly Coord[], b: readonly Coord[]): boolean {
  for (const coord of b) {
    const same = a.find((other) => other.axis === coord.axis);
    if (same && same.i !== coord.i) return false;
  }
  return true;
}

function merge(a: readonly Coord[], b: readonly Coord[]): Coord[] {
  return [...a, ...b.filter((coord) => !a.some((other) => other.axis === coord.axis))];
}

function withoutCombine(params: Record<string, unknown>): Record<string, unknown> {
  // Stryker disable next-line ConditionalExpression: without a combine key, the rest is an equal copy of params
  if (!Object.hasOwn(params, 'combine')) return params;
  const { combine: _choice, ...rest } = params;
  return rest;
}
