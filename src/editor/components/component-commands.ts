import { nodeRegistry } from '../../../nodes/registry';
import { componentFileOf } from '../../engine/components/library';
import { makeComponent } from '../../engine/components/make';
import { componentById } from '../../engine/components/ports';
import type { ComponentDefinition } from '../../engine/components/types';
import { COMPONENT_NODE_TYPE } from '../../engine/components/types';
import { ungroupComponent } from '../../engine/components/ungroup';
import type { PeelError } from '../../engine/result';
import type { Position } from '../../engine/workflow';
import { saveBytes } from '../io/download';
import { exportDocumentText, safeFileName } from '../io/export-workflow';
import { applyWorkflowTransform, commands, useDocumentStore } from '../store/document-store';
import { useEditScopeStore } from '../store/edit-scope';
import { useViewStore, view } from '../store/view-store';

/** A name not yet used by a component of this workflow: "Component 1", "Component 2", ... */
export function nextComponentName(): string {
  const names = new Set((useDocumentStore.getState().doc.components ?? []).map((c) => c.name));
  for (let n = 1; ; n++) if (!names.has(`Component ${n}`)) return `Component ${n}`;
}

/**
 * Make component (toolbar, context menu, Ctrl/⌘+G): the selection becomes one component node,
 * wired the same way, in one undo step. Returns the problem when it cannot.
 */
export function makeComponentFromSelection(
  ids: readonly string[] = [...useViewStore.getState().selectedNodes],
  name = nextComponentName(),
): { instanceId: string } | PeelError {
  if (useEditScopeStore.getState().path.length > 0) {
    // Its outputs may read the selected nodes; making a component in here is not supported yet.
    const refused: PeelError = {
      code: 'invalid_params',
      message: 'Make component works on the workflow itself: go back (Esc) first, or Ungroup this one',
    };
    view.toast(refused.message);
    return refused;
  }
  const result: { value: { instanceId: string } | PeelError } = {
    value: { code: 'invalid_params', message: 'select nodes to make a component' },
  };
  applyWorkflowTransform('Make component', (doc) => {
    const made = makeComponent(doc, ids, { name, registry: nodeRegistry });
    if (!made.ok) {
      result.value = made.error;
      return undefined;
    }
    result.value = { instanceId: made.value.instanceId };
    return made.value.workflow;
  });
  const outcome = result.value;
  if ('instanceId' in outcome) {
    useViewStore.setState({ selectedNodes: new Set([outcome.instanceId]), selectedEdges: new Set<string>() });
  }
  return outcome;
}

/** Ungroup: the inner nodes back in place of the instance, one undo step; they become the selection. */
export function ungroupInstance(instanceId: string): boolean {
  let placed: string[] = [];
  const changed = applyWorkflowTransform('Ungroup', (doc) => {
    const result = ungroupComponent(doc, instanceId);
    if (!result.ok) return undefined;
    placed = result.value.nodeIds;
    return result.value.workflow;
  });
  if (changed) useViewStore.setState({ selectedNodes: new Set(placed), selectedEdges: new Set<string>() });
  return changed;
}

/**
 * Edits a component's definition: every instance in this workflow uses it, so one change (one
 * undo step in the outer document) reaches them all.
 */
export function editComponent(
  componentId: string,
  label: string,
  edit: (component: ComponentDefinition) => ComponentDefinition,
): boolean {
  return applyWorkflowTransform(label, (doc) => {
    const current = componentById(doc.components, componentId);
    if (!current) return undefined;
    const next = edit(structuredClone(current));
    return {
      ...doc,
      components: (doc.components ?? []).map((component) =>
        component.id === componentId ? next : component,
      ),
    };
  });
}

/** Sets a param of a node inside a component (all instances). */
export function setInnerParam(componentId: string, nodeId: string, name: string, value: unknown): boolean {
  return editComponent(componentId, `Edit ${name}`, (component) => ({
    ...component,
    nodes: component.nodes.map((node) =>
      node.id === nodeId ? { ...node, params: { ...node.params, [name]: value } } : node,
    ),
  }));
}

/** A value typed for an unconnected input, on this instance only (`params.inputs`). */
export function setInstanceInput(instanceId: string, input: string, value: unknown): void {
  const node = useDocumentStore.getState().doc.nodes.find((candidate) => candidate.id === instanceId);
  if (!node) return;
  const current = node.params.inputs;
  const inputs = current !== null && typeof current === 'object' && !Array.isArray(current) ? current : {};
  const next: Record<string, unknown> = { ...(inputs as Record<string, unknown>) };
  if (value === undefined) delete next[input];
  else next[input] = value;
  commands.setParam(instanceId, 'inputs', next);
}

/** Inserts an instance of a component of this workflow (palette, search). */
export function addComponentInstance(componentId: string, position: Position): string {
  return commands.addNode({ type: COMPONENT_NODE_TYPE, position, params: { component: componentId } });
}

/** Export a component (and those it uses) as its own file, images embedded, keys removed. */
export function exportComponentFile(componentId: string): boolean {
  const file = componentFileOf(useDocumentStore.getState().doc, componentId);
  if (!file.ok) return false;
  saveBytes(
    exportDocumentText(file.value),
    `${safeFileName(file.value.name, 'peel-component')}.peel-component.json`,
    'application/json',
  );
  return true;
}
