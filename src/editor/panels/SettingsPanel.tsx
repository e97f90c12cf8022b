import { selectableModels } from '../../engine/models';
import { callDeadlineFor, formatWait } from '../../engine/retry-policy';
import { sendsKeyInClear } from '../../providers/base-url';
import { ModelCatalogSettings } from '../settings/ModelCatalogSettings';
import { RouteAdvancedFields, RouteFields, RoutePicker } from '../settings/RouteFields';
import { ATTEMPT_TIMEOUT_LIMITS, hasKey, updateSettings, useSettingsStore } from '../settings/settings-store';
import { useViewStore, view } from '../store/view-store';

/** API key (masked, memory-only unless remembered), defaults, limits, provider. */
export function SettingsPanel() {
  const open = useViewStore((state) => state.panel === 'settings');
  const reason = useViewStore((state) => state.settingsReason);
  const settings = useSettingsStore();
  if (!open) return null;
  return (
    <section className="side-panel settings" data-testid="settings-panel" aria-label="Settings">
      <header>
        <h2>Settings</h2>
        <button type="button" aria-label="Close settings" onClick={() => view.openPanel(null)}>
          ×
        </button>
      </header>
      {reason && (
        <p className="panel-reason" role="alert" data-testid="settings-reason">
          {reason}
        </p>
      )}
      <label className="field field-check">
        <input
          type="checkbox"
          data-testid="preview-switch"
          checked={settings.provider === 'preview'}
          onChange={(event) => updateSettings({ provider: event.target.checked ? 'preview' : 'gemini' })}
        />
        <span>Preview provider (free, offline placeholder images; no key needed)</span>
      </label>
      <RoutePicker settings={settings} />
      <RouteFields settings={settings} />
      {settings.route === 'gemini' && (
        <label className="field">
          <span>Gemini API key</span>
          <input
            type="password"
            data-testid="api-key-input"
            autoComplete="off"
            spellCheck={false}
            value={settings.apiKey}
            placeholder="paste your key"
            onChange={(event) => updateSettings({ apiKey: event.target.value })}
          />
          <small className="field-hint">
            {hasKey(settings) ? 'Key set. ' : ''}
            {settings.rememberKey
              ? 'Stored on this device (in this browser).'
              : 'Kept in memory only: gone when you close the tab.'}
          </small>
          {settings.provider === 'gemini' && sendsKeyInClear(settings.baseUrl) && (
            <small className="field-warning" role="alert" data-testid="base-url-cleartext-warning">
              The API base URL ({settings.baseUrl}) is plain http:// to another machine: your key would travel
              unencrypted. Use https:// (plain http is fine only for 127.0.0.1 or localhost).
            </small>
          )}
        </label>
      )}
      <label className="field field-check">
        <input
          type="checkbox"
          data-testid="remember-key"
          checked={settings.rememberKey}
          onChange={(event) => updateSettings({ rememberKey: event.target.checked })}
        />
        <span>Remember the keys on this device</span>
      </label>
      <label className="field">
        <span>Default model for new nodes</span>
        <select
          data-testid="default-model"
          value={settings.defaultModel}
          onChange={(event) => updateSettings({ defaultModel: event.target.value })}
        >
          {selectableModels().map((model) => (
            <option key={model.id} value={model.id}>
              {model.displayName}
            </option>
          ))}
        </select>
      </label>
      <ModelCatalogSettings />
      <label className="field">
        <span>Parallel calls</span>
        <input
          type="number"
          min={1}
          max={16}
          data-testid="concurrency-input"
          value={settings.concurrency}
          onChange={(event) => {
            const value = Math.round(Number(event.target.value));
            if (value >= 1 && value <= 16) updateSettings({ concurrency: value });
          }}
        />
      </label>
      <label className="field">
        <span>Budget cap per run (USD, empty = none)</span>
        <input
          type="number"
          min={0}
          step={0.01}
          data-testid="budget-input"
          value={settings.budgetUsd ?? ''}
          onChange={(event) => {
            const value = Number(event.target.value);
            updateSettings({ budgetUsd: event.target.value === '' || !(value > 0) ? null : value });
          }}
        />
      </label>
      <label className="field">
        <span>Timeout per attempt (seconds)</span>
        <input
          type="number"
          min={ATTEMPT_TIMEOUT_LIMITS.min}
          max={ATTEMPT_TIMEOUT_LIMITS.max}
          data-testid="attempt-timeout-input"
          value={settings.attemptTimeoutSeconds}
          onChange={(event) => {
            const value = Number(event.target.value);
            if (value >= ATTEMPT_TIMEOUT_LIMITS.min && value <= ATTEMPT_TIMEOUT_LIMITS.max)
              updateSettings({ attemptTimeoutSeconds: value });
          }}
        />
        <small className="field-hint">
          A call and its retries stop after{' '}
          {formatWait(callDeadlineFor(settings.attemptTimeoutSeconds * 1000))} in all.
        </small>
      </label>
      <label className="field field-check">
        <input
          type="checkbox"
          data-testid="embed-workflow-setting"
          checked={settings.embedWorkflowInImages}
          onChange={(event) => updateSettings({ embedWorkflowInImages: event.target.checked })}
        />
        <span>Embed workflow in images (downloads carry the workflow that made them)</span>
      </label>
      <details>
        <summary>Advanced</summary>
        <label className="field">
          <span>API base URL (proxies, local testing)</span>
          <input
            type="url"
            data-testid="base-url-input"
            value={settings.baseUrl}
            placeholder="https://generativelanguage.googleapis.com"
            onChange={(event) => updateSettings({ baseUrl: event.target.value })}
          />
        </label>
        <RouteAdvancedFields settings={settings} />
      </details>
    </section>
  );
}
