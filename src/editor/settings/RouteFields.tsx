/**
 * Settings for the access route: a picker (Gemini API, Vertex AI, OpenRouter) and the fields the
 * chosen route needs. Keys are masked and live in memory unless "remember" is ticked.
 */
import { ROUTE_IDS, ROUTE_LABELS, type RouteId } from '../../engine/route-models';
import { startOpenRouterSignIn } from './openrouter-signin';
import { type Settings, updateSettings } from './settings-store';

function SecretField(props: {
  label: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  hint: string;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type="password"
        data-testid={props.testId}
        autoComplete="off"
        spellCheck={false}
        value={props.value}
        placeholder="paste your key"
        onChange={(event) => props.onChange(event.target.value)}
      />
      <small className="field-hint">{props.hint}</small>
    </label>
  );
}

const keptWhere = (settings: Settings, value: string): string =>
  `${value.trim() ? 'Key set. ' : ''}${settings.rememberKey ? 'Stored on this device (in this browser).' : 'Kept in memory only: gone when you close the tab.'}`;

export function RoutePicker({ settings }: { settings: Settings }) {
  return (
    <label className="field">
      <span>Route (how calls reach the model)</span>
      <select
        data-testid="route-select"
        value={settings.route}
        onChange={(event) => updateSettings({ route: event.target.value as RouteId })}
      >
        {ROUTE_IDS.map((route) => (
          <option key={route} value={route}>
            {ROUTE_LABELS[route]}
          </option>
        ))}
      </select>
      <small className="field-hint">
        The same workflow runs on every route, and outputs are shared: switching route never pays twice.
      </small>
    </label>
  );
}

export function RouteFields({ settings }: { settings: Settings }) {
  if (settings.route === 'vertex') {
    return (
      <>
        <SecretField
          label="Vertex AI API key (express mode)"
          testId="vertex-key-input"
          value={settings.vertexApiKey}
          onChange={(vertexApiKey) => updateSettings({ vertexApiKey })}
          hint={keptWhere(settings, settings.vertexApiKey)}
        />
        <p className="field-hint" data-testid="vertex-browser-note">
          In a browser, Vertex AI only works with an express-mode API key: the SDK refuses project credentials
          (service accounts, access tokens) here. For those, use the CLI (`peel run --route vertex`).
        </p>
      </>
    );
  }
  if (settings.route === 'openrouter') {
    return (
      <>
        <SecretField
          label="OpenRouter API key"
          testId="openrouter-key-input"
          value={settings.openrouterKey}
          onChange={(openrouterKey) => updateSettings({ openrouterKey })}
          hint={keptWhere(settings, settings.openrouterKey)}
        />
        <button type="button" data-testid="openrouter-signin" onClick={() => void startOpenRouterSignIn()}>
          Sign in with OpenRouter
        </button>
      </>
    );
  }
  return null;
}

export function RouteAdvancedFields({ settings }: { settings: Settings }) {
  return (
    <>
      <label className="field">
        <span>Vertex AI base URL</span>
        <input
          type="url"
          data-testid="vertex-base-url-input"
          value={settings.vertexBaseUrl}
          placeholder="https://aiplatform.googleapis.com"
          onChange={(event) => updateSettings({ vertexBaseUrl: event.target.value })}
        />
      </label>
      <label className="field">
        <span>OpenRouter API base URL</span>
        <input
          type="url"
          data-testid="openrouter-base-url-input"
          value={settings.openrouterBaseUrl}
          placeholder="https://openrouter.ai/api/v1"
          onChange={(event) => updateSettings({ openrouterBaseUrl: event.target.value })}
        />
      </label>
      <label className="field">
        <span>OpenRouter sign-in page</span>
        <input
          type="url"
          data-testid="openrouter-auth-url-input"
          value={settings.openrouterAuthUrl}
          placeholder="https://openrouter.ai/auth"
          onChange={(event) => updateSettings({ openrouterAuthUrl: event.target.value })}
        />
      </label>
    </>
  );
}
