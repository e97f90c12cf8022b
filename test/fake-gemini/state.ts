/** Everything one fake server instance remembers. */
import { BatchStore } from './batches';
import { FaultQueue } from './faults';
import { FileStore } from './files';
import type { RecordedRequest } from './types';

export class FakeState {
  url = '';
  latencyMs: number;
  readonly requests: RecordedRequest[] = [];
  readonly faults = new FaultQueue();
  readonly files = new FileStore(() => this.url);
  readonly batches = new BatchStore(this.files, this.faults);

  readonly accessToken: string;
  readonly vertexApiKey: string;
  readonly openrouterKey: string;
  /** OAuth PKCE codes handed out by /auth, with the challenge each must match. */
  readonly oauthCodes = new Map<string, { challenge: string; method: string }>();

  constructor(
    readonly apiKey: string,
    private readonly defaultLatencyMs: number,
    keys: {
      accessToken?: string | undefined;
      vertexApiKey?: string | undefined;
      openrouterKey?: string | undefined;
    } = {},
  ) {
    this.accessToken = keys.accessToken ?? 'test-token-456';
    this.vertexApiKey = keys.vertexApiKey ?? 'test-vertex-key-789';
    this.openrouterKey = keys.openrouterKey ?? 'test-or-key-321';
    this.latencyMs = defaultLatencyMs;
  }

  /** Clears requests, faults, batches and files; latency goes back to its start value. */
  reset(): void {
    this.requests.length = 0;
    this.faults.clear();
    this.batches.clear();
    this.files.clear();
    this.oauthCodes.clear();
    this.latencyMs = this.defaultLatencyMs;
  }
}

export function isGenerateCall(r: RecordedRequest): boolean {
  return /:(stream)?generateContent(\?|$)/i.test(r.path) || /\/chat\/completions(\?|$)/.test(r.path);
}
