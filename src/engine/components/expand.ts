import { formatJsonPath, type PeelError, peelError } from '../result';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../workflow';
import {
  COMPONENT_INPUT_SOURCE,
  type ComponentDefinition,
  type ComponentInput,
  componentIdOf,
  instanceInputValues,
  isComponentNode,
  PATH_SEPARATOR,
} from './types';

type JsonPath = (string | number)[];

/** Where a node of the flat graph comes from, for error paths and display. */
export interface FlatNodeOrigin {
  /** Path of the node in the file: `['nodes', 3]`, `['components', 0, 'nodes', 2]`. */
  path: JsonPath;
  /** "sceneMaker › gen": the instance path by labels (or ids), for people. */
  display: string;
  /** Set when the node stands for the value of an unconnected component input. */
  instanceInput?: { instancePath: JsonPath; componentId: string; input: string };
}

export interface ComponentExpansion {
  /** The flat graph: no component nodes, inner nodes under namespaced ids (`a/gen`, `a/b/gen`). */
  workflow: Workflow;
  /** Problems met while expanding (unknown component, a component containing itself, missing input values). */
  errors: PeelError[];
  /** Per flat node id. Absent when the workflow uses no component (the flat graph is the workflow). */
  origins?: Map<string, FlatNodeOrigin>;
  /** Per flat edge (same index): path of the edge in the file. */
  edgeOrigins?: JsonPath[];
}

type End = { node: string; port: string } | { junction: string };

interface RawEdge {
  source: End;
  target: End;
  origin: JsonPath;
}

interface Level {
  nodes: readonly WorkflowNode[];
  edges: readonly WorkflowEdge[];
  /** Namespace of this level's ids: '' at the top, 'a/' inside instance a. */
  prefix: string;
  displayPrefix: string;
  /** Component ids from the top to here: a component met again on this chain contains itself. */
  chain: string[];
  nodesPath: JsonPath;
  edgesPath: JsonPath;
  /** The flat id of the instance whose inside this level is (undefined at the top). */
  instance?: string;
}

const inJunction = (instance: string, input: string) => `in\u0000${instance}\u0000${input}`;
const outJunction = (instance: string, output: string) => `out\u0000${instance}\u0000${output}`;

/** The flat ids of every node inside instance `instanceId` (nested ones included). */
export function isInside(flatId: string, instanceId: string): boolean {
  return flatId.startsWith(instanceId + PATH_SEPARATOR);
}

/** The top-level node a flat id belongs to (`a/b/gen` → `a`). */
export function outerNodeId(flatId: string): string {
  const cut = flatId.indexOf(PATH_SEPARATOR);
  return cut < 0 ? flatId : flatId.slice(0, cut);
}

/**
 * Expands every component instance into its inner nodes (pure; the input is not changed).
 * Edges into an instance's input reach the inner nodes its `$in` edges feed; an unconnected input
 * is fed by a node holding its value (`params.inputs`, else the input's `default`); edges from an
 * instance's output leave from the inner node its `from` names. Ids are namespaced, never cache keys.
 */
