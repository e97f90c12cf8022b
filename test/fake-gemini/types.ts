/** Public types of the fake Gemini REST server (re-exported from server.ts). */

export interface FakeGeminiOptions {
  /** Key the fake accepts in `x-goog-api-key` or `?key=`. Default 'test-key-123'. */
  apiKey?: string;
  /** Extra delay before every API answer (not control endpoints or CORS preflight). */
  latencyMs?: number;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Bearer token the Vertex project paths accept. Default 'test-token-456'. */
  accessToken?: string;
  /** Key the Vertex express-mode paths accept. Default 'test-vertex-key-789'. */
  vertexApiKey?: string;
  /** Key OpenRouter's chat completions accept (`Authorization: Bearer`). Default 'test-or-key-321'. */
  openrouterKey?: string;
}

export interface RecordedRequest {
  method: string;
  /** The request target as received: path plus query string. */
  path: string;
  /** Model id (without `models/`) when the path names one. */
  model?: string;
  /** Value of the `x-goog-api-key` header (or `?key=`). */
  apiKey?: string;
  /** Token of an `Authorization: Bearer` header (Vertex project paths, OpenRouter). */
  bearer?: string;
  /** Which API the request spoke; absent for the Gemini API. */
  route?: 'vertex' | 'openrouter';
  /** Request headers (lower-case names) of Vertex and OpenRouter calls. */
  headers?: Record<string, string>;
  /** USD the fake billed in `usage.cost` (OpenRouter answers). */
  costUsd?: number;
  /** Parsed JSON body; `{ byteLength }` for non-JSON bodies; undefined when empty. */
  body: unknown;
  receivedAt: number;
}

export const FAULT_KINDS = [
  'rateLimit',
  'dailyQuota',
  'unavailable503',
  'internal500',
  'imageSafety',
  'noImage',
  'promptBlock',
  'hang',
  'resetMidBody',
  'badBase64',
  'textOnly',
  'apiKeyInvalid',
  'referrerBlocked',
  'serviceBlocked',
  'notFound',
  // Vertex AI (project or express paths)
  'vertexUnauthenticated',
  'vertexPermissionDenied',
  'vertexExhausted',
  // OpenRouter chat completions
  'orUnauthorized',
  'orCredits',
  'orModeration',
  'orTimeout',
  'orRateLimit',
  'orBadGateway',
  'orNoProvider',
  'orErrorIn200',
  'rawError',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  kind: FaultKind;
  /** How many requests this rule applies to; default forever. */
  times?: number;
  match?: (req: RecordedRequest) => boolean;
  /** For rateLimit (default 1) and dailyQuota (default 20000). */
  retryDelaySeconds?: number;
  /** Delay before the (faulty) answer. */
  delayMs?: number;
  /** For rawError: the answer exactly as given (default status 500, Content-Type text/plain). */
  raw?: RawAnswer;
}

export interface RawAnswer {
  status?: number;
  contentType?: string;
  body: string;
}

export interface FakeGemini {
  /** Base URL for the SDK, e.g. http://127.0.0.1:PORT */
  url: string;
  /** Every request received, in order (CORS preflight and /__fake control calls excluded). */
  requests: RecordedRequest[];
  /** Only generateContent / streamGenerateContent calls. */
  generateRequests(): RecordedRequest[];
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  /** Clears requests, faults, batches, files and added models. */
  reset(): void;
  /** Serve (and list) image models the catalog lacks, until reset. */
  addModels(ids: string[]): void;
  /**
   * Holds every batch create from now until the returned release is called (or reset), as a
   * create still under way at Google: `answer-never` records the job at once but keeps its answer
   * back (a create whose answer was lost); `land-on-release` keeps the job out of get/list until
   * release (a create still in flight). After release, creates go through again.
   */
  holdBatchCreates(mode: BatchCreateHoldMode): () => void;
  close(): Promise<void>;
}

export type BatchCreateHoldMode = 'answer-never' | 'land-on-release';

export function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === 'string' && (FAULT_KINDS as readonly string[]).includes(value);
}
