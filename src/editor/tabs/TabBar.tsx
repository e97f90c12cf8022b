import { type KeyboardEvent, useRef } from 'react';
import { newBlankWorkflow } from '../panels/TemplateMenu';
import { usePersistenceStore } from '../persistence/state';
import { useDocumentStore } from '../store/document-store';
import { Icon } from '../ui/icons';
import { CloseRunningTab } from './CloseRunningTab';
import { closeTab, switchTab } from './tabs';
import { type TabRunBadge, useTabsStore } from './tabs-store';
import './tabs.css';

/** What each run badge says to a screen reader and in its tooltip. */
const BADGE_LABEL: Record<TabRunBadge, string> = {
  running: 'run in progress',
  done: 'run finished',
  failed: 'run failed',
  cancelled: 'run cancelled',
};
const BADGE_MARK: Record<TabRunBadge, string> = { running: '', done: '✓', failed: '!', cancelled: '–' };

function RunBadge({ badge }: { badge: TabRunBadge }) {
  return (
    <span
      className={`tab-run tab-run-${badge}`}
      data-testid="tab-run-badge"
      data-badge={badge}
      role="img"
      aria-label={BADGE_LABEL[badge]}
      title={BADGE_LABEL[badge]}
    >
      {BADGE_MARK[badge]}
    </span>
  );
}

/**
 * The bar while storage opens (until it lists the tabs): the document on screen as its one tab,
 * inert. The bar keeps its height from the first frame, so the canvas below does not jump
 * (and React Flow does not measure it again) when the tabs arrive.
 */
function OpeningTabBar() {
  const name = useDocumentStore((state) => state.doc.name);
  return (
    // Inert, not disabled: it looks exactly like the bar that replaces it (no greyed flash).
    <div className="tab-bar" data-testid="tab-bar" data-opening aria-busy="true" inert>
      <div className="tab-list" role="tablist" aria-label="Open workflows">
        <div className="tab active">
          <button type="button" role="tab" className="tab-label" aria-selected>
            <span className="tab-name">{name || 'Untitled'}</span>
          </button>
          <button type="button" className="tab-close" tabIndex={-1} aria-hidden>
            ×
          </button>
        </div>
      </div>
      <button type="button" className="tab-new" aria-label="New workflow in a new tab">
        <Icon name="plus" size={14} />
      </button>
    </div>
  );
}

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
  const runBadges = useTabsStore((state) => state.runBadges);
  const unsaved = useActiveUnsaved();
  // Without storage there are no tabs (one document, in memory): no bar.
  const inMemory = usePersistenceStore((state) => state.mode === 'memory');
  const list = useRef<HTMLDivElement>(null);
  if (tabs.length === 0) return inMemory ? null : <OpeningTabBar />;

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
          const badge = runBadges[tab.id];
          return (
            <div key={tab.id} className={`tab${active ? ' active' : ''}`} data-testid={`tab-${tab.id}`}>
              <button
                type="button"
                role="tab"
                className="tab-label"
                aria-selected={active}
                tabIndex={active ? 0 : -1}
                title={`${tab.name}${dirty ? ' (unsaved changes)' : ''}${badge ? ` (${BADGE_LABEL[badge]})` : ''}`}
                onClick={() => void switchTab(tab.id)}
                onKeyDown={(event) => onKeyDown(event, index, tab.id)}
              >
                {badge && <RunBadge badge={badge} />}
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
      <CloseRunningTab />
    </div>
  );
}
