import { create } from 'zustand';
import { DEFAULT_MODEL } from '../../engine/models';
import { DEFAULT_ATTEMPT_TIMEOUT_MS } from '../../engine/retry-policy';
import { isRouteId, type RouteId } from '../../engine/route-models';
import { loadRememberedKey, storeKey } from './key-storage';
import { applyStoredModelOverrides } from './model-overrides';

// The catalog must carry the user's overrides before any estimate reads it.
applyStoredModelOverrides();

import { loadRememberedRouteSecrets, ROUTE_SECRET_FIELDS, storeRouteSecrets } from './route-secrets';

export type ProviderKind = 'gemini' | 'preview';

export interface Settings {
  /** In memory; persisted only through key-storage when `rememberKey` is on. Never logged. */
  apiKey: string;
  rememberKey: boolean;
  provider: ProviderKind;
  defaultModel: string;
  concurrency: number;
  /** USD; empty means no cap. */
  budgetUsd: number | null;
  /** Advanced: proxies and local test servers. Empty = Google's endpoint. */
  baseUrl: string;
  /** Every image downloaded from the app carries the workflow that made it (PNG, JPEG). */
  embedWorkflowInImages: boolean;
  /** How calls reach the model: a setting of the run, never of the workflow file. */
  route: RouteId;
  /** Vertex AI express-mode key (browsers cannot use project credentials). Secret, like apiKey. */
  vertexApiKey: string;
  /** Advanced: another Vertex endpoint (proxies, the local fake). Empty = the SDK's default. */
  vertexBaseUrl: string;
  /** OpenRouter key, typed or from "Sign in with OpenRouter". Secret, like apiKey. */
  openrouterKey: string;
  /** Advanced: another OpenRouter API base. Empty = https://openrouter.ai/api/v1. */
  openrouterBaseUrl: string;
  /** Advanced: OpenRouter's consent page for the PKCE sign-in (tests point it at the fake). */
  openrouterAuthUrl: string;
  /** Seconds one attempt of a model call may wait for an answer (the CLI's --timeout). */
  attemptTimeoutSeconds: number;
}

export const ATTEMPT_TIMEOUT_LIMITS = { min: 1, max: 3600 } as const;

type SecretField = 'apiKey' | (typeof ROUTE_SECRET_FIELDS)[number];
type PublicSettings = Omit<Settings, SecretField>;
const PREFS_KEY = 'peel.settings';

const DEFAULTS: PublicSettings = {
  rememberKey: false,
  provider: 'gemini',
  defaultModel: DEFAULT_MODEL,
  concurrency: 4,
  budgetUsd: null,
  baseUrl: '',
  embedWorkflowInImages: true,
  route: 'gemini',
  vertexBaseUrl: '',
  openrouterBaseUrl: '',
  openrouterAuthUrl: '',
  attemptTimeoutSeconds: DEFAULT_ATTEMPT_TIMEOUT_MS / 1000,
};

/** Non-secret preferences (never the key) persist in localStorage. */
function loadPrefs(): PublicSettings {
  try {
    const raw = globalThis.localStorage?.getItem(PREFS_KEY);
    if (!raw) return DEFAULTS;
    const parsed = JSON.parse(raw) as Partial<PublicSettings>;
    return {
      rememberKey: parsed.rememberKey === true,
      provider: parsed.provider === 'preview' ? 'preview' : 'gemini',
      defaultModel: typeof parsed.defaultModel === 'string' ? parsed.defaultModel : DEFAULTS.defaultModel,
      concurrency:
        typeof parsed.concurrency === 'number' && parsed.concurrency >= 1 && parsed.concurrency <= 16
          ? Math.round(parsed.concurrency)
          : DEFAULTS.concurrency,
      budgetUsd: typeof parsed.budgetUsd === 'number' && parsed.budgetUsd > 0 ? parsed.budgetUsd : null,
      baseUrl: typeof parsed.baseUrl === 'string' ? parsed.baseUrl : '',
      embedWorkflowInImages: parsed.embedWorkflowInImages !== false,
      route: isRouteId(parsed.route) ? parsed.route : 'gemini',
      vertexBaseUrl: typeof parsed.vertexBaseUrl === 'string' ? parsed.vertexBaseUrl : '',
      openrouterBaseUrl: typeof parsed.openrouterBaseUrl === 'string' ? parsed.openrouterBaseUrl : '',
      openrouterAuthUrl: typeof parsed.openrouterAuthUrl === 'string' ? parsed.openrouterAuthUrl : '',
      attemptTimeoutSeconds:
        typeof parsed.attemptTimeoutSeconds === 'number' &&
        parsed.attemptTimeoutSeconds >= ATTEMPT_TIMEOUT_LIMITS.min &&
        parsed.attemptTimeoutSeconds <= ATTEMPT_TIMEOUT_LIMITS.max
          ? parsed.attemptTimeoutSeconds
          : DEFAULTS.attemptTimeoutSeconds,
    };
  } catch {
    // Broken or unavailable storage: start from defaults.
    return DEFAULTS;
  }
}

function savePrefs(settings: Settings): void {
  const { apiKey: _secret, vertexApiKey: _vertex, openrouterKey: _openrouter, ...prefs } = settings;
  try {
    globalThis.localStorage?.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Preferences are a convenience; failing to save them is not an error worth showing.
  }
}

export function initialSettings(): Settings {
  const prefs = loadPrefs();
  const remembered = prefs.rememberKey ? loadRememberedKey() : undefined;
  const routeSecrets = prefs.rememberKey ? loadRememberedRouteSecrets() : {};
  return {
    ...prefs,
    apiKey: remembered ?? '',
    vertexApiKey: routeSecrets.vertexApiKey ?? '',
    openrouterKey: routeSecrets.openrouterKey ?? '',
  };
}

export const useSettingsStore = create<Settings>()(initialSettings);

export function updateSettings(patch: Partial<Settings>): void {
  const next = { ...useSettingsStore.getState(), ...patch };
  useSettingsStore.setState(next);
  savePrefs(next);
  if ('apiKey' in patch || 'rememberKey' in patch) storeKey(next.apiKey, next.rememberKey);
  if (ROUTE_SECRET_FIELDS.some((field) => field in patch) || 'rememberKey' in patch) {
    storeRouteSecrets(
      { vertexApiKey: next.vertexApiKey, openrouterKey: next.openrouterKey },
      next.rememberKey,
    );
  }
}

/** The secret the chosen route needs (the Gemini key, the Vertex express key, the OpenRouter key). */
export function routeSecret(settings: Settings): string {
  if (settings.route === 'vertex') return settings.vertexApiKey;
  if (settings.route === 'openrouter') return settings.openrouterKey;
  return settings.apiKey;
}

export function hasKey(settings: Settings = useSettingsStore.getState()): boolean {
  return routeSecret(settings).trim() !== '';
}

/** Every secret the settings hold, for redaction: none of them may leave inside a file. */
export function settingsSecrets(settings: Settings = useSettingsStore.getState()): string[] {
  return [settings.apiKey, settings.vertexApiKey, settings.openrouterKey]
    .map((secret) => secret.trim())
    .filter((secret) => secret !== '');
}
