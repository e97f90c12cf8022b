/**
 * Retired models in a workflow: found, described, and replaced only when the user asks (the CLI's
 * --upgrade-models or `peel upgrade-models`, the editor's Switch button). A replacement changes
 * output and price, so it is never made silently.
 */
import { catalogModel, type Retirement, retirementOf } from './catalog';
import type { Workflow } from './workflow';

export interface RetiredModelUse {
  nodeId: string;
  retirement: Retirement;
}

export interface ModelUpgrade {
  nodeId: string;
  from: string;
  to: string;
}

export function retiredModelUses(workflow: Workflow): RetiredModelUse[] {
  const uses: RetiredModelUse[] = [];
  // Nodes inside components count too (named `component/node`).
  const inner = (workflow.components ?? []).flatMap((component) =>
    component.nodes.map((node) => ({ ...node, id: `${component.id}/${node.id}` })),
  );
  for (const node of [...workflow.nodes, ...inner]) {
    const model = node.params.model;
    // Stryker disable next-line ConditionalExpression: as false, a non-string id still finds no retirement; the guard narrows the type
    if (typeof model !== 'string') continue;
    const retirement = retirementOf(model);
    if (retirement) uses.push({ nodeId: node.id, retirement });
  }
  return uses;
}

/**
 * The replacement to use today: follows a chain of replacements (a replacement may itself have
 * been retired since) and stops at the first current model, or undefined when there is none.
 */
export function currentReplacement(model: string): string | undefined {
  const seen = new Set<string>();
  let id: string | undefined = model;
  while (id !== undefined && !seen.has(id)) {
    seen.add(id);
    const entry = catalogModel(id);
    if (entry && entry.lifecycle.status !== 'retired') return id === model ? undefined : id;
    id = entry?.lifecycle.replacement;
  }
  return undefined;
}

/** Every retired model with a known replacement, replaced; the others listed as `stuck`. */
export function upgradeRetiredModels(workflow: Workflow): {
  workflow: Workflow;
  upgrades: ModelUpgrade[];
  stuck: RetiredModelUse[];
} {
  const upgrades: ModelUpgrade[] = [];
  const stuck: RetiredModelUse[] = [];
  const upgrade = (prefix: string) => (node: Workflow['nodes'][number]) => {
    const model = node.params.model;
    // Stryker disable next-line ConditionalExpression: as false, a non-string id still finds no retirement; the guard narrows the type
    if (typeof model !== 'string') return node;
    const retirement = retirementOf(model);
    if (!retirement) return node;
    const to = currentReplacement(model);
    if (!to) {
      stuck.push({ nodeId: prefix + node.id, retirement });
      return node;
    }
    upgrades.push({ nodeId: prefix + node.id, from: model, to });
    return { ...node, params: { ...node.params, model: to } };
  };
  const nodes = workflow.nodes.map(upgrade(''));
  // Nodes inside components (issue #15): one change reaches every instance.
  const components = workflow.components?.map((component) => ({
    ...component,
    nodes: component.nodes.map(upgrade(`${component.id}/`)),
  }));
  return {
    workflow: upgrades.length > 0 ? { ...workflow, nodes, ...(components ? { components } : {}) } : workflow,
    upgrades,
    stuck,
  };
}
