import { isAnnotationType } from './annotations';
import { isBypassed } from './bypass';
import { withFileErrorPath } from './components/error-paths';
import { type ComponentExpansion, expandComponents } from './components/expand';
import { buildGraph, type WorkflowGraph } from './graph';
import { groupDigits } from './group-digits';
import { arrivingCountProblems } from './many/arriving-counts';
import { elementOf } from './many/element-edge';
import { expandWorkflow } from './many/expand';
import { readsManyOutput } from './many/reads-many';
import { type AnyNodeDefinition, inputSpecsOf, type NodeRegistry } from './node-definition';
import { parseParams } from './parse-params';
import { acceptsManyEdges, canConnect } from './ports';
import { formatJsonPath, type PeelError, peelError } from './result';
import { inputNameProblem, type Workflow } from './workflow';

export interface ValidationReport {
  /** Problems per node; a node with problems does not run and its dependents are skipped. */
  nodeErrors: Map<string, PeelError[]>;
  /** Problems of the whole graph (cycles): nothing runs. */
  graphErrors: PeelError[];
  warnings: string[];
  graph: WorkflowGraph;
  /** Params parsed through each definition's schema (defaults applied), for valid nodes. */
  params: Map<string, unknown>;
  /**
   * The flat graph that was checked and that plans and runs use: components expanded into their
   * inner nodes (`instance/inner` ids). The workflow itself when it uses no component.
   */
  workflow: Workflow;
  expansion?: ComponentExpansion;
  /**
   * Whether an edge reads a node's many output (a list, variants): only then can a node map over
   * many values. False: the flat graph is already concrete, and expanding it would change nothing.
   */
  readsMany?: boolean;
}

/**
 * Checks a workflow: components are expanded first (a pure step, issue #15) and the flat graph is
 * checked; paths in the errors point into the file (`components[0].nodes[2].params.model`).
 */
export function validateWorkflow(workflow: Workflow, registry: NodeRegistry): ValidationReport {
  const expansion = expandComponents(workflow);
  const report = validateFlatWorkflow(expansion.workflow, registry);
  if (!expansion.origins) return report;
  for (const [id, errors] of report.nodeErrors)
    report.nodeErrors.set(
      id,
      errors.map((error) => withFileErrorPath(error, expansion)),
    );
  for (const error of expansion.errors) {
    const id = error.nodeId ?? '';
    report.nodeErrors.set(id, [...(report.nodeErrors.get(id) ?? []), error]);
  }
  // A component containing itself is a cycle of the file: like a cycle of the graph, nothing runs.
  const componentCycles = expansion.errors.filter((error) => error.code === 'cycle');
  return { ...report, graphErrors: [...report.graphErrors, ...componentCycles], expansion };
}

