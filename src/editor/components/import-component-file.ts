import { importComponents } from '../../engine/components/library';
import type { Workflow } from '../../engine/workflow';
import { applyWorkflowTransform } from '../store/document-store';

/** A component saved as its own file: a workflow with components and no nodes of its own. */
export function isComponentFile(workflow: Workflow): boolean {
  return workflow.nodes.length === 0 && (workflow.components?.length ?? 0) > 0;
}

/**
 * Adds a component file's components to the open workflow (one undo step) instead of opening the
 * file as a workflow. Equal components are reused; a taken id gets a free one. Returns the names
 * of the components the workflow did not have yet.
 */
export function addComponentFile(file: Workflow): string[] {
  let added: string[] = [];
  applyWorkflowTransform('Import component', (doc) => {
    const known = new Set((doc.components ?? []).map((component) => component.id));
    const result = importComponents(doc, file);
    added = (result.workflow.components ?? [])
      .filter((component) => !known.has(component.id))
      .map((component) => component.name);
    return added.length > 0 ? result.workflow : undefined;
  });
  return added;
}
