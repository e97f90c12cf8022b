/**
 * Reads a route's settings from the environment, as the README documents:
 * - gemini: GEMINI_API_KEY, GEMINI_BASE_URL
 * - vertex: GOOGLE_CLOUD_PROJECT, GOOGLE_CLOUD_LOCATION (default global); credentials, first
 *   found wins: VERTEX_API_KEY (express mode), GOOGLE_CLOUD_ACCESS_TOKEN (bearer), then
 *   Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS or gcloud's ADC file);
 *   VERTEX_BASE_URL
 * - openrouter: OPENROUTER_API_KEY, OPENROUTER_BASE_URL
 * Nothing here reads a secret into a message: problems name the variables only.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { err, ok, type PeelError, peelError, type Result } from '../engine/result';
import { isRouteId, type RouteId } from '../engine/route-models';
import { DEFAULT_VERTEX_LOCATION, type RouteSettings } from '../providers/routes';

type Env = Record<string, string | undefined>;

const value = (env: Env, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v ? v : undefined;
};

/** `--route` wins over PEEL_ROUTE; the default is gemini. */
export function chosenRoute(flag: string | undefined, env: Env): Result<RouteId> {
  const raw = flag ?? value(env, 'PEEL_ROUTE') ?? 'gemini';
  if (isRouteId(raw)) return ok(raw);
  return err(
    peelError(
      'invalid_input',
      `${flag ? '--route' : 'PEEL_ROUTE'} is gemini, vertex or openrouter, got "${raw}"`,
    ),
  );
}

/** gcloud's ADC file (`gcloud auth application-default login`), where google-auth-library looks. */
export function gcloudAdcFile(env: Env): string {
  const configDir =
    value(env, 'CLOUDSDK_CONFIG') ??
    (process.platform === 'win32'
      ? join(env.APPDATA ?? homedir(), 'gcloud')
      : join(homedir(), '.config', 'gcloud'));
  return join(configDir, 'application_default_credentials.json');
}

export interface ResolvedRoute {
  settings: RouteSettings;
  /** Set when a call would be impossible: an error only if the plan needs a call. */
  missing?: PeelError;
}

export function routeSettingsFromEnv(route: RouteId, env: Env): ResolvedRoute {
  if (route === 'gemini') {
    const apiKey = value(env, 'GEMINI_API_KEY') ?? '';
    const settings: RouteSettings = { route, apiKey, baseUrl: value(env, 'GEMINI_BASE_URL') };
    return apiKey
      ? { settings }
      : {
          settings,
          missing: peelError(
            'api_key_missing',
            'GEMINI_API_KEY is not set: export GEMINI_API_KEY=... (or use --route vertex|openrouter, --provider preview, or --dry-run)',
          ),
        };
  }
  if (route === 'openrouter') {
    const apiKey = value(env, 'OPENROUTER_API_KEY') ?? '';
    const settings: RouteSettings = {
      route,
      apiKey,
      baseUrl: value(env, 'OPENROUTER_BASE_URL'),
      appUrl: 'http://localhost',
    };
    return apiKey
      ? { settings }
      : {
          settings,
          missing: peelError(
            'api_key_missing',
            'OPENROUTER_API_KEY is not set: export OPENROUTER_API_KEY=... (or --dry-run)',
          ),
        };
  }
  const project = value(env, 'GOOGLE_CLOUD_PROJECT');
  const location = value(env, 'GOOGLE_CLOUD_LOCATION') ?? DEFAULT_VERTEX_LOCATION;
  const baseUrl = value(env, 'VERTEX_BASE_URL');
  const apiKey = value(env, 'VERTEX_API_KEY');
  if (apiKey) return { settings: { route, credential: 'express-key', apiKey, location, baseUrl } };
  const accessToken = value(env, 'GOOGLE_CLOUD_ACCESS_TOKEN');
  const credential = accessToken ? 'access-token' : 'adc';
  const settings: RouteSettings = { route, credential, accessToken, project, location, baseUrl };
  if (!project) {
    return {
      settings,
      missing: peelError(
        'api_key_missing',
        'Vertex AI needs GOOGLE_CLOUD_PROJECT (with GOOGLE_CLOUD_ACCESS_TOKEN or Application Default Credentials), or VERTEX_API_KEY for express mode',
      ),
    };
  }
  if (credential === 'adc') {
    const file = value(env, 'GOOGLE_APPLICATION_CREDENTIALS');
    const found = file ? existsSync(file) : existsSync(gcloudAdcFile(env));
    if (!found) {
      return {
        settings,
        missing: peelError(
          'api_key_missing',
          file
            ? 'GOOGLE_APPLICATION_CREDENTIALS names a file that does not exist: point it at a service-account key, or set GOOGLE_CLOUD_ACCESS_TOKEN or VERTEX_API_KEY'
            : 'no Vertex AI credentials: set VERTEX_API_KEY (express mode) or GOOGLE_CLOUD_ACCESS_TOKEN, or run `gcloud auth application-default login` / set GOOGLE_APPLICATION_CREDENTIALS',
        ),
      };
    }
  }
  return { settings };
}

/**
 * google-auth-library options for a bearer token: an OAuth2Client holding only the token, so no
 * refresh is attempted (an expired token fails with 401 and the message says how to refresh).
 * Loaded only when needed: the browser bundle never includes google-auth-library.
 */
export async function withVertexAuth(settings: RouteSettings): Promise<RouteSettings> {
  if (settings.route !== 'vertex' || settings.credential !== 'access-token' || !settings.accessToken)
    return settings;
  const { OAuth2Client } = await import('google-auth-library');
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: settings.accessToken });
  return { ...settings, googleAuthOptions: { authClient } };
}
