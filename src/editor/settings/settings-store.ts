import { create } from 'zustand';
import { DEFAULT_MODEL } from '../../engine/models';
import { DEFAULT_ATTEMPT_TIMEOUT_MS } from '../../engine/retry-policy';
import { loadRememberedKey, storeKey } from './key-storage';

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
  /** Seconds one attempt of a model call may wait for an answer (the CLI's --timeout). */
  attemptTimeoutSeconds: number;
}

export const ATTEMPT_TIMEOUT_LIMITS = { min: 1, max: 3600 } as const;

type PublicSettings = Omit<Settings, 'apiKey'>;
const PREFS_KEY = 'peel.settings';

const DEFAULTS: PublicSettings = {
  rememberKey: false,
  provider: 'gemini',
  defaultModel: DEFAULT_MODEL,
  concurrency: 4,
  budgetUsd: null,
  baseUrl: '',
  embedWorkflowInImages: true,
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
  const { apiKey: _secret, ...prefs } = settings;
  try {
    globalThis.localStorage?.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Preferences are a convenience; failing to save them is not an error worth showing.
  }
}

export function initialSettings(): Settings {
  const prefs = loadPrefs();
  const remembered = prefs.rememberKey ? loadRememberedKey() : undefined;
  return { ...prefs, apiKey: remembered ?? '' };
}

export const useSettingsStore = create<Settings>()(initialSettings);

export function updateSettings(patch: Partial<Settings>): void {
  const next = { ...useSettingsStore.getState(), ...patch };
  useSettingsStore.setState(next);
  savePrefs(next);
  if ('apiKey' in patch || 'rememberKey' in patch) storeKey(next.apiKey, next.rememberKey);
}

export function hasKey(settings: Settings = useSettingsStore.getState()): boolean {
  return settings.apiKey.trim() !== '';
}