export function expandComponents(workflow: Workflow): ComponentExpansion {
  if (!workflow.nodes.some(isComponentNode)) return { workflow, errors: [] };
  const defs = new Map<string, { def: ComponentDefinition; index: number }>();
  // Stryker disable next-line ArrayDeclaration: a stand-in entry would sit under an undefined id, never looked up (lookups use a string id)
  (workflow.components ?? []).forEach((def, index) => {
    if (!defs.has(def.id)) defs.set(def.id, { def, index });
  });
  const nodes: WorkflowNode[] = [];
  const origins = new Map<string, FlatNodeOrigin>();
  const raw: RawEdge[] = [];
  const errors: PeelError[] = [];

  const expandLevel = (level: Level): void => {
    const instances = new Map<string, ComponentDefinition | undefined>();
    level.nodes.forEach((node, index) => {
      const flatId = level.prefix + node.id;
      const nodePath = [...level.nodesPath, index];
      const display = level.displayPrefix + (node.label?.trim() || node.id);
      if (!isComponentNode(node)) {
        const { exposeAs: _exposeAs, ...inner } = node;
        // Only the top level exposes inputs: an inner node's name would repeat in every instance.
        nodes.push(level.prefix === '' ? { ...node } : { ...inner, id: flatId });
        origins.set(flatId, { path: nodePath, display });
        return;
      }
      instances.set(node.id, undefined);
      const badComponentParam = (message: string) =>
        errors.push(
          peelError('invalid_params', message, {
            nodeId: flatId,
            path: formatJsonPath([...nodePath, 'params', 'component']),
          }),
        );
      const componentId = componentIdOf(node);
      if (componentId === undefined) {
        badComponentParam('a component node names its component (params.component)');
        return;
      }
      const entry = defs.get(componentId);
      if (!entry) {
        badComponentParam(`no component "${componentId}" in this workflow`);
        return;
      }
      if (level.chain.includes(componentId)) {
        const chain = [...level.chain.slice(level.chain.indexOf(componentId)), componentId];
        errors.push(
          peelError(
            'cycle',
            `component "${componentId}" contains itself (${chain.join(' › ')}); remove the inner "${componentId}" node`,
            { nodeId: flatId, path: formatJsonPath(nodePath) },
          ),
        );
        return;
      }
      const { def, index: defIndex } = entry;
      instances.set(node.id, def);
      expandLevel({
        nodes: def.nodes,
        edges: def.edges,
        prefix: flatId + PATH_SEPARATOR,
        displayPrefix: `${display} › `,
        chain: [...level.chain, componentId],
        nodesPath: ['components', defIndex, 'nodes'],
        edgesPath: ['components', defIndex, 'edges'],
        instance: flatId,
      });
      const innerInstances = new Set(def.nodes.filter(isComponentNode).map((inner) => inner.id));
      def.outputs.forEach((output, o) => {
        const from = output.from;
        raw.push({
          source: innerInstances.has(from.node)
            ? { junction: outJunction(flatId + PATH_SEPARATOR + from.node, from.port) }
            : { node: flatId + PATH_SEPARATOR + from.node, port: from.port },
          target: { junction: outJunction(flatId, output.name) },
          // Stryker disable next-line ArrayDeclaration,StringLiteral: only an edge into a real node gives its origin to a flat edge, never one into a junction
          origin: ['components', defIndex, 'outputs', o],
        });
      });
      const connected = new Set(
        level.edges.filter((edge) => edge.target === node.id).map((edge) => edge.targetPort),
      );
      const values = instanceInputValues(node);
      const inputNames = new Set(def.inputs.map((input) => input.name));
      for (const name of Object.keys(values)) {
        if (!inputNames.has(name))
          errors.push(
            peelError('unknown_port', `component "${def.name}" has no input "${name}"`, {
              nodeId: flatId,
              path: formatJsonPath([...nodePath, 'params', 'inputs', name]),
            }),
          );
      }
      for (const input of def.inputs) {
        if (connected.has(input.name)) continue;
        const value = Object.hasOwn(values, input.name) ? values[input.name] : input.default;
        const where = `${formatJsonPath(nodePath)} (${componentId}) input "${input.name}"`;
        if (value === undefined || value === null) {
          if (!input.optional)
            errors.push(
              peelError('missing_input', `${input.type} input has no value: connect it or give it one`, {
                nodeId: flatId,
                path: where,
              }),
            );
          continue;
        }
        const valueId = `${flatId}${PATH_SEPARATOR}@${input.name}`;
        const valueNode = inputValueNode(valueId, node, input, value);
        nodes.push(valueNode.node);
        origins.set(valueId, {
          path: nodePath,
          display: `${display} › ${input.name}`,
          instanceInput: { instancePath: nodePath, componentId, input: input.name },
        });
        raw.push({
          source: { node: valueId, port: valueNode.port },
          target: { junction: inJunction(flatId, input.name) },
          origin: nodePath,
        });
      }
    });
    level.edges.forEach((edge, index) => {
      const origin = [...level.edgesPath, index];
      const sourceIsInstance = instances.has(edge.source);
      const targetIsInstance = instances.has(edge.target);
      const sourceDef = instances.get(edge.source);
      const targetDef = instances.get(edge.target);
      if (sourceDef && !sourceDef.outputs.some((output) => output.name === edge.sourcePort))
        errors.push(
          peelError('unknown_port', `component "${sourceDef.name}" has no output "${edge.sourcePort}"`, {
            nodeId: level.prefix + edge.target,
            path: formatJsonPath(origin),
          }),
        );
      if (targetDef && !targetDef.inputs.some((input) => input.name === edge.targetPort))
        errors.push(
          peelError('unknown_port', `component "${targetDef.name}" has no input "${edge.targetPort}"`, {
            nodeId: level.prefix + edge.target,
            path: formatJsonPath(origin),
          }),
        );
      const source: End =
        edge.source === COMPONENT_INPUT_SOURCE && level.instance !== undefined
          ? { junction: inJunction(level.instance, edge.sourcePort) }
          : sourceIsInstance
            ? { junction: outJunction(level.prefix + edge.source, edge.sourcePort) }
            : { node: level.prefix + edge.source, port: edge.sourcePort };
      const target: End = targetIsInstance
        ? { junction: inJunction(level.prefix + edge.target, edge.targetPort) }
        : { node: level.prefix + edge.target, port: edge.targetPort };
      raw.push({ source, target, origin });
    });
  };

  expandLevel({
    nodes: workflow.nodes,
    edges: workflow.edges,
    prefix: '',
    displayPrefix: '',
    // Stryker disable next-line ArrayDeclaration: a chain is only searched for and cut at a component id, and no valid id ("Stryker was here" has spaces) matches a stand-in entry
    chain: [],
    nodesPath: ['nodes'],
    edgesPath: ['edges'],
  });

  // Junctions collapse: an edge into a real node takes every real source feeding its source junction.
  const feeding = new Map<string, RawEdge[]>();
  for (const edge of raw) {
    // Stryker disable next-line ConditionalExpression: edges into real nodes would be listed under an undefined junction, which no lookup asks for
    if ('junction' in edge.target) {
      const list = feeding.get(edge.target.junction) ?? [];
      list.push(edge);
      feeding.set(edge.target.junction, list);
    }
  }
  const realSources = (end: End, onPath: Set<string>): { node: string; port: string }[] => {
    if (!('junction' in end)) return [end];
    // Defensive: junctions cannot loop (an in junction is fed from its enclosing instance's in junction, or from an out
    // junction, which is fed only from deeper out junctions or real nodes), so the guard is never met.
    // Stryker disable next-line ConditionalExpression,ArrayDeclaration: unreachable, see above
    if (onPath.has(end.junction)) return [];
    onPath.add(end.junction);
    const found = (feeding.get(end.junction) ?? []).flatMap((edge) => realSources(edge.source, onPath));
    onPath.delete(end.junction);
    return found;
  };
  const edges: WorkflowEdge[] = [];
  const edgeOrigins: JsonPath[] = [];
  for (const edge of raw) {
    if ('junction' in edge.target) continue;
    for (const source of realSources(edge.source, new Set())) {
      edges.push({
        source: source.node,
        sourcePort: source.port,
        target: edge.target.node,
        targetPort: edge.target.port,
      });
      edgeOrigins.push(edge.origin);
    }
  }
  const { components: _components, ...rest } = workflow;
  return { workflow: { ...rest, nodes, edges }, errors, origins, edgeOrigins };
}

/**
 * The node that holds an unconnected input's value: a prompt for text, a reference set for
 * images. Its output has the same content as a connected source would, so cache keys match.
 */
function inputValueNode(
  id: string,
  instance: WorkflowNode,
  input: ComponentInput,
  value: unknown,
): { node: WorkflowNode; port: string } {
  const position = { ...instance.position };
  if (input.type === 'text')
    return { node: { id, type: 'prompt', position, params: { text: value } }, port: 'text' };
  const images = Array.isArray(value) ? value : [value];
  return {
    node: { id, type: 'referenceSet', position, params: { images } },
    port: input.type === 'image' ? 'image' : 'images',
  };
}
