import { useEffect } from 'react';
import { useDocumentStore } from '../store/document-store';
import { editScope, useEditScopeStore } from '../store/edit-scope';
import { view } from '../store/view-store';

/** Leaves to a level of the chain: the selection belongs to the level left, so it clears. */
export function leaveComponentTo(depth: number): void {
  editScope.leaveTo(depth);
  view.select([]);
  view.requestFit();
}

/** "Open" on a component node: the canvas shows its inside. */
export function openComponent(componentId: string): void {
  editScope.enter(componentId);
  view.select([]);
  view.requestFit();
}

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * "Workflow › Scene maker" above the canvas while inside a component; a crumb goes back to that
 * level, Esc goes up one. Leaves by itself when the component is gone (undo of Make component).
 */
export function ComponentBreadcrumb() {
  const path = useEditScopeStore((state) => state.path);
  const names = useDocumentStore((state) =>
    path.map((id) => state.doc.components?.find((component) => component.id === id)?.name ?? '').join('\n'),
  );
  const chain = path.length === 0 ? [] : names.split('\n');
  const missing = chain.indexOf('');
  useEffect(() => {
    if (missing >= 0) leaveComponentTo(missing);
  }, [missing]);
  useEffect(() => {
    if (path.length === 0) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || isTyping(event.target)) return;
      leaveComponentTo(path.length - 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [path]);
  if (path.length === 0) return null;
  return (
    <nav className="component-breadcrumb" aria-label="Component path" data-testid="component-breadcrumb">
      <button type="button" data-testid="breadcrumb-0" onClick={() => leaveComponentTo(0)}>
        Workflow
      </button>
      {chain.map((name, index) => {
        const depth = index + 1;
        const last = depth === chain.length;
        return (
          <span key={path[index]} className="breadcrumb-step">
            <span aria-hidden="true" className="breadcrumb-separator">
              ›
            </span>
            {last ? (
              <span aria-current="location" data-testid={`breadcrumb-${depth}`}>
                {name}
              </span>
            ) : (
              <button
                type="button"
                data-testid={`breadcrumb-${depth}`}
                onClick={() => leaveComponentTo(depth)}
              >
                {name}
              </button>
            )}
          </span>
        );
      })}
    </nav>
  );
}
