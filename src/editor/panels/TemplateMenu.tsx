import * as Menu from '@radix-ui/react-dropdown-menu';
import { WORKFLOW_FORMAT, WORKFLOW_VERSION, type Workflow } from '../../engine/workflow';
import { wantsUniqueName } from '../persistence/workflow-session';
import { shownRunOwner } from '../run/run-routing';
import { commands } from '../store/document-store';
import { runActions, useRunStore } from '../store/run-store';
import { view } from '../store/view-store';
import { newTabIntent } from '../tabs/tabs-store';
import { listTemplates, loadTemplate } from '../templates/catalog';
import { Icon } from '../ui/icons';

export const blankWorkflow = (): Workflow => ({
  format: WORKFLOW_FORMAT,
  version: WORKFLOW_VERSION,
  name: 'Untitled',
  nodes: [],
  edges: [],
});

/** Replaces the document with a new one (a load: history starts afresh; the library gets an entry). */
function openNew(workflow: Workflow): void {
  // A run of a workflow in a tab goes on in the background (run-routing.ts); any other must end first.
  if (useRunStore.getState().running && shownRunOwner() === null) {
    view.toast('Cancel the run before opening another workflow.');
    return;
  }
  wantsUniqueName(workflow);
  commands.loadWorkflow(workflow);
  runActions.reset();
  view.select([]);
  view.requestFit();
}

/** A blank workflow (toolbar "New", Ctrl/⌘+N), always in a tab of its own. */
export const newBlankWorkflow = (): void => {
  newTabIntent.beside = true;
  try {
    openNew(blankWorkflow());
  } finally {
    newTabIntent.beside = false;
  }
};

async function openTemplate(file: string): Promise<void> {
  const result = await loadTemplate(file);
  if (!result.ok) {
    view.toast(`Could not open the template: ${result.message}`);
    return;
  }
  openNew(result.workflow);
}

/** "New": a blank workflow or one of the shipped templates (an accessible menu, Radix). */
export function TemplateMenu() {
  const templates = listTemplates();
  return (
    <Menu.Root>
      <Menu.Trigger asChild>
        <button type="button" className="menu-trigger" data-testid="template-menu">
          <Icon name="plus" />
          New
          <Icon name="chevron" size={14} />
        </button>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content className="menu-content" align="start" sideOffset={6} collisionPadding={8}>
          <Menu.Item className="menu-item" data-testid="new-blank" onSelect={newBlankWorkflow}>
            Blank workflow
            <kbd className="menu-keys">Ctrl/⌘+N</kbd>
          </Menu.Item>
          <Menu.Separator className="menu-separator" />
          <Menu.Label className="menu-label">From a template</Menu.Label>
          {templates.length === 0 && <div className="menu-empty">No templates in this build.</div>}
          {templates.map((template) => (
            <Menu.Item
              key={template.file}
              className="menu-item"
              data-testid={`template-${template.file}`}
              onSelect={() => void openTemplate(template.file)}
            >
              {template.title}
            </Menu.Item>
          ))}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
