/**
 * The official `@google/genai` SDK in Vertex AI mode; the SDK builds every URL:
 * - express mode (an API key, no project): `https://aiplatform.googleapis.com/v1/publishers/google/models/{m}:generateContent`
 * - project mode: `https://{location}-aiplatform.googleapis.com/v1/projects/{p}/locations/{l}/publishers/google/models/{m}:generateContent`,
 *   or `aiplatform.googleapis.com` for the `global` location.
 * Read in the SDK's source (node_modules/@google/genai 2.32, ApiClient constructor), 2026-12-02.
 * `apiVersion` is `v1` (the SDK's Vertex default is `v1beta1`): the generally available surface.
 * SDK retries stay off: the engine owns the single retry layer.
 */
import type { GoogleGenAI, GoogleGenAIOptions } from '@google/genai';
import { type GenerateFn, sdkGenerate } from '../gemini/client';

export const VERTEX_API_VERSION = 'v1';

export interface VertexClientOptions {
  /** Express mode: a Vertex API key, sent as `x-goog-api-key`; no project or location. */
  apiKey?: string | undefined;
  project?: string | undefined;
  location?: string | undefined;
  /**
   * google-auth-library options (an `authClient` carrying a bearer token, or nothing for
   * Application Default Credentials). Built by the host, so the browser bundle never loads it.
   */
  googleAuthOptions?: GoogleGenAIOptions['googleAuthOptions'];
  baseUrl?: string | undefined;
}

export function createVertexGenerate(options: VertexClientOptions): GenerateFn {
  let client: Promise<GoogleGenAI> | undefined;
  const connect = (): Promise<GoogleGenAI> => {
    client ??= import('@google/genai').then(
      ({ GoogleGenAI }) =>
        new GoogleGenAI({
          vertexai: true,
          apiVersion: VERTEX_API_VERSION,
          ...(options.apiKey
            ? { apiKey: options.apiKey }
            : {
                project: options.project,
                location: options.location,
                ...(options.googleAuthOptions ? { googleAuthOptions: options.googleAuthOptions } : {}),
              }),
          ...(options.baseUrl ? { httpOptions: { baseUrl: options.baseUrl } } : {}),
        }),
      (cause: unknown) => {
        client = undefined;
        throw cause;
      },
    );
    return client;
  };
  return sdkGenerate(connect);
}
