import * as Menu from '@radix-ui/react-dropdown-menu';
import { formatUsd } from '../../engine/cost';
import { fitCanvas, fitCanvasTo } from '../canvas/fit';
import { useFlow } from '../canvas/flow-handle';
import { tidyLayout } from '../canvas/tidy';
import { makeComponentFromSelection } from '../components/component-commands';
import { IoButtons } from '../io/IoButtons';
import { PersistenceButtons } from '../persistence/PersistenceButtons';
import { useDiagnosticsStore } from '../run/diagnostics';
import { cancelRun, startRun } from '../run/run-actions';
import { useSettingsStore } from '../settings/settings-store';
import { nextTheme, setTheme, type ThemeChoice, useThemeStore } from '../settings/theme';
import { commands, useDocumentStore } from '../store/document-store';
import { useRunStore } from '../store/run-store';
import { useViewStore, view } from '../store/view-store';
import { count } from '../text/count';
import { IconButton } from '../ui/IconButton';
import { Icon } from '../ui/icons';
import { Tip } from '../ui/Tip';
import { RerollButton } from './RerollButton';
import { ModeButtons } from './run-form/ModeButtons';
import { TemplateMenu } from './TemplateMenu';
import { useImportPicker, useToolbarOverflow, WorkflowFileItems } from './ToolbarOverflow';

/** "2 problems": an invalid graph says so instead of estimating; a click shows the first one. */
function Problems({ total, first }: { total: number; first: string | undefined }) {
  const flow = useFlow();
  return (
    <button
      type="button"
      className="problems-button"
      data-testid="problems-button"
      title={first ? 'Show the first problem' : 'The workflow cannot run yet'}
      onClick={() => {
        if (!first) return;
        view.select([first]);
        void flow.fitView({ nodes: [{ id: first }], padding: 0.6, duration: 200, maxZoom: 1 });
      }}
    >
      ⚠ {count(total, 'problem')}
    </button>
  );
}

function Estimate() {
  const running = useRunStore((state) => state.running);
  const nodeErrors = useDiagnosticsStore((state) => state.nodeErrors);
  const graphErrors = useDiagnosticsStore((state) => state.graphErrors.length);
  const budget = useSettingsStore((state) => state.budgetUsd);
  const estimate = useRunStore((state) => state.estimate);
  const progress = useRunStore((state) => state.progress);
  const spent = useRunStore((state) => state.spentUsd);
  const totals = useRunStore((state) => state.totals);
  const lastStatus = useRunStore((state) => state.lastStatus);
  const preview = useSettingsStore((state) => state.provider === 'preview');
  const problemNodes = Object.entries(nodeErrors).filter(([, errors]) => errors.length > 0);
  const problemCount = graphErrors + problemNodes.reduce((sum, [, errors]) => sum + errors.length, 0);
  const overBudget =
    !running && !preview && budget !== null && estimate?.usd != null && estimate.usd > budget;
  let text: string;
  if (running) text = `Running ${progress.done} of ${progress.total} · spent ${formatUsd(spent)}`;
  else if (!estimate) text = 'Estimating…';
  else {
    // The cost leads: at narrow widths the line is cut from the end, and the price is what a
    // person must always see before pressing Run.
    const cached = estimate.cachedNodes > 0 ? ` · ${estimate.cachedNodes} cached` : '';
    const usd = preview ? 'free (preview)' : `≈ ${formatUsd(estimate.usd)}`;
    text = `Next run ${usd} · ${count(estimate.calls, 'call')}${cached}`;
  }
  const lastRun = totals
    ? `Last run ${lastStatus} · ${formatUsd(totals.costUsd)} · ${count(totals.calls, 'call')}, ${totals.cachedNodes} cached`
    : '';
  return (
    <div className="estimate" data-testid="estimate" aria-live="polite">
      {!running && problemCount > 0 ? (
        <Problems total={problemCount} first={problemNodes[0]?.[0]} />
      ) : (
        <span data-testid="estimate-text" title={text}>
          {text}
        </span>
      )}
      {overBudget && (
        <span className="budget-warning" data-testid="budget-warning" role="status">
          over your {formatUsd(budget)} budget: the run stops before passing it
        </span>
      )}
      {!running && totals && (
        <span className="last-run" data-testid="last-run" title={lastRun}>
          {lastRun}
        </span>
      )}
    </div>
  );
}

const THEME_LABEL = { system: 'Theme: as the system', light: 'Theme: light', dark: 'Theme: dark' } as const;
const THEME_ICON = { system: 'monitor', light: 'sun', dark: 'moon' } as const;

/**
 * The less frequent actions, one click away: storage, theme (and "Make component" and the workflow
 * file actions on a narrow window).
 */
