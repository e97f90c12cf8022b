import { useFlow } from '../canvas/flow-handle';
import { useDocumentStore } from '../store/document-store';
import { useEditScopeStore } from '../store/edit-scope';
import { view } from '../store/view-store';
import { addComponentInstance } from './component-commands';
import { searchComponents } from './search-components';

/** "Components" in the palette: this workflow's components, searched like node types; click adds one. */
export function PaletteComponents({ filter }: { filter: string }) {
  const components = useDocumentStore((state) => state.doc.components);
  const openPath = useEditScopeStore((state) => state.path);
  const flow = useFlow();
  // Inside an opened component, the ones that would contain themselves are left out.
  const shown = searchComponents(components, filter, openPath).map((match) => match.component);
  if (shown.length === 0) return null;
  const add = (componentId: string) => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const centre = pane
      ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
    const id = addComponentInstance(componentId, { x: Math.round(centre.x), y: Math.round(centre.y) });
    view.select([id]);
  };
  return (
    <section className="palette-components" aria-label="Components" data-testid="palette-components">
      <h3 className="palette-heading">Components</h3>
      <ul className="palette-list">
        {shown.map((component) => (
          <li key={component.id}>
            <button
              type="button"
              className="palette-item palette-component"
              data-testid={`palette-component-${component.id}`}
              onClick={() => add(component.id)}
              title="Click to add"
            >
              <strong>{component.name}</strong>
              <small>
                {component.inputs.map((input) => input.name).join(', ') || 'no inputs'} →{' '}
                {component.outputs.map((output) => output.name).join(', ') || 'no outputs'}
              </small>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
