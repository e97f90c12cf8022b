import { stableStringify } from '../canonical';
import { err, ok, type PeelError, peelError, type Result } from '../result';
import { emptyWorkflow, type Workflow } from '../workflow';
import { freeId } from './ids';
import { componentById } from './ports';
import { type ComponentDefinition, componentIdOf, isComponentNode } from './types';

/** The component and every component it uses (nested), each once, dependencies first. */
export function componentWithDependencies(
  components: readonly ComponentDefinition[],
  componentId: string,
): ComponentDefinition[] {
  const out: ComponentDefinition[] = [];
  const seen = new Set<string | undefined>();
  // An instance naming no component (id undefined) finds no definition, like an unknown id.
  const visit = (id: string | undefined) => {
    if (seen.has(id)) return;
    seen.add(id);
    const def = componentById(components, id);
    if (!def) return;
    for (const node of def.nodes) if (isComponentNode(node)) visit(componentIdOf(node));
    out.push(def);
  };
  visit(componentId);
  return out;
}

/**
 * A component as its own file: a version 2 workflow with the component (and those it uses) and
 * no nodes, so it is loaded, validated and migrated like any workflow.
 */
export function componentFileOf(workflow: Workflow, componentId: string): Result<Workflow, PeelError> {
  const def = componentById(workflow.components, componentId);
  if (!def) return err(peelError('invalid_params', `no component "${componentId}" in this workflow`));
  return ok({
    ...emptyWorkflow(def.name),
    ...(def.description ? { description: def.description } : {}),
    // Stryker disable next-line ArrayDeclaration: a workflow without components returned above (no def)
    components: componentWithDependencies(workflow.components ?? [], componentId),
  });
}

/**
 * Adds the components of `file` to `workflow`. A component equal to one already there is reused;
 * one whose id is taken by a different component gets a free id (references inside follow).
 * Returns the ids the file's components have in the workflow.
 */
export function importComponents(
  workflow: Workflow,
  file: Pick<Workflow, 'components'>,
): { workflow: Workflow; ids: Map<string, string> } {
  const components = [...(workflow.components ?? [])];
  const ids = new Map<string, string>();
  for (const incoming of file.components ?? []) {
    const renamed = renameReferences(incoming, ids);
    const same = components.find((existing) => sameComponent(existing, { ...renamed, id: existing.id }));
    if (same) {
      ids.set(incoming.id, same.id);
      continue;
    }
    const id = freeId(incoming.id, new Set(components.map((component) => component.id)));
    ids.set(incoming.id, id);
    components.push({ ...renamed, id });
  }
  return { workflow: { ...workflow, components }, ids };
}

function renameReferences(def: ComponentDefinition, ids: ReadonlyMap<string, string>): ComponentDefinition {
  return {
    ...def,
    nodes: def.nodes.map((node) => {
      const ref = isComponentNode(node) ? componentIdOf(node) : undefined;
      // Stryker disable next-line ConditionalExpression: ids holds string keys only, so ids.get(undefined) is undefined too
      const to = ref === undefined ? undefined : ids.get(ref);
      return to === undefined ? node : { ...node, params: { ...node.params, component: to } };
    }),
  };
}

const sameComponent = (a: ComponentDefinition, b: ComponentDefinition): boolean =>
  stableStringify(a) === stableStringify(b);

export interface ComponentDiff {
  added: string[];
  removed: string[];
  /** Nodes whose params changed, with the names of the params that differ. */
  paramsChanged: { node: string; params: string[] }[];
  inputsChanged: boolean;
  outputsChanged: boolean;
  edgesChanged: boolean;
}

/** What "Update from library" would change in a component: shown before it is applied. */
export function diffComponent(current: ComponentDefinition, next: ComponentDefinition): ComponentDiff {
  const before = new Map(current.nodes.map((node) => [node.id, node]));
  const after = new Map(next.nodes.map((node) => [node.id, node]));
  const paramsChanged: ComponentDiff['paramsChanged'] = [];
  for (const [id, node] of after) {
    const old = before.get(id);
    if (!old) continue;
    const names = new Set([...Object.keys(old.params), ...Object.keys(node.params)]);
    const params = [...names]
      .filter((name) => stableStringify(old.params[name]) !== stableStringify(node.params[name]))
      .sort();
    if (params.length > 0 || old.type !== node.type) paramsChanged.push({ node: id, params });
  }
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    paramsChanged,
    inputsChanged: stableStringify(current.inputs) !== stableStringify(next.inputs),
    outputsChanged: stableStringify(current.outputs) !== stableStringify(next.outputs),
    edgesChanged: stableStringify(current.edges) !== stableStringify(next.edges),
  };
}

/** The diff in words, one line per change ("added: crop", "gen: model, aspectRatio"). */
export function describeComponentDiff(diff: ComponentDiff): string[] {
  const lines: string[] = [];
  if (diff.added.length > 0) lines.push(`nodes added: ${diff.added.join(', ')}`);
  if (diff.removed.length > 0) lines.push(`nodes removed: ${diff.removed.join(', ')}`);
  for (const change of diff.paramsChanged)
    lines.push(`${change.node}: ${change.params.length > 0 ? change.params.join(', ') : 'type'} changed`);
  if (diff.inputsChanged) lines.push('inputs changed');
  if (diff.outputsChanged) lines.push('outputs changed');
  if (diff.edgesChanged) lines.push('connections changed');
  return lines;
}

/** Replaces a component's definition by another (same id kept), every instance following. */
export function replaceComponent(
  workflow: Workflow,
  componentId: string,
  next: ComponentDefinition,
): Workflow {
  return {
    ...workflow,
    components: (workflow.components ?? []).map((component) =>
      component.id === componentId ? { ...next, id: componentId } : component,
    ),
  };
}
