/**
 * Vertex AI answers with the same google.rpc error bodies as the Gemini API, so the Gemini
 * mapping does most of the work; credentials and "model not here" need Vertex words: a rejected
 * bearer token expires hourly and is refreshed with gcloud, and a model missing from a region is
 * a location question, not a typo. Shapes checked 2026-12-02 against Google's REST reference
 * (cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference) and the SDK's ApiError.
 */
import type { ProviderError } from '../../engine/provider';
import { type FailureContext, fromHttpError, providerErrorFromThrown } from '../gemini/errors';
import { parseRpcError } from '../gemini/rpc-error';

export type VertexCredentialKind = 'express-key' | 'access-token' | 'adc';

export interface VertexFailureContext extends FailureContext {
  credential: VertexCredentialKind;
  project?: string | undefined;
  location?: string | undefined;
}

const HOW_TO_REFRESH: Record<VertexCredentialKind, string> = {
  'express-key':
    'check VERTEX_API_KEY (a Vertex AI express-mode key from the Google Cloud console) or enter a new key in Settings',
  'access-token':
    'access tokens expire after about an hour: refresh it with `export GOOGLE_CLOUD_ACCESS_TOKEN=$(gcloud auth print-access-token)`',
  adc: 'refresh Application Default Credentials with `gcloud auth application-default login`, or point GOOGLE_APPLICATION_CREDENTIALS at a valid service-account key',
};

function credentialsRejected(why: string, context: VertexFailureContext): ProviderError {
  return {
    code: 'api_key_rejected',
    message: `Vertex AI rejected the credentials (${why}): ${HOW_TO_REFRESH[context.credential]}`,
    retryable: false,
    stopsRun: true,
  };
}

function asHttp(thrown: unknown): { status: number; message: string } | undefined {
  if (!(thrown instanceof Error)) return undefined;
  const status = (thrown as Error & { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 600
    ? { status, message: thrown.message }
    : undefined;
}

export function vertexErrorFromThrown(thrown: unknown, context: VertexFailureContext): ProviderError {
  const http = context.aborted || context.timedOutAfterMs !== undefined ? undefined : asHttp(thrown);
  if (!http) return renameService(providerErrorFromThrown(thrown, context));
  const rpc = parseRpcError(http.status, http.message);
  const google = rpc.message || rpc.status || `HTTP ${rpc.httpStatus}`;
  if (rpc.httpStatus === 401) return credentialsRejected(google, context);
  if (rpc.reason?.startsWith('API_KEY_')) return credentialsRejected(`${rpc.reason}: ${google}`, context);
  if (rpc.httpStatus === 403) {
    const disabled = rpc.reason === 'SERVICE_DISABLED' || /has not been used|is disabled/i.test(google);
    if (disabled) {
      return {
        code: 'api_key_rejected',
        message: `the Vertex AI API is not enabled in project ${context.project ?? '(the key’s project)'} (${google}): enable aiplatform.googleapis.com in the Google Cloud console`,
        retryable: false,
        stopsRun: true,
      };
    }
    return credentialsRejected(`permission denied: ${google}`, context);
  }
  if (rpc.httpStatus === 404) {
    const where = context.location ? `location "${context.location}"` : 'the global endpoint (express mode)';
    const hint =
      context.location && context.location !== 'global'
        ? '; Gemini image models are often served only in "global": try GOOGLE_CLOUD_LOCATION=global'
        : '; check the model id';
    return {
      code: 'model_not_found',
      message: `model "${context.model}" is not available on Vertex AI in ${where}${context.project ? ` of project ${context.project}` : ''} (${google})${hint}`,
      retryable: false,
    };
  }
  return renameService(fromHttpError(rpc, context));
}

/** The Gemini mapping names "Gemini"; on this route the service is Vertex AI. */
function renameService(error: ProviderError): ProviderError {
  return {
    ...error,
    message: error.message
      .replace(/^Gemini is unavailable/, 'Vertex AI is unavailable')
      .replace(/^Gemini failed/, 'Vertex AI failed')
      .replace(/^Gemini rejected/, 'Vertex AI rejected')
      .replace('the connection to Gemini failed', 'the connection to Vertex AI failed')
      .replace('unexpected failure talking to Gemini', 'unexpected failure talking to Vertex AI')
      .replace(/^Gemini did not answer/, 'Vertex AI did not answer')
      .replace('use a key with billing enabled', 'ask for a higher Vertex AI quota'),
  };
}