function MoreMenu() {
  const theme = useThemeStore((state) => state.theme);
  const narrow = useToolbarOverflow();
  const importPicker = useImportPicker();
  const running = useRunStore((state) => state.running);
  const hasSelection = useViewStore((state) => state.selectedNodes.size > 0);
  return (
    <Menu.Root>
      {importPicker.input}
      <Tip label="More">
        <Menu.Trigger asChild>
          <button type="button" className="icon-button" data-testid="more-menu" aria-label="More">
            <Icon name="more" />
          </button>
        </Menu.Trigger>
      </Tip>
      <Menu.Portal>
        <Menu.Content className="menu-content" align="end" sideOffset={6} collisionPadding={8}>
          {narrow ? (
            <>
              <Menu.Item
                className="menu-item"
                data-testid="menu-make-component"
                disabled={running || !hasSelection}
                onSelect={() => makeComponentFromSelection()}
              >
                Make component of the selected nodes
                <kbd className="menu-keys">Ctrl/⌘+G</kbd>
              </Menu.Item>
              <Menu.Separator className="menu-separator" />
              <WorkflowFileItems pickFile={importPicker.pick} />
            </>
          ) : null}
          <Menu.Item
            className="menu-item"
            data-testid="storage-button"
            onSelect={() => view.togglePanel('storage')}
          >
            Storage and cache
          </Menu.Item>
          <Menu.Separator className="menu-separator" />
          <Menu.Label className="menu-label">Theme</Menu.Label>
          <Menu.RadioGroup value={theme} onValueChange={(value) => setTheme(value as ThemeChoice)}>
            {(['system', 'light', 'dark'] as const).map((choice) => (
              <Menu.RadioItem
                key={choice}
                value={choice}
                className="menu-item"
                data-testid={`theme-${choice}`}
              >
                <Menu.ItemIndicator className="menu-indicator">●</Menu.ItemIndicator>
                {choice === 'system' ? 'As the system' : choice === 'light' ? 'Light' : 'Dark'}
              </Menu.RadioItem>
            ))}
          </Menu.RadioGroup>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}

/**
 * The open workflow's name, subscribed on its own: in the toolbar's body, every workflow opened
 * (and every letter typed here) rendered the whole toolbar again, its buttons and their tooltips.
 */
function WorkflowNameField() {
  const name = useDocumentStore((state) => state.doc.name);
  return (
    <label className="workflow-name-field">
      <input
        className="workflow-name"
        aria-label="Workflow name"
        data-testid="workflow-name"
        value={name}
        title={name}
        maxLength={200}
        onChange={(event) => commands.renameWorkflow(event.target.value)}
      />
      <Icon name="pencil" size={13} />
    </label>
  );
}

/** One toolbar: document on the left, editing and running in the middle, panels on the right. */
export function Toolbar() {
  const running = useRunStore((state) => state.running);
  const canUndo = useDocumentStore((state) => state.past.length > 0);
  const canRedo = useDocumentStore((state) => state.future.length > 0);
  const selectionSize = useViewStore((state) => state.selectedNodes.size);
  const panel = useViewStore((state) => state.panel);
  const theme = useThemeStore((state) => state.theme);
  const narrow = useToolbarOverflow();
  const flow = useFlow();
  const selected = () => [...useViewStore.getState().selectedNodes];
  return (
    <header className="toolbar" role="toolbar" aria-label="Workflow">
      <div className="toolbar-zone toolbar-start">
        <span className="brand">Peel</span>
        <WorkflowNameField />
        <TemplateMenu />
      </div>
      <div className="toolbar-group">
        <IconButton
          icon="undo"
          label="Undo"
          keys="Ctrl/⌘+Z"
          data-testid="undo-button"
          disabled={!canUndo}
          onClick={commands.undo}
        />
        <IconButton
          icon="redo"
          label="Redo"
          keys="Ctrl/⌘+Shift+Z"
          data-testid="redo-button"
          disabled={!canRedo}
          onClick={commands.redo}
        />
        <IconButton
          icon="tidy"
          label="Tidy layout"
          keys="Shift+L"
          data-testid="layout-button"
          onClick={() => void tidyLayout((bounds) => fitCanvasTo(flow, bounds))}
        />
        <IconButton
          icon="fit"
          label="Fit to view"
          keys="F"
          data-testid="fit-button"
          onClick={() => fitCanvas(flow)}
        />
      </div>
      <div className="toolbar-group run-group">
        {running ? (
          <button type="button" className="danger run-main" data-testid="cancel-button" onClick={cancelRun}>
            <Icon name="stop" />
            Cancel
          </button>
        ) : (
          <Tip
            label={
              <>
                Run the workflow<kbd className="tip-keys">Ctrl/⌘+Enter</kbd>
              </>
            }
          >
            <button
              type="button"
              className="primary run-main"
              data-testid="run-button"
              onClick={() => void startRun()}
            >
              <Icon name="play" />
              Run
            </button>
          </Tip>
        )}
        <IconButton
          icon="target"
          label="Run only what the selected nodes need"
          keys="Ctrl/⌘+Shift+Enter"
          data-testid="run-to-button"
          disabled={running || selectionSize === 0}
          onClick={() => void startRun({ targets: selected() })}
        />
        {narrow ? null : (
          <IconButton
            icon="group"
            label="Make component of the selected nodes"
            keys="Ctrl/⌘+G"
            data-testid="make-component-button"
            disabled={running || selectionSize === 0}
            onClick={() => makeComponentFromSelection()}
          />
        )}
        <RerollButton />
        <Estimate />
      </div>
      <div className="toolbar-zone toolbar-end">
        <ModeButtons />
        <PersistenceButtons />
        <IoButtons />
        <div className="toolbar-group">
          <IconButton
            icon="help"
            label="Help and shortcuts"
            keys="?"
            data-testid="help-button"
            aria-pressed={panel === 'help'}
            onClick={() => view.togglePanel('help')}
          />
          <IconButton
            icon={THEME_ICON[theme]}
            label={THEME_LABEL[theme]}
            data-testid="theme-button"
            className="theme-toggle"
            onClick={() => setTheme(nextTheme(theme))}
          />
          <IconButton
            icon="gear"
            label="Settings"
            data-testid="settings-button"
            aria-pressed={panel === 'settings'}
            onClick={() => view.togglePanel('settings')}
          />
          <MoreMenu />
        </div>
      </div>
    </header>
  );
}
