import type { ImageProvider } from '../engine/provider';
import type { PeelError } from '../engine/result';
import type { RouteId } from '../engine/route-models';
import { createProvider } from '../providers/index';
import { createRouteProvider, describeRoute, type RouteDescription } from '../providers/routes';
import { nodeHashBytes } from './node-hash-bytes';
import { routeSettingsFromEnv, withVertexAuth } from './route-settings';

export interface CliProvider {
  provider: ImageProvider;
  /** Set when the route's credentials are missing: an error only if the plan needs a call. */
  missingKey?: PeelError;
  /** Which route, host and credential kind (never the credential); absent for preview. */
  route?: RouteDescription;
}

/** The route part of a run, without creating a provider (for --dry-run and early checks). */
export function routeFor(route: RouteId, env: Record<string, string | undefined>) {
  const resolved = routeSettingsFromEnv(route, env);
  return { ...resolved, description: describeRoute(resolved.settings) };
}

export async function providerFor(
  kind: 'gemini' | 'preview',
  env: Record<string, string | undefined>,
  route: RouteId = 'gemini',
): Promise<CliProvider> {
  if (kind === 'preview') return { provider: createProvider('preview') };
  const resolved = routeFor(route, env);
  // Without credentials the provider still exists: its calls answer api_key_missing, which stops a run.
  const provider = createRouteProvider(
    resolved.missing ? resolved.settings : await withVertexAuth(resolved.settings),
    nodeHashBytes,
  );
  return {
    provider,
    route: resolved.description,
    ...(resolved.missing ? { missingKey: resolved.missing } : {}),
  };
}
