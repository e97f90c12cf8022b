import type { NodePlan, RunEstimate } from '../events';
import type { PlanOptions } from '../plan';
import type { ValidationReport } from '../validate';
import type { NodeOutputs } from '../values';
import type { Workflow } from '../workflow';
import { type Expansion, expandWorkflow } from './expand';
import { validateExpanded } from './run-expansion';

export type ConcretePlanner = (
  workflow: Workflow,
  report: ValidationReport,
  options: PlanOptions,
) => Promise<RunEstimate>;

/**
 * The estimate of a run whose nodes map over many values: planned on the concrete instances.
 * Exact where the file fixes every count; where a count comes from a model's answer, those
 * elements are counted at their node's declared maximum (`upTo`), and `known` keeps the exact part
 * (the budget is checked again when the answer arrives). `include` and `reroll` may name nodes of
 * the file (all their elements) or single instances.
 */
export async function planExpandedRun(
  workflow: Workflow,
  options: PlanOptions,
  plan: ConcretePlanner,
  arrived?: ReadonlyMap<string, NodeOutputs>,
): Promise<RunEstimate> {
  const { registry } = options;
  const planOn = (expansion: Expansion, knownOutputs?: Map<string, NodeOutputs>) =>
    plan(expansion.workflow, validateExpanded(expansion, registry), {
      ...options,
      ...(knownOutputs ? { knownOutputs } : {}),
      ...(options.include ? { include: instancesNamed(options.include, expansion) } : {}),
      ...(options.reroll ? { reroll: instancesNamed(options.reroll, expansion) } : {}),
    }).then((estimate) => withNodeTotals(estimate, expansion));
  // An answer already in the cache gives its count now: expand with it, until nothing more is learnt.
  const answers = new Map(arrived ?? []);
  let exact = expandWorkflow(workflow, { registry, arrived: answers });
  let seen = new Map<string, NodeOutputs>();
  let known = await planOn(exact, seen);
  // Stryker disable next-line EqualityOperator: with nothing waiting, nothing is learnt and the loop stops at once
  while (exact.waiting.size > 0) {
    const learnt = [...new Set(exact.waiting.values())].filter((id) => !answers.has(id) && seen.has(id));
    if (learnt.length === 0) break;
    for (const id of learnt) answers.set(id, seen.get(id) as NodeOutputs);
    exact = expandWorkflow(workflow, { registry, arrived: answers });
    seen = new Map();
    known = await planOn(exact, seen);
  }
  if (exact.waiting.size === 0) return known;
  const most = expandWorkflow(workflow, { registry, assumeMax: true, arrived: answers });
  const upper = await planOn(most);
  return { ...upper, upTo: true, known: { calls: known.calls, usd: known.usd } };
}

function instancesNamed(ids: ReadonlySet<string>, expansion: Expansion): Set<string> {
  const named = new Set<string>();
  for (const [id, info] of expansion.instances) if (ids.has(id) || ids.has(info.of)) named.add(id);
  return named;
}

/** Each mapped node also gets one plan summing its elements, under its own id (for the editor). */
function withNodeTotals(estimate: RunEstimate, expansion: Expansion): RunEstimate {
  const perNode: Record<string, NodePlan> = { ...estimate.perNode };
  const byNode = new Map<string, NodePlan[]>();
  for (const [id, plan] of Object.entries(estimate.perNode)) {
    // Stryker disable next-line OptionalChaining: the plan holds only nodes of the expansion's graph, each with an instance info
    const of = expansion.instances.get(id)?.of;
    if (of === undefined || of === id) continue;
    byNode.set(of, [...(byNode.get(of) ?? []), plan]);
  }
  for (const [of, plans] of byNode) {
    const calls = plans.reduce((sum, plan) => sum + plan.calls, 0);
    const usd = plans.some((plan) => plan.usd === null)
      ? null
      : plans.reduce((sum, plan) => sum + (plan.usd ?? 0), 0);
    const first = plans.find((plan) => plan.action === 'invalid' || plan.action === 'blocked');
    // Bypass is a flag of the file's node, so its elements are bypassed all together.
    const all = (action: NodePlan['action']) => plans.every((p) => p.action === action);
    const action =
      first?.action ??
      (calls > 0 ? 'call' : all('cached') ? 'cached' : all('bypassed') ? 'bypassed' : 'compute');
    perNode[of] = { action, calls, usd, ...(first?.reason ? { reason: first.reason } : {}) };
  }
  return { ...estimate, perNode };
}
