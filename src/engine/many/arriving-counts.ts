/**
 * How many values can arrive on a node's whole inputs (a Pick's `items`), counting answers that
 * have not arrived at their node's declared maximum ("up to N"). A node whose params can only fail
 * with that many (a Pick's index past the end) is refused before the run, so nothing is paid for
 * the work upstream of it.
 */
import {
  type AnyNodeDefinition,
  type ArrivingCount,
  inputSpecsOf,
  type NodeRegistry,
} from '../node-definition';
import { parseDefined } from '../parse-params';
import type { PeelError } from '../result';
import type { Workflow, WorkflowNode } from '../workflow';
import { elementOf } from './element-edge';
import { expandWorkflow } from './expand';

export function arrivingCountProblems(workflow: Workflow, registry: NodeRegistry): Map<string, PeelError[]> {
  const problems = new Map<string, PeelError[]>();
  const definitionOf = (node: WorkflowNode | undefined): AnyNodeDefinition | undefined =>
    node && Object.hasOwn(registry, node.type) ? registry[node.type] : undefined;
  // Only a node that checks arriving counts pays for the second expansion.
  // Stryker disable next-line ConditionalExpression: a shortcut; without it no node has a check, so the loop below finds nothing either
  if (!workflow.nodes.some((node) => definitionOf(node)?.checkArriving)) return problems;
  // Nodes waiting on an answer are counted with that answer at its maximum: "at most".
  const known = expandWorkflow(workflow, { registry });
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with nothing waiting, assumeMax changes no count, so both expansions are the same
  const expansion = known.waiting.size > 0 ? expandWorkflow(workflow, { registry, assumeMax: true }) : known;
  const concrete = expansion.workflow;
  const nodesById = new Map(concrete.nodes.map((node) => [node.id, node]));
  const parsedParams = (node: WorkflowNode | undefined): unknown => {
    const parsed = parseDefined(definitionOf(node), node?.params);
    return parsed?.success ? parsed.data : undefined;
  };
  for (const node of concrete.nodes) {
    const definition = definitionOf(node);
    const params = parsedParams(node);
    if (!definition?.checkArriving || params === undefined) continue;
    const specs = inputSpecsOf(definition, params);
    const counts: Record<string, ArrivingCount> = {};
    const unknown = new Set<string>();
    for (const edge of concrete.edges) {
      if (edge.target !== node.id || !specs[edge.targetPort]?.whole) continue;
      const count = valuesOnEdge(edge, nodesById.get(edge.source));
      if (count === undefined) {
        unknown.add(edge.targetPort);
        continue;
      }
      const sum = counts[edge.targetPort] ?? { most: 0, exact: true };
      counts[edge.targetPort] = { most: sum.most + count.most, exact: sum.exact && count.exact };
    }
    // Stryker disable next-line OptionalChaining: every node of the concrete graph has an instance info (expandWorkflow)
    const fileId = expansion.instances.get(node.id)?.of ?? node.id;
    for (const port of unknown) delete counts[port];
    if (known.waiting.has(fileId)) for (const count of Object.values(counts)) count.exact = false;
    const found = definition.checkArriving(params, counts);
    if (found.length === 0) continue;
    problems.set(fileId, [
      ...(problems.get(fileId) ?? []),
      ...found.map((error) => ({ ...error, nodeId: fileId })),
    ]);
  }
  return problems;

  /** Values one edge brings to a whole input; undefined when the file cannot say. */
  function valuesOnEdge(
    edge: Workflow['edges'][number],
    source: WorkflowNode | undefined,
  ): ArrivingCount | undefined {
    // One element of a many value.
    if (elementOf(edge) !== undefined) return { most: 1, exact: true };
    const sourceDef = definitionOf(source);
    const sourceParams = parsedParams(source);
    if (!sourceDef || sourceParams === undefined) return undefined;
    const many = sourceDef.manyOutputs?.(sourceParams)[edge.sourcePort];
    if (many?.count !== undefined) return { most: many.count, exact: true };
    if (many?.max !== undefined) return { most: many.max, exact: false };
    const listed = sourceDef.outputCounts?.(sourceParams)[edge.sourcePort];
    if (listed !== undefined) return { most: listed, exact: true };
    const type = sourceDef.outputs[edge.sourcePort]?.type;
    return type === 'image' || type === 'text' ? { most: 1, exact: true } : undefined;
  }
}