function validateFlatWorkflow(workflow: Workflow, registry: NodeRegistry): ValidationReport {
  const graph = buildGraph(workflow);
  const nodeErrors = new Map<string, PeelError[]>();
  const params = new Map<string, unknown>();
  const warnings: string[] = [];
  const addError = (nodeId: string, error: PeelError) => {
    const list = nodeErrors.get(nodeId) ?? [];
    list.push({ ...error, nodeId });
    nodeErrors.set(nodeId, list);
  };
  const definitionOf = (type: string): AnyNodeDefinition | undefined =>
    Object.hasOwn(registry, type) ? registry[type] : undefined;
  const nodesById = new Map(workflow.nodes.map((node, index) => [node.id, { node, index }]));

  // Node checks run after every node's params are parsed: a check may need what arrives from upstream.
  const deferredChecks: Array<() => void> = [];
  const exposedBy = new Map<string, string>();
  workflow.nodes.forEach((node, index) => {
    if (node.exposeAs !== undefined) {
      const path = formatJsonPath(['nodes', index, 'exposeAs']);
      const nameProblem = inputNameProblem(node.exposeAs);
      if (nameProblem !== undefined) addError(node.id, peelError('invalid_params', nameProblem, { path }));
      const other = exposedBy.get(node.exposeAs);
      if (other !== undefined)
        addError(
          node.id,
          peelError('invalid_params', `input name "${node.exposeAs}" is already used by "${other}"`, {
            path,
          }),
        );
      else exposedBy.set(node.exposeAs, node.id);
    }
    // Frames and notes are annotations: nothing to validate, nothing to run.
    if (isAnnotationType(node.type)) return;
    const definition = definitionOf(node.type);
    if (!definition) {
      addError(
        node.id,
        peelError(
          'unknown_node_type',
          `unknown node type "${node.type}": this Peel has no such node; it is kept as is but cannot run`,
          {
            path: formatJsonPath(['nodes', index, 'type']),
          },
        ),
      );
      return;
    }
    const parsed = parseParams(definition.params, node.params);
    // A bypassed node neither reads its params nor needs its inputs: it only passes values on.
    if (isBypassed(node)) {
      if (parsed.success) params.set(node.id, parsed.data);
      return;
    }
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        addError(
          node.id,
          peelError('invalid_params', issue.message, {
            path: formatJsonPath(['nodes', index, 'params', ...(issue.path as PropertyKey[])]),
          }),
        );
      }
      return;
    }
    params.set(node.id, parsed.data);
    const incoming = graph.incoming.get(node.id) ?? new Map();
    const connected = new Set<string>();
    for (const [portName, edges] of incoming) if (edges.length > 0) connected.add(portName);
    for (const [portName, spec] of Object.entries(inputSpecsOf(definition, parsed.data))) {
      const edges = incoming.get(portName) ?? [];
      if (!spec.optional && edges.length === 0) {
        addError(
          node.id,
          peelError('missing_input', `input "${portName}" (${spec.type}) is not connected`, {
            path: formatJsonPath(['nodes', index]),
          }),
        );
      }
      if (edges.length > 1 && !acceptsManyEdges(spec.type, spec)) {
        addError(
          node.id,
          peelError('too_many_edges', `input "${portName}" takes one connection; it has ${edges.length}`, {
            path: formatJsonPath(['nodes', index]),
          }),
        );
      }
    }
    deferredChecks.push(() => {
      const context = { connectedInputs: connected, knownInputCounts: knownInputCounts(node.id) };
      for (const check of definition.check?.(parsed.data, context) ?? []) {
        addError(node.id, {
          ...check,
          path: check.path
            ? formatJsonPath(['nodes', index, 'params']) + check.path
            : formatJsonPath(['nodes', index]),
        });
      }
    });
  });

  /** Per list input of `nodeId`: the images arriving, when every source's params decide its count. */
  function knownInputCounts(nodeId: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [portName, edges] of graph.incoming.get(nodeId) ?? []) {
      let total = 0;
      for (const edge of edges) {
        const source = nodesById.get(edge.source)?.node;
        const sourceDef = source ? definitionOf(source.type) : undefined;
        const sourceParams = params.get(edge.source);
        // One element of a many value (an expanded edge) is one image.
        const count =
          elementOf(edge) !== undefined
            ? 1
            : sourceDef?.outputCounts && sourceParams !== undefined
              ? sourceDef.outputCounts(sourceParams)[edge.sourcePort]
              : undefined;
        if (count === undefined) {
          total = Number.NaN;
          break;
        }
        total += count;
      }
      if (!Number.isNaN(total)) counts.set(portName, total);
    }
    return counts;
  }
  for (const check of deferredChecks) check();

  workflow.edges.forEach((edge, index) => {
    const path = formatJsonPath(['edges', index]);
    const source = nodesById.get(edge.source);
    const target = nodesById.get(edge.target);
    if (!source || !target) return;
    const sourceDef = definitionOf(source.node.type);
    const targetDef = definitionOf(target.node.type);
    const outSpec = sourceDef?.outputs[edge.sourcePort];
    const inSpec = targetDef ? inputSpecsOf(targetDef, params.get(edge.target))[edge.targetPort] : undefined;
    if (sourceDef && !outSpec) {
      addError(
        edge.target,
        peelError('unknown_port', `${source.node.type} "${edge.source}" has no output "${edge.sourcePort}"`, {
          path,
        }),
      );
    }
    if (targetDef && !inSpec) {
      addError(
        edge.target,
        peelError('unknown_port', `${target.node.type} has no input "${edge.targetPort}"`, { path }),
      );
    }
    if (outSpec && inSpec && !canConnect(outSpec.type, inSpec.type)) {
      addError(
        edge.target,
        peelError(
          'port_mismatch',
          `cannot connect ${outSpec.type} output "${edge.source}.${edge.sourcePort}" to ${inSpec.type} input "${edge.targetPort}"`,
          { path },
        ),
      );
    }
  });

  // Many-values: two zipped sequences of different lengths (see src/engine/many/). Without an edge
  // from a many output nothing maps, so the expansion has no problem to report.
  const readsMany = readsManyOutput(workflow, (id) => {
    const node = nodesById.get(id)?.node;
    const definition = node ? definitionOf(node.type) : undefined;
    const nodeParams = params.get(id);
    return definition?.manyOutputs && nodeParams !== undefined
      ? definition.manyOutputs(nodeParams)
      : undefined;
  });
  if (readsMany)
    for (const [id, errors] of expandWorkflow(workflow, { registry }).errors)
      for (const error of errors) addError(id, error);
  // A Pick's index past the most items that can arrive: refused before anything is paid for.
  for (const [id, errors] of arrivingCountProblems(workflow, registry)) {
    const index = nodesById.get(id)?.index;
    for (const error of errors)
      addError(id, {
        ...error,
        ...(index !== undefined
          ? { path: formatJsonPath(['nodes', index, 'params']) + (error.path ?? '') }
          : {}),
      });
  }

  const graphErrors = graph.cycles.map((cycle) => peelError('cycle', cycleMessage(cycle, graph)));
  for (const cycle of graph.cycles) {
    // One message shared by every member: a 5,000-node cycle must not build 5,000 long strings.
    const memberError = peelError('cycle', `part of a cycle: ${describeCycle(cycle)}`);
    for (const id of cycle) addError(id, memberError);
  }
  return { nodeErrors, graphErrors, warnings, graph, params, workflow, readsMany };
}

