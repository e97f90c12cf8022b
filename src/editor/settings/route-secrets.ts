/**
 * The Vertex AI key and the OpenRouter key between visits: like the Gemini key (key-storage.ts),
 * written to the PeelStore settings only when "remember on this device" is ticked, otherwise kept
 * in memory only; unticking erases the stored copies.
 */
export const ROUTE_SECRET_FIELDS = ['vertexApiKey', 'openrouterKey'] as const;
type Field = (typeof ROUTE_SECRET_FIELDS)[number];
export type RouteSecrets = Partial<Record<Field, string>>;

const STORAGE_NAMES: Record<Field, string> = {
  vertexApiKey: 'vertex.apiKey',
  openrouterKey: 'openrouter.apiKey',
};

export interface RouteSecretBackend {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<{ ok: boolean; error?: { message: string } }>;
  remove(key: string): Promise<{ ok: boolean; error?: { message: string } }>;
}

let backend: RouteSecretBackend | null = null;
let pending: { secrets: RouteSecrets; remember: boolean } | null = null;
let remembered: RouteSecrets = {};
let onFailure: ((message: string) => void) | undefined;

export function loadRememberedRouteSecrets(): RouteSecrets {
  return remembered;
}

function write(target: RouteSecretBackend, secrets: RouteSecrets, remember: boolean): void {
  for (const field of ROUTE_SECRET_FIELDS) {
    const value = secrets[field]?.trim() ?? '';
    const name = STORAGE_NAMES[field];
    const done = remember && value !== '' ? target.set(name, value) : target.remove(name);
    void done.then(
      (result) => {
        if (!result.ok)
          onFailure?.(
            `Could not ${remember ? 'remember' : 'forget'} a key: ${result.error?.message ?? 'the write failed'}`,
          );
      },
      () => onFailure?.(`Could not ${remember ? 'remember' : 'forget'} a key`),
    );
  }
}

export function storeRouteSecrets(secrets: RouteSecrets, remember: boolean): void {
  remembered = remember ? { ...secrets } : {};
  if (backend) write(backend, secrets, remember);
  else pending = { secrets, remember };
}

/** Connects the store at startup and returns the remembered keys, if the user asked for that. */
export async function attachRouteSecretBackend(
  next: RouteSecretBackend | null,
  options: { remember: boolean; onError?: (message: string) => void },
): Promise<RouteSecrets> {
  backend = next;
  onFailure = options.onError;
  if (!next) return {};
  if (pending) {
    const request = pending;
    pending = null;
    write(next, request.secrets, request.remember);
    return {};
  }
  if (!options.remember) return {};
  const loaded: RouteSecrets = {};
  for (const field of ROUTE_SECRET_FIELDS) {
    const value = await next.get<unknown>(STORAGE_NAMES[field]).catch(() => undefined);
    if (typeof value === 'string' && value !== '') loaded[field] = value;
  }
  remembered = loaded;
  return loaded;
}
