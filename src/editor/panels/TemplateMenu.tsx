import { useState } from 'react';
import { commands } from '../store/document-store';
import { runActions, useRunStore } from '../store/run-store';
import { view } from '../store/view-store';
import { listTemplates, loadTemplate } from '../templates/catalog';

/** "New from template": replaces the document (a load: history starts afresh). */
export function TemplateMenu() {
  const [open, setOpen] = useState(false);
  const templates = listTemplates();
  const choose = async (file: string) => {
    setOpen(false);
    if (useRunStore.getState().running) {
      view.toast('Cancel the run before opening another workflow.');
      return;
    }
    const result = await loadTemplate(file);
    if (!result.ok) {
      view.toast(`Could not open the template: ${result.message}`);
      return;
    }
    commands.loadWorkflow(result.workflow);
    runActions.reset();
    view.select([]);
    view.requestFit();
  };
  return (
    <div className="menu">
      <button type="button" data-testid="template-menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        New from template ▾
      </button>
      {open && (
        <ul className="menu-list">
          {templates.length === 0 && <li className="menu-empty">No templates in this build.</li>}
          {templates.map((template) => (
            <li key={template.file}>
              <button
                type="button"
                data-testid={`template-${template.file}`}
                onClick={() => void choose(template.file)}
              >
                {template.title}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
