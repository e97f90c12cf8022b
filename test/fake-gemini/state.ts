/** Everything one fake server instance remembers. */
import { BatchStore } from './batches';
import { FaultQueue } from './faults';
import { FileStore } from './files';
import type { BatchCreateHoldMode, RecordedRequest } from './types';

/** Batch creates held back by the test (FakeGemini.holdBatchCreates). */
export interface BatchCreateHold {
  mode: BatchCreateHoldMode;
  released: Promise<void>;
  release: () => void;
  /** Reset while held: the held creates never land (they belonged to an earlier test). */
  dropped?: boolean;
}

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
  batchCreateHold: BatchCreateHold | undefined;

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
    if (this.batchCreateHold) {
      this.batchCreateHold.dropped = true;
      this.batchCreateHold.release();
    }
    this.latencyMs = this.defaultLatencyMs;
  }

  holdBatchCreates(mode: BatchCreateHoldMode): () => void {
    this.batchCreateHold?.release();
    let release = () => {};
    const released = new Promise<void>((done) => {
      release = () => {
        if (this.batchCreateHold === hold) this.batchCreateHold = undefined;
        done();
      };
    });
    const hold: BatchCreateHold = { mode, released, release: () => release() };
    this.batchCreateHold = hold;
    return hold.release;
  }
}

export function isGenerateCall(r: RecordedRequest): boolean {
  return /:(stream)?generateContent(\?|$)/i.test(r.path) || /\/chat\/completions(\?|$)/.test(r.path);
}