/** A node wired to itself gets its own words: "a cycle through one node" reads like a riddle. */
function cycleMessage(cycle: string[], graph: WorkflowGraph): string {
  const [only] = cycle;
  const loop =
    cycle.length === 1 ? graph.outgoing.get(only ?? '')?.find((edge) => edge.target === only) : undefined;
  if (loop) {
    return `"${only}" is connected to itself (${loop.sourcePort} -> ${loop.targetPort}); remove that connection`;
  }
  return `the graph has a cycle through ${describeCycle(cycle)}; remove one of its connections`;
}

/** Nodes shown when naming a cycle; a longer one is cut with its length, so a message stays readable. */
const CYCLE_NODES_SHOWN = 12;

function describeCycle(cycle: readonly string[]): string {
  const shown = cycle.slice(0, CYCLE_NODES_SHOWN).map((id) => `"${id}"`);
  if (cycle.length <= CYCLE_NODES_SHOWN) return shown.join(' -> ');
  return `${shown.join(' -> ')} -> ... (${groupDigits(cycle.length)} nodes)`;
}

export function allValidationErrors(report: ValidationReport): PeelError[] {
  const nodeErrors = [...report.nodeErrors.values()].flat().filter((error) => error.code !== 'cycle');
  // An error inside a component used twice is one problem in the file, said once.
  const seen = new Set<string>();
  const unique = nodeErrors.filter((error) => {
    if (error.path === undefined) return true;
    const key = `${error.code}\u0000${error.path}\u0000${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [...report.graphErrors, ...unique];
}
