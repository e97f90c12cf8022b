import { commands, useDocumentStore } from '../store/document-store';
import { nodeById } from '../store/node-index';

/**
 * Ctrl/⌘+Z in a text field undoes that field's typing, never a graph step. Fields bound to the
 * document (a node's fields, the workflow name) re-render from the store on every keystroke, which
 * leaves the browser's own text undo with nothing to undo; their typing is already one undo step
 * per burst in the document history, so the field's undo is that step, taken only when it is the
 * latest one and belongs to this field. Other fields (panels, search) keep the browser's undo.
 */

/** The history merge key of the document text `field` edits ("param:<node>:" is a prefix), or null. */
function documentKeyOf(field: HTMLElement): string | null {
  if (field.closest('.workflow-name-field')) return 'workflow-name';
  const nodeId = field.closest('.react-flow__node')?.getAttribute('data-id');
  return nodeId ? `param:${nodeId}:` : null;
}

const fieldText = (field: HTMLElement): string =>
  field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement
    ? field.value
    : (field.textContent ?? '');

/** Whether the history step with `mergeKey` wrote what `field` shows now (so it is this field's typing). */
function isFieldStep(field: HTMLElement, key: string, mergeKey: string | undefined): boolean {
  if (!mergeKey?.startsWith(key)) return false;
  const doc = useDocumentStore.getState().doc;
  if (mergeKey === 'workflow-name') return doc.name === fieldText(field);
  const [, nodeId, name] = mergeKey.split(':');
  const value = nodeId && name ? nodeById(doc, nodeId)?.params[name] : undefined;
  return String(value ?? '') === fieldText(field);
}

/**
 * Handles Ctrl/⌘+Z (or redo) pressed in text field `field`. Returns false when the field is not
 * bound to the document (the browser's undo should run); true when the key is the field's: its
 * latest typing step was undone (or redone), or there was none and nothing happens.
 */
export function undoFieldTyping(field: HTMLElement, redo: boolean): boolean {
  const key = documentKeyOf(field);
  if (key === null) return false;
  const { past, future } = useDocumentStore.getState();
  const step = redo ? future[0] : past.at(-1);
  if (redo) {
    // After an undo the field shows the value before the step; redo when the step is this field's.
    if (step?.mergeKey?.startsWith(key)) commands.redo();
    return true;
  }
  if (isFieldStep(field, key, step?.mergeKey)) commands.undo();
  return true;
}
