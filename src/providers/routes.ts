/**
 * Access routes: how calls reach Google's image models. Each route is one adapter behind the
 * same ImageProvider interface, chosen per run (never stored in the workflow file), and every
 * route shares the cache identity "gemini".
 */
import type { HashBytes } from '../engine/hash-bytes';
import type { ImageProvider } from '../engine/provider';
import { ROUTE_LABELS, type RouteId } from '../engine/route-models';
import { createGeminiProvider } from './gemini';
import { createOpenRouterProvider, OPENROUTER_DEFAULT_BASE_URL } from './openrouter';
import { createVertexProvider, type VertexCredentialKind, type VertexProviderOptions } from './vertex';

export type RouteSettings =
  | { route: 'gemini'; apiKey: string; baseUrl?: string | undefined; timeoutMs?: number | undefined }
  | {
      route: 'vertex';
      credential: VertexCredentialKind;
      /** Express-mode key (credential "express-key"). */
      apiKey?: string | undefined;
      /** Bearer token (credential "access-token"); only used to scrub messages here. */
      accessToken?: string | undefined;
      project?: string | undefined;
      location: string;
      baseUrl?: string | undefined;
      googleAuthOptions?: VertexProviderOptions['googleAuthOptions'];
      timeoutMs?: number | undefined;
    }
  | {
      route: 'openrouter';
      apiKey: string;
      baseUrl?: string | undefined;
      appUrl?: string | undefined;
      timeoutMs?: number | undefined;
    };

export const DEFAULT_VERTEX_LOCATION = 'global';

/** `hashBytes`: how the provider hashes the images it receives (the host's; the platform's otherwise). */
export function createRouteProvider(settings: RouteSettings, hashBytes?: HashBytes): ImageProvider {
  switch (settings.route) {
    case 'gemini':
      return createGeminiProvider({
        apiKey: settings.apiKey,
        baseUrl: settings.baseUrl,
        timeoutMs: settings.timeoutMs,
        hashBytes,
      });
    case 'vertex':
      return createVertexProvider({
        credential: settings.credential,
        apiKey: settings.credential === 'express-key' ? settings.apiKey : undefined,
        project: settings.project,
        location: settings.location,
        baseUrl: settings.baseUrl,
        googleAuthOptions: settings.googleAuthOptions,
        secrets: routeSecrets(settings),
        timeoutMs: settings.timeoutMs,
        hashBytes,
      });
    case 'openrouter':
      return createOpenRouterProvider({
        apiKey: settings.apiKey,
        baseUrl: settings.baseUrl,
        appUrl: settings.appUrl,
        timeoutMs: settings.timeoutMs,
        hashBytes,
      });
  }
}

/** Every secret a route's settings hold: never in a file, record, event or message. */
export function routeSecrets(settings: RouteSettings): string[] {
  const values = settings.route === 'vertex' ? [settings.apiKey, settings.accessToken] : [settings.apiKey];
  return values.flatMap((value) => (value?.trim() ? [value, value.trim()] : []));
}

export interface RouteDescription {
  route: RouteId;
  label: string;
  /** Host the calls go to (never a credential). */
  host: string;
  /** What kind of credential is used, in words (never the credential). */
  credential: string;
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

const VERTEX_CREDENTIAL_WORDS: Record<VertexCredentialKind, string> = {
  'express-key': 'Vertex AI express-mode API key (VERTEX_API_KEY)',
  'access-token': 'bearer access token (GOOGLE_CLOUD_ACCESS_TOKEN)',
  adc: 'Application Default Credentials (google-auth-library)',
};

/** The Vertex endpoint host the SDK picks (its ApiClient constructor, @google/genai 2.32). */
export function vertexHost(settings: Extract<RouteSettings, { route: 'vertex' }>): string {
  if (settings.baseUrl) return hostOf(settings.baseUrl);
  if (settings.credential === 'express-key' || settings.location === 'global')
    return 'aiplatform.googleapis.com';
  if (settings.location === 'us' || settings.location === 'eu')
    return `aiplatform.${settings.location}.rep.googleapis.com`;
  return `${settings.location}-aiplatform.googleapis.com`;
}

export function describeRoute(settings: RouteSettings): RouteDescription {
  const label = ROUTE_LABELS[settings.route];
  switch (settings.route) {
    case 'gemini':
      return {
        route: 'gemini',
        label,
        host: hostOf(settings.baseUrl || 'https://generativelanguage.googleapis.com'),
        credential: 'Gemini API key (GEMINI_API_KEY)',
      };
    case 'vertex': {
      const where =
        settings.credential === 'express-key'
          ? 'express mode, no project'
          : `project ${settings.project ?? '(unset)'}, location ${settings.location}`;
      return {
        route: 'vertex',
        label,
        host: vertexHost(settings),
        credential: `${VERTEX_CREDENTIAL_WORDS[settings.credential]}; ${where}`,
      };
    }
    case 'openrouter':
      return {
        route: 'openrouter',
        label,
        host: hostOf(settings.baseUrl || OPENROUTER_DEFAULT_BASE_URL),
        credential: 'OpenRouter API key (OPENROUTER_API_KEY)',
      };
  }
}
