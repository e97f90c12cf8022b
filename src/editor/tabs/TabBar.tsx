import { type KeyboardEvent, useRef } from 'react';
import { newBlankWorkflow } from '../panels/TemplateMenu';
import { usePersistenceStore } from '../persistence/state';
import { Icon } from '../ui/icons';
import { closeTab, switchTab } from './tabs';
import { useTabsStore } from './tabs-store';
import './tabs.css';

/** The active tab has changes not yet saved (autosave pending, saving, or failed). */
const useActiveUnsaved = (): boolean =>
  usePersistenceStore((state) => ['pending', 'saving', 'error'].includes(state.save.state));

/**
 * The open workflows as tabs (WAI-ARIA tabs pattern): arrow keys, Home and End move between tabs,
 * Enter or Space brings one forward, Delete closes it. Alt+PageDown / Alt+PageUp switch from
 * anywhere, Alt+W closes the tab on screen.
 */
export function TabBar() {
  const tabs = useTabsStore((state) => state.tabs);
  const activeId = useTabsStore((state) => state.activeId);
  const unsaved = useActiveUnsaved();
  const list = useRef<HTMLDivElement>(null);
  if (tabs.length === 0) return null;

  const focusTab = (index: number) => {
    const buttons = list.current?.querySelectorAll<HTMLElement>('[role="tab"]');
    buttons?.[(index + tabs.length) % tabs.length]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>, index: number, id: string) => {
    if (event.key === 'ArrowRight') focusTab(index + 1);
    else if (event.key === 'ArrowLeft') focusTab(index - 1);
    else if (event.key === 'Home') focusTab(0);
    else if (event.key === 'End') focusTab(tabs.length - 1);
    else if (event.key === 'Delete') void closeTab(id);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div className="tab-bar" data-testid="tab-bar">
      <div className="tab-list" role="tablist" aria-label="Open workflows" ref={list}>
        {tabs.map((tab, index) => {
          const active = tab.id === activeId;
          const dirty = active && unsaved;
          return (
            <div key={tab.id} className={`tab${active ? ' active' : ''}`} data-testid={`tab-${tab.id}`}>
              <button
                type="button"
                role="tab"
                className="tab-label"
                aria-selected={active}
                tabIndex={active ? 0 : -1}
                title={dirty ? `${tab.name} (unsaved changes)` : tab.name}
                onClick={() => void switchTab(tab.id)}
                onKeyDown={(event) => onKeyDown(event, index, tab.id)}
              >
                <span className="tab-name">{tab.name || 'Untitled'}</span>
                {dirty && (
                  <span
                    className="tab-unsaved"
                    data-testid="tab-unsaved"
                    role="img"
                    aria-label="unsaved changes"
                  >
                    ●
                  </span>
                )}
              </button>
              <button
                type="button"
                className="tab-close"
                tabIndex={-1}
                aria-label={`Close ${tab.name || 'Untitled'}`}
                title="Close tab (Alt+W); the workflow stays in the library"
                data-testid={`tab-close-${tab.id}`}
                onClick={() => void closeTab(tab.id)}
              >
                ×
              </button>
            </div>
          );
        })}
      </div>
      <button
        type="button"
        className="tab-new"
        aria-label="New workflow in a new tab"
        title="New blank workflow (Ctrl/⌘+N)"
        data-testid="tab-new"
        onClick={() => newBlankWorkflow()}
      >
        <Icon name="plus" size={14} />
      </button>
    </div>
  );
}
